"""The reader's turns split where excerpts begin and end."""

from __future__ import annotations

from dataclasses import dataclass

from pairsight.interviews.page import reader_turns


@dataclass
class Span:
    pk: int
    start: int
    end: int


def test_turns_are_split_at_excerpt_edges_and_know_their_speaker() -> None:
    text = "Interviewer: Hi.\n\nP1: I was scared they'd judge me."
    # P1's words start at 22; "scared" is 28-34.
    turns = reader_turns(text, [(7, 13, 16), (8, 22, len(text))], [Span(1, 28, 34)])
    assert [t.speaker for t in turns] == ["Interviewer", "P1"]
    assert turns[1].passage_id == 8
    assert [(s.text, s.excerpts) for s in turns[1].segments] == [
        ("I was ", ()),
        ("scared", (1,)),
        (" they'd judge me.", ()),
    ]
