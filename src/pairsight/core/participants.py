"""Who took part, by group, from any workstream: the one interface recruitment targets read.

The recruitment tracker (surveys) counts survey responses toward its targets; interview
participants count toward the same targets once interviews record them. Workstreams never
import each other, so interviews offer their counts through this interface: a counter is
registered once (in an app's `ready()`), and the tracker asks every registered counter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class ParticipantCounter(Protocol):
    #: Who is counted, as a reader sees it ("interview participants").
    label: str

    def counts(self, assessment_id: int, characteristic: str) -> Mapping[str, int]:
        """People taking part in the assessment by group of `characteristic` (e.g. the
        high-level ethnic group names of Census 2021, or the areas of the survey)."""
        ...


_COUNTERS: list[ParticipantCounter] = []


def register_participant_counter(counter: ParticipantCounter) -> None:
    if counter not in _COUNTERS:
        _COUNTERS.append(counter)


def unregister_participant_counter(counter: ParticipantCounter) -> None:
    if counter in _COUNTERS:
        _COUNTERS.remove(counter)


def other_participants(assessment_id: int, characteristic: str) -> list[tuple[str, dict[str, int]]]:
    """Each registered counter's label and its counts by group."""
    return [
        (
            counter.label,
            {str(k): int(v) for k, v in counter.counts(assessment_id, characteristic).items()},
        )
        for counter in _COUNTERS
    ]
