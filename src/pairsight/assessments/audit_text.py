"""The audit trail's before-and-after, in words a person reads (pure: no Django)."""

from __future__ import annotations

from typing import Any

EMPTY = "(none)"


def field_label(name: str) -> str:
    """ "unmet_need" -> "Unmet need"; "capacity-0-name" -> "Capacity 0 name"."""
    words = name.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else name


def value_text(value: Any) -> str:
    """A stored value as text: counts with thousands separators, yes/no, lists and records."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return "; ".join(value_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_label(str(k))}: {value_text(v)}" for k, v in value.items())
    return str(value)


def change_rows(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[tuple[str, str, str]]:
    """One row per field: its label, the value before and after (fields in first-seen order)."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    names = list(dict.fromkeys([*before, *after]))
    return [
        (field_label(name), value_text(before.get(name)), value_text(after.get(name)))
        for name in names
    ]
