"""The audit trail as a file: written by the worker, then downloaded by the lead (audited).

Writing 50,000 events as CSV took 4 s and 16 MB inside the request; it now runs in the
worker. The lead asks for it from the audit page (with the page's filter, which the file
keeps), the page polls the job, and the finished file waits a day in the assessment's
downloads folder. The download is what leaves PAIRsight's keeping, so that is what the
audit trail records; a file that could not be written is audited too.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks import task

from pairsight.assessments import access, queries
from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import display_name, record_change, record_export
from pairsight.assessments.backup.jobs import downloads_folder, keep_written, sweep_downloads
from pairsight.assessments.models import Assessment, AuditExport, Role

#: A finished file waits this long to be downloaded (it names people and what they did).
KEPT_FOR = datetime.timedelta(days=1)
FILTER_NAMES = ("person", "kind", "action", "since", "until")
OBJECT = "audit trail"


def export_path(job: AuditExport) -> Path:
    return downloads_folder(job.assessment_id) / f"audit-trail-{job.pk}.csv"


def _stored_filters(chosen: dict[str, Any]) -> dict[str, str]:
    """The filter as the job keeps it: only what was chosen, dates as ISO text."""
    kept = {}
    for name in FILTER_NAMES:
        value = chosen.get(name)
        if value:
            kept[name] = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return kept


@transaction.atomic
def start_audit_export(
    *, actor: User, assessment: Assessment, filters: dict[str, Any] | None = None
) -> AuditExport:
    """Queue writing the trail (narrowed by the audit page's filter) as CSV; refused while
    one is being written."""
    access.require(actor, assessment, Role.LEAD, changes_edition=False)
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    jobs.expire_stale(AuditExport.objects.filter(assessment=assessment), fail_audit_export)
    running = AuditExport.objects.filter(assessment=assessment, state__in=jobs.ACTIVE).first()
    if running is not None:
        raise ValidationError(
            f"The audit trail is already being written (asked for by "
            f"{running.requested_by_name}). Wait for it to finish."
        )
    job = AuditExport.objects.create(
        assessment=assessment,
        filters=_stored_filters(filters or {}),
        requested_by=actor,
        requested_by_name=display_name(actor),
    )
    jobs.enqueue(job, write_audit_trail)
    return job


def latest_audit_export(assessment: Assessment) -> AuditExport | None:
    """The assessment's latest audit file job, failed first if its worker died."""
    jobs.expire_stale(AuditExport.objects.filter(assessment=assessment), fail_audit_export)
    return AuditExport.objects.filter(assessment=assessment).first()


def audit_file(*, actor: User, job: AuditExport) -> Path:
    """The finished file, for the lead to download; the download is recorded."""
    access.require(actor, job.assessment, Role.LEAD, changes_edition=False)
    path = export_path(job)
    if job.state != AuditExport.State.SUCCEEDED or not path.is_file():
        raise ValidationError(
            "This file is not there to download (it failed, was removed after a day, or a "
            "newer one replaced it). Write the audit trail again."
        )
    record_export(
        actor=actor,
        assessment=job.assessment,
        what="the audit trail",
        file_format="CSV",
        object_type=OBJECT,
        detail={"events": job.events, "filters": job.filters, "job": job.pk},
    )
    return path


def fail_audit_export(job: AuditExport, reason: str) -> None:
    """Record (and audit) a file that could not be written; remove what it had written."""
    export_path(job).unlink(missing_ok=True)
    export_path(job).with_suffix(".partial").unlink(missing_ok=True)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        record_change(
            actor=locked.requested_by,
            assessment=job.assessment,
            action="audit trail file failed",
            object_type=OBJECT,
            object_id=job.pk,
            summary=f"Could not write the audit trail as a file: {reason}"[:2000],
        )


jobs.watch(AuditExport, fail_audit_export)


@task()
def write_audit_trail(job_id: int) -> None:
    """Write a queued audit trail file (`start_audit_export` queues it)."""
    jobs.run_job(
        AuditExport,
        job_id,
        starting="Reading the audit trail",
        work=_write,
        on_failure=fail_audit_export,
        on_cancel=_cancelled,
    )


def _write(job: AuditExport) -> None:
    chosen: dict[str, Any] = dict(job.filters)
    for name in ("since", "until"):
        if chosen.get(name):
            chosen[name] = datetime.date.fromisoformat(chosen[name])
    events = list(queries.audit_events(job.assessment, **chosen))
    jobs.report_progress(AuditExport, job.pk, "Writing the file", 1, 2)
    path = export_path(job)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(queries.audit_csv(events), encoding="utf-8", newline="")
    # One file is kept per assessment: the new one replaces the others.
    keep_written(AuditExport, job.pk, partial, path, "audit-trail-*", events=len(events))


def _cancelled(job: AuditExport) -> None:
    export_path(job).with_suffix(".partial").unlink(missing_ok=True)
    with transaction.atomic():
        locked = AuditExport.objects.select_for_update().filter(pk=job.pk).first()
        if locked is not None and locked.is_active:
            jobs.finish(locked, jobs.JobState.CANCELLED)


def sweep_audit_exports(now: datetime.datetime | None = None) -> int:
    """Delete audit files finished more than a day ago; how many went (`web cleanup`)."""
    return sweep_downloads(AuditExport.objects.all(), export_path, KEPT_FOR, now)
