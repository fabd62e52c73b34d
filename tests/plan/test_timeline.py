"""Where a plan stands on a day: done count, overdue milestones, the next one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pairsight.plan.timeline import standing

DAY = datetime.date(2026, 3, 10)


@dataclass(frozen=True)
class Step:
    name: str
    due: datetime.date
    done: bool = False


def test_overdue_next_and_done_against_today() -> None:
    steps = [
        Step("late", datetime.date(2026, 3, 1)),
        Step("finished", datetime.date(2026, 2, 1), done=True),
        Step("today", DAY),
        Step("later", datetime.date(2026, 4, 1)),
        Step("finished early", datetime.date(2026, 5, 1), done=True),
    ]
    found = standing(steps, DAY)
    assert (found.total, found.done) == (5, 2)
    assert [s.name for s in found.overdue] == ["late"]
    # Due today is not overdue: it is what comes next.
    assert found.next is not None and found.next.name == "today"


def test_an_empty_or_finished_plan_has_nothing_next() -> None:
    assert standing([], DAY).next is None
    finished = standing([Step("a", DAY, done=True)], DAY)
    assert (finished.total, finished.done, finished.overdue, finished.next) == (1, 1, (), None)
