"""Where the plan stands on a given day: what is done, what is overdue, what comes next."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Standing(Generic[T]):
    today: datetime.date
    total: int
    done: int
    #: Not done and due before today, earliest first.
    overdue: tuple[T, ...]
    #: The earliest milestone not done and due today or later.
    next: T | None


def _due(item: Any) -> datetime.date:
    due: datetime.date = item.due
    return due


def _done(item: Any) -> bool:
    return bool(item.done)


def standing(
    milestones: Sequence[T],
    today: datetime.date,
    *,
    due: Callable[[T], datetime.date] = _due,
    done: Callable[[T], bool] = _done,
) -> Standing[T]:
    """Milestones are anything with a date due and whether it is done (`due`, `done`)."""
    ordered = sorted(milestones, key=due)
    waiting = [m for m in ordered if not done(m)]
    return Standing(
        today=today,
        total=len(ordered),
        done=len(ordered) - len(waiting),
        overdue=tuple(m for m in waiting if due(m) < today),
        next=next((m for m in waiting if due(m) >= today), None),
    )
