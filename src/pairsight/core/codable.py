"""Written answers any workstream offers for coding with the interview codebook.

Birmingham coded its interviews and the free-text answers of its surveys into the same
themes. Workstreams never import each other, so surveys offer their written answers
through this interface: a source is registered once (in an app's `ready()`), and the
interviews' coding page asks every registered source for an assessment's answers.

Keys are stable (`<prefix>:<name>`, such as `surveys:answer:812`): coding stores the key,
so an answer still finds its coding after the page is drawn again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CodableAnswer:
    """One written answer as it stands now."""

    key: str
    #: Where it came from, as a reader sees it ("Workforce survey").
    source: str
    #: The question it answers.
    question: str
    text: str
    #: Who answered, in the interview groups' words: "practitioner", "manager" or "parent".
    group: str
    #: The words shown beside it when the answer is generated sample data ("" when real).
    synthetic: str = ""

    def __post_init__(self) -> None:
        prefix, _, name = self.key.partition(":")
        if not prefix or not name:
            raise ValueError(f"Answer key {self.key!r} must read <prefix>:<name>.")


#: What a workstream registers: the written answers of one assessment (by its id).
Source = Callable[[int], Iterable[CodableAnswer]]

_sources: dict[str, Source] = {}


def register(prefix: str, source: Source) -> None:
    """Offer a workstream's written answers under `prefix` (registering again replaces it)."""
    if not prefix or ":" in prefix:
        raise ValueError(f"Answer prefix {prefix!r} must be a plain name.")
    _sources[prefix] = source


def unregister(prefix: str) -> None:
    _sources.pop(prefix, None)


def answers(assessment_id: int) -> list[CodableAnswer]:
    """Every written answer the workstreams offer for the assessment, in their order."""
    found: list[CodableAnswer] = []
    for prefix in sorted(_sources):
        for answer in _sources[prefix](assessment_id):
            if not answer.key.startswith(f"{prefix}:"):
                raise ValueError(f"Answer {answer.key!r} is offered under {prefix!r}.")
            found.append(answer)
    return found
