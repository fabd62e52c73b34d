"""What Birmingham's 2022 summary says of its two surveys, written down from the summary
(../shared/reference/000_38ee43f3eb972131.txt), not from PAIRsight's own tables: each
statement is a test of a share, so the synthetic responses and the demo are checked against
the published words rather than against counts the generator chose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PRACTITIONERS_ASKED = 89  # "We asked 89 local practitioners and managers"
PARENTS_ASKED = 49  # "survey – 49 parents"


@dataclass(frozen=True)
class Statement:
    survey: str  # "parents" or "practitioners"
    question_id: str
    answers: tuple[str, ...]
    words: str  # as the summary puts it
    holds: Callable[[int, int], bool]  # (people giving these answers, people answering)


def percent_is(published: int) -> Callable[[int, int], bool]:
    return lambda count, base: round(100 * count / base) == published


def within_one_person_of(published: int) -> Callable[[int, int], bool]:
    # No whole number of 49 parents is 13% beside 86% agreeing: one person either side.
    return lambda count, base: abs(100 * count / base - published) < 100 / base


SAID = (
    Statement("parents", "relationship_impact", ("Strongly agree", "Somewhat agree"),
              "86% strongly or somewhat agreed", percent_is(86)),
    Statement("parents", "relationship_impact", ("Strongly disagree",),
              "13% strongly disagreed", within_one_person_of(13)),
    Statement("parents", "ever_asked", ("No",), "just over two thirds never asked",
              lambda count, base: 2 / 3 < count / base < 0.70),
    Statement("parents", "hard_to_reach_out", ("Fear of judgement by others",),
              "over half: fear of judgment by others", lambda count, base: count / base > 0.5),
    Statement("parents", "hard_to_reach_out", ("Feeling like a failure",),
              "over half: feeling like a failure", lambda count, base: count / base > 0.5),
    Statement("parents", "hard_to_reach_out", ("Unsure where to seek help",),
              "over half: unsure of where to seek help", lambda count, base: count / base > 0.5),
    Statement("practitioners", "training_received",
              ("No specific parent-infant relationship training",),
              "just under a third had no specific training",
              lambda count, base: 0.30 < count / base < 1 / 3),
    Statement("practitioners", "infant_communication", ("Neither easy nor difficult",),
              "26% found it neither easy nor difficult", percent_is(26)),
    Statement("practitioners", "infant_communication", ("Not sure",),
              "3% were not sure", percent_is(3)),
)  # fmt: skip

ASKED = {"parents": PARENTS_ASKED, "practitioners": PRACTITIONERS_ASKED}
