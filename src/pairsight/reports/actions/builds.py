"""Building the report: queue a build, run it in the worker, cancel it, publish it."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pairsight.assessments import access
from pairsight.assessments import tasks as jobs
from pairsight.assessments.access import require
from pairsight.assessments.audit import Actor, display_name, record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.core.document import Status
from pairsight.reports import queries
from pairsight.reports.build import FORMATS, ReportBuildError, build_report
from pairsight.reports.models import ReportBuild

logger = logging.getLogger(__name__)


def _user(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def expire_stale(assessment: Assessment) -> list[ReportBuild]:
    """Mark failed (and audit) a build whose worker has stopped; see assessments/tasks.py."""
    return jobs.expire_stale(ReportBuild.objects.filter(assessment=assessment), fail_stale)


def fail_stale(build: ReportBuild, reason: str) -> None:
    """Record (and audit) a build whose worker stopped, and remove what it had written."""
    _fail(build, "", reason, folder=queries.build_folder(build))


@transaction.atomic
def start_build(*, actor: Actor, assessment: Assessment, publish: bool = False) -> ReportBuild:
    """Queue a build of the report: a draft, or (for the lead) the published version of the
    draft they have checked. Refused while another build is under way. A worker runs it
    (`tasks.build_report`); the page follows its progress."""
    require(actor, assessment, Role.LEAD if publish else Role.EDITOR)
    from pairsight.reports import tasks

    # Lock the assessment so that two people pressing the button start only one build.
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    expire_stale(assessment)
    running = queries.active_build(assessment)
    if running is not None:
        raise ValidationError(
            f"The report is already being built (started by {running.requested_by_name} at "
            f"{timezone.localtime(running.requested_at):%H:%M}). Wait for it to finish."
        )
    if publish:
        _check_publishable(assessment)
    report_settings = queries.report_settings(assessment)
    build = ReportBuild.objects.create(
        assessment=assessment,
        status=ReportBuild.Status.PUBLISHED if publish else ReportBuild.Status.DRAFT,
        disclosure=report_settings.disclosure,
        requested_by=_user(actor),
        requested_by_name=display_name(actor),
        report_date=timezone.localdate(),
    )
    jobs.enqueue(build, tasks.build_report)
    return build


@transaction.atomic
def cancel_build(*, actor: Actor, assessment: Assessment) -> ReportBuild | None:
    """Stop the build under way: at once if it is waiting, at its next step if running."""
    access.require(actor, assessment, Role.EDITOR)
    build = queries.active_build(assessment)
    if build is None:
        return None
    if jobs.request_cancel(build):
        _record_cancel(build, actor)
    return build


def _record_cancel(build: ReportBuild, actor: Actor) -> None:
    record_change(
        actor=actor,
        assessment=build.assessment,
        action="report build cancelled",
        object_type="report",
        object_id=build.pk,
        summary=f"Cancelled the build of the {build.get_status_display().lower()} report",
        after={"build": build.pk, "status": build.status},
    )


def _check_publishable(assessment: Assessment) -> ReportBuild:
    current = queries.current_build(assessment)
    if current is None:
        raise ValidationError("There is no draft to publish yet: build the report first.")
    same = current.fingerprint == queries.current_fingerprint(assessment)
    if current.is_published and same:
        raise ValidationError("The report is already published.")
    if not same:
        raise ValidationError(
            "The assessment has changed since the report was last built. Build the report "
            "again and check the new draft before publishing it."
        )
    return current


def run_build(build_id: int) -> ReportBuild:
    """Render a queued build in every format (the worker's task); return it as it ended.

    Not in one transaction on purpose: progress is saved step by step so that the page can
    show it while the formats are rendered. A build already taken or finished is returned
    as it is.
    """
    jobs.run_job(
        ReportBuild,
        build_id,
        starting="Gathering the sections of the report",
        work=_render,
        on_failure=lambda build, reason: _fail(build, "", reason, folder=None),
        on_cancel=_cancelled,
    )
    return ReportBuild.objects.get(pk=build_id)


def _render(build: ReportBuild) -> None:
    folder = queries.build_folder(build)
    names = list(FORMATS)
    # The format being built, for a failure that `build_report` does not name (a full disk).
    building = [""]

    def progress(message: str, done: int, total: int) -> None:
        building[0] = names[done - 1] if 1 <= done <= len(names) else ""
        jobs.report_progress(ReportBuild, build.pk, message, done, total)

    try:
        report = queries.assessment_report(
            build.assessment,
            status=Status.PUBLISHED if build.is_published else Status.DRAFT,
            disclosure=build.rule,
            date=build.report_date,
        )
        fingerprint = queries.fingerprint(report)
        if build.is_published:
            draft = queries.current_build(build.assessment)
            if draft is None or draft.fingerprint != fingerprint:
                raise ValidationError(
                    "the assessment changed while the report was being published. Build the "
                    "report again and check the new draft before publishing it."
                )
        paths = build_report(report, names, folder, progress=progress)
    except jobs.JobCancelled:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    except ReportBuildError as error:
        _fail(build, error.format, error.reason, folder=folder)
        return
    except ValidationError as error:
        _fail(build, "", " ".join(error.messages), folder=folder)
        return
    except OSError as error:
        logger.exception("Report build %s could not write its files", build.pk)
        reason = f"the files could not be written ({error.strerror or error})."
        _fail(build, building[0], reason, folder=folder)
        return
    except Exception as error:  # a failure must never leave the build "running"
        logger.exception("Report build %s failed", build.pk)
        reason = f"an unexpected error ({type(error).__name__}: {error})."
        _fail(build, "", reason, folder=folder)
        return
    _succeed(build, paths, fingerprint)


def _cancelled(build: ReportBuild) -> None:
    with transaction.atomic():
        if _still_active(build) is None:
            return
        jobs.finish(build, jobs.JobState.CANCELLED)
        _record_cancel(build, build.requested_by)


def _still_active(build: ReportBuild) -> ReportBuild | None:
    """The build locked for its final write, or None if it already ended (a stale worker
    whose build was marked failed must not record a success afterwards)."""
    locked = ReportBuild.objects.select_for_update().filter(pk=build.pk).first()
    return locked if locked is not None and locked.is_active else None


@transaction.atomic
def _succeed(build: ReportBuild, paths: dict[str, Path], fingerprint: str) -> ReportBuild:
    if _still_active(build) is None:
        return build
    previous = queries.current_build(build.assessment)
    build.state = ReportBuild.State.SUCCEEDED
    build.finished_at = timezone.now()
    build.files = {
        name: {"name": path.name, "size": path.stat().st_size} for name, path in paths.items()
    }
    build.fingerprint = fingerprint
    build.step = build.steps
    build.message = "Done"
    build.save()
    labels = ", ".join(FORMATS[name].label for name in paths)
    state = {
        "build": build.pk,
        "status": build.status,
        "disclosure": build.disclosure,
        "report_date": build.report_date.isoformat(),
        "formats": list(paths),
    }
    if build.is_published:
        record_change(
            actor=build.requested_by,
            assessment=build.assessment,
            action="report published",
            object_type="report",
            object_id=build.pk,
            summary="Published the report: the draft watermark is removed",
            before={"status": previous.status, "build": previous.pk} if previous else None,
            after=state,
        )
    else:
        record_change(
            actor=build.requested_by,
            assessment=build.assessment,
            action="report built",
            object_type="report",
            object_id=build.pk,
            summary=f"Built the draft report ({labels}) with the rule: {build.rule.label}",
            after=state,
        )
    assessment_id, keep = build.assessment_id, build.pk
    transaction.on_commit(lambda: _remove_old_folders(assessment_id, keep))
    return build


def _fail(
    build: ReportBuild, format_name: str, reason: str, *, folder: Path | None = None
) -> ReportBuild:
    if folder is None:
        folder = queries.build_folder(build)
    # Whatever a failed build wrote is never read: only a successful build is current.
    shutil.rmtree(folder, ignore_errors=True)
    with transaction.atomic():
        if _still_active(build) is None:
            build.refresh_from_db()
            return build
        build.error_format = format_name
        build.save(update_fields=["error_format"])
        jobs.finish(build, jobs.JobState.FAILED, reason=reason, message="Failed")
        label = FORMATS[format_name].label if format_name in FORMATS else "report"
        record_change(
            actor=build.requested_by,
            assessment=build.assessment,
            action="report build failed",
            object_type="report",
            object_id=build.pk,
            summary=f"Could not build the {label}: {reason}",
            after={"build": build.pk, "status": build.status, "format": format_name},
        )
    return build


def _remove_old_folders(assessment_id: int, keep: int) -> None:
    """Remove the files of builds that are no longer current (never the one just built)."""
    folder = queries.reports_folder(assessment_id)
    if not folder.is_dir():
        return
    keep_names = {f"build-{keep}"} | {
        f"build-{pk}"
        for pk in ReportBuild.objects.filter(
            assessment_id=assessment_id, state__in=ReportBuild.ACTIVE
        ).values_list("pk", flat=True)
    }
    for child in folder.iterdir():
        if child.is_dir() and child.name.startswith("build-") and child.name not in keep_names:
            shutil.rmtree(child, ignore_errors=True)


def build_now(*, actor: Actor, assessment: Assessment, publish: bool = False) -> ReportBuild:
    """Queue a build and run it in this process (the command line, scripts and tests); a
    worker that finds it already taken leaves it alone."""
    return run_build(start_build(actor=actor, assessment=assessment, publish=publish).pk)
