"""Writes to an assessment itself: creating it, its details, progress and headline."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments.access import require, require_signed_in
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import (
    Area,
    Assessment,
    Membership,
    Progress,
    Role,
    Workstream,
    WorkstreamStatus,
)


def _assessment_state(assessment: Assessment) -> dict[str, Any]:
    return {
        "title": assessment.title,
        "area": assessment.area.name,
        "ons_code": assessment.area.ons_code,
        "start_year": assessment.start_year,
        "end_year": assessment.end_year,
    }


def _area(name: str, ons_code: str) -> Area:
    code = ons_code.strip().upper()
    area = Area.objects.filter(ons_code=code).first()
    if area is None:
        area = Area(name=name.strip(), ons_code=code)
        area.full_clean()
        area.save()
    elif area.name.casefold() != name.strip().casefold():
        raise ValidationError(
            {"ons_code": f"ONS code {code} is already recorded for {area.name}, not {name.strip()}"}
        )
    return area


@transaction.atomic
def create_assessment(
    *,
    user: User,
    title: str,
    area_name: str,
    ons_code: str,
    start_year: int,
    end_year: int | None = None,
    is_demo: bool = False,
) -> Assessment:
    """A new assessment with its creator as lead and every workstream not started."""
    require_signed_in(user)
    assessment = Assessment(
        title=title.strip(),
        area=_area(area_name, ons_code),
        start_year=start_year,
        end_year=end_year,
        is_demo=is_demo,
        created_by=user,
    )
    assessment.full_clean()
    assessment.save()
    Membership.objects.create(assessment=assessment, user=user, role=Role.LEAD)
    WorkstreamStatus.objects.bulk_create(
        WorkstreamStatus(assessment=assessment, workstream=w) for w in Workstream
    )
    record_change(
        actor=user,
        assessment=assessment,
        action="created",
        object_type="assessment",
        object_id=assessment.pk,
        summary=f"Created the assessment {assessment.title}",
        after=_assessment_state(assessment),
    )
    return assessment


@transaction.atomic
def update_assessment(
    *,
    actor: User,
    assessment: Assessment,
    title: str,
    start_year: int,
    end_year: int | None,
) -> Assessment:
    require(actor, assessment, Role.LEAD)
    before = _assessment_state(assessment)
    assessment.title = title.strip()
    assessment.start_year = start_year
    assessment.end_year = end_year
    assessment.full_clean()
    assessment.save()
    after = _assessment_state(assessment)
    if after != before:
        record_change(
            actor=actor,
            assessment=assessment,
            action="changed",
            object_type="assessment",
            object_id=assessment.pk,
            summary="Changed the assessment's details",
            before=before,
            after=after,
        )
    return assessment


@transaction.atomic
def set_progress(
    *,
    actor: User,
    assessment: Assessment,
    workstream: Workstream | str,
    progress: Progress | str,
) -> WorkstreamStatus:
    require(actor, assessment, Role.EDITOR)
    status = WorkstreamStatus.objects.select_for_update().get(
        assessment=assessment, workstream=Workstream(workstream)
    )
    before = {"progress": status.progress}
    status.progress = Progress(progress)
    status.save(update_fields=["progress", "updated_at"])
    if before["progress"] != status.progress:
        record_change(
            actor=actor,
            assessment=assessment,
            action="progress changed",
            object_type="workstream",
            object_id=status.workstream,
            summary=f"Marked {Workstream(workstream).label.lower()} as "
            f"{Progress(progress).label.lower()}",
            before=before,
            after={"progress": status.progress},
        )
    return status


@transaction.atomic
def set_headline(
    *,
    assessment: Assessment,
    workstream: Workstream | str,
    label: str,
    value: str,
    detail: str = "",
) -> WorkstreamStatus:
    """A workstream's key figure on the dashboard; the caller records the change itself.

    Not a use case of its own: only other use cases call it, after their own role check.

    Setting a headline moves a workstream that had not started to "in progress".
    """
    status, _ = WorkstreamStatus.objects.select_for_update().get_or_create(
        assessment=assessment, workstream=Workstream(workstream)
    )
    status.headline_label = label
    status.headline_value = value
    status.headline_detail = detail
    if status.progress == Progress.NOT_STARTED and value:
        status.progress = Progress.IN_PROGRESS
    status.save()
    return status
