"""Where the plan stands on a given day: what is done, what is overdue, what comes next."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class Dated(Protocol):
    @property
    def due(self) -> datetime.date: ...
    @property
    def done(self) -> bool: ...


T = TypeVar("T", bound=Dated)


@dataclass(frozen=True)
class Standing(Generic[T]):
    today: datetime.date
    total: int
    done: int
    #: Not done and due before today, earliest first.
    overdue: tuple[T, ...]
    #: The earliest milestone not done and due today or later.
    next: T | None


def standing(milestones: Sequence[T], today: datetime.date) -> Standing[T]:
    ordered = sorted(milestones, key=lambda m: m.due)
    waiting = [m for m in ordered if not m.done]
    return Standing(
        today=today,
        total=len(ordered),
        done=len(ordered) - len(waiting),
        overdue=tuple(m for m in waiting if m.due < today),
        next=next((m for m in waiting if m.due >= today), None),
    )
