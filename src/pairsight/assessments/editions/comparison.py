"""What changed between two editions: their findings side by side, matched by key.

Pure: takes the frozen copies (`Evidence.frozen()` dictionaries) of two editions and says,
for every key either offers, the old value, the new value and the change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

_NUMBER = re.compile(r"^\s*([+-]?[\d,]+(?:\.\d+)?)\s*(%?)\s*$")


class Kind(Enum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    SAME = "same"


#: What each key prefix is called on the comparison page, in reading order.
GROUPS = {
    "population": "Need figures",
    "servicemap": "Services",
    "surveys": "Survey results",
    "interviews": "Interview themes",
    "recommendations": "Recommendation statuses",
}


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: str | None
    after: str | None
    source: str

    @property
    def kind(self) -> Kind:
        if self.before is None:
            return Kind.ADDED
        if self.after is None:
            return Kind.REMOVED
        return Kind.SAME if self.before == self.after else Kind.CHANGED

    @property
    def group(self) -> str:
        prefix = self.key.partition(":")[0]
        return GROUPS.get(prefix, prefix.capitalize())

    @property
    def difference(self) -> str:
        """The change as a signed number ("+180", "-2.5%") when both values are numbers."""
        old, new = _number(self.before), _number(self.after)
        if old is None or new is None or old[1] != new[1]:
            return ""
        delta = new[0] - old[0]
        sign = "+" if delta > 0 else ""
        return f"{sign}{delta:,}{old[1]}"

    def describe(self) -> str:
        return {
            Kind.ADDED: "new in this edition",
            Kind.REMOVED: "no longer in this edition",
            Kind.SAME: "unchanged",
            Kind.CHANGED: f"changed {self.difference}".strip(),
        }[self.kind]


def _number(value: str | None) -> tuple[Decimal, str] | None:
    match = _NUMBER.match(value or "")
    if match is None:
        return None
    try:
        return Decimal(match.group(1).replace(",", "")), match.group(2)
    except InvalidOperation:
        return None


def compare(
    before: Iterable[Mapping[str, Any]], after: Iterable[Mapping[str, Any]]
) -> list[Change]:
    """Every key of either edition, grouped in reading order, then by label."""
    old = {item["key"]: item for item in before}
    new = {item["key"]: item for item in after}
    changes = []
    for key in old.keys() | new.keys():
        latest = new.get(key) or old[key]
        changes.append(
            Change(
                key=key,
                label=str(latest["label"]),
                before=str(old[key]["value"]) if key in old else None,
                after=str(new[key]["value"]) if key in new else None,
                source=str(latest.get("source", "")),
            )
        )
    order = list(GROUPS.values())
    return sorted(
        changes,
        key=lambda c: (order.index(c.group) if c.group in order else len(order), c.group, c.key),
    )


def grouped(changes: Iterable[Change], *, include_same: bool = False) -> dict[str, list[Change]]:
    """The changes under their group headings (unchanged ones left out unless asked)."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        if include_same or change.kind is not Kind.SAME:
            groups.setdefault(change.group, []).append(change)
    return groups
