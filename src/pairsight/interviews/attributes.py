"""Participants' further attributes, written one a line as `name: value`."""

from __future__ import annotations

MAX_ATTRIBUTES = 20


def parse_attributes(text: str) -> dict[str, str]:
    """`Years in post: 6` lines to a dict; ValueError names the line that is not `name: value`."""
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or not value.strip():
            raise ValueError(f"Line {number}: write each attribute as name: value")
        if len(name.strip()) > 60 or len(value.strip()) > 200:
            raise ValueError(f"Line {number}: keep names to 60 and values to 200 characters")
        found[name.strip()] = value.strip()
    if len(found) > MAX_ATTRIBUTES:
        raise ValueError(f"At most {MAX_ATTRIBUTES} attributes")
    return found
