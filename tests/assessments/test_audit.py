"""The audit writer never fails on long text: a record is cut to its columns, on any database."""

from __future__ import annotations

from typing import Any

from pairsight.assessments.audit import record_change
from pairsight.assessments.models import AuditEvent


def test_a_long_name_or_address_is_cut_to_fit_not_refused(team: Any) -> None:
    long_id = "a category named at length " * 10  # 270 characters; the column holds 100
    event = record_change(
        actor=team.lead,
        assessment=team.assessment,
        action="category removed",
        object_type="recommendation category",
        object_id=long_id,
        summary="Removed a category",
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.object_id == long_id[:100]
    assert stored.action == "category removed"
