"""The transcript reader's layout: turns split where coded excerpts begin and end.

Pure: takes offsets, returns pieces of text that the template escapes and marks up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class Span(Protocol):
    pk: int
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    text: str
    #: The excerpts covering this piece (empty: not coded).
    excerpts: tuple[int, ...]


@dataclass(frozen=True)
class ReaderTurn:
    passage_id: int
    position: int
    speaker: str
    start: int
    end: int
    text: str
    segments: tuple[Segment, ...]


def reader_turns(
    text: str, passages: Sequence[tuple[int, int, int]], excerpts: Sequence[Span]
) -> list[ReaderTurn]:
    """`passages` are (id, start, end) in reading order."""
    turns = []
    for position, (passage_id, start, end) in enumerate(passages):
        paragraph_start = text.rfind("\n\n", 0, start)
        label = text[paragraph_start + 2 if paragraph_start >= 0 else 0 : start]
        speaker = label.rstrip().removesuffix(":").strip(" *_")
        cuts = {start, end}
        for excerpt in excerpts:
            for point in (excerpt.start, excerpt.end):
                if start < point < end:
                    cuts.add(point)
        points = sorted(cuts)
        segments = tuple(
            Segment(
                text[a:b],
                tuple(e.pk for e in excerpts if e.start < b and e.end > a),
            )
            for a, b in zip(points, points[1:], strict=False)
        )
        turns.append(
            ReaderTurn(passage_id, position, speaker, start, end, text[start:end], segments)
        )
    return turns
