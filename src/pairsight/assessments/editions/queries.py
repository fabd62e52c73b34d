"""Reads for the editions: what an edition shows, and what changed since the previous one."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pairsight.assessments.editions.comparison import Change, Kind, compare, grouped
from pairsight.assessments.models import Assessment, EditionRecord
from pairsight.core import comparable

__all__ = ["change_counts", "edition_changes", "edition_findings", "grouped"]


def edition_findings(assessment: Assessment) -> list[dict[str, Any]]:
    """What the edition shows: frozen when it was published, live until then."""
    record = EditionRecord.objects.filter(assessment=assessment).first()
    if record is not None:
        return list(record.evidence)
    return [e.frozen() for e in comparable.everything(assessment)]


def edition_changes(assessment: Assessment) -> list[Change]:
    """Every finding of this edition beside the previous edition's (empty for a first one)."""
    previous = assessment.previous_edition
    if previous is None:
        return []
    return compare(edition_findings(previous), edition_findings(assessment))


def change_counts(changes: list[Change]) -> dict[str, int]:
    counted = Counter(change.kind for change in changes)
    return {kind.value: counted.get(kind, 0) for kind in Kind}


def why_no_next_edition(assessment: Assessment) -> str:
    """Why the next edition cannot be started from this one, or "" when it can."""
    if assessment.published_at is None:
        return f"Publish edition {assessment.edition} before starting the next one."
    following = assessment.next_editions.first()
    if following is not None:
        return f"Edition {following.edition} was already started from this one."
    return ""
