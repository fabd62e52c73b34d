"""Writes for the report: the rule, starting and running builds, interrupted and failed builds."""

from __future__ import annotations

import datetime
import resource
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pairsight.assessments.models import AuditEvent
from pairsight.reports import actions, queries
from pairsight.reports.models import ReportBuild, ReportSettings


@pytest.fixture(autouse=True)
def reports_dir(settings: Any, tmp_path: Any) -> Any:
    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"
    return settings.PAIRSIGHT_REPORTS_DIR


def audited(assessment: Any, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(assessment=assessment, action=action))


def test_the_rule_is_saved_once_and_audited_only_when_it_changes(team):
    actions.set_disclosure(actor=team.editor, assessment=team.assessment, disclosure="nhs")
    assert not audited(team.assessment, "report disclosure changed")
    actions.set_disclosure(actor=team.editor, assessment=team.assessment, disclosure="off")
    actions.set_disclosure(actor=team.editor, assessment=team.assessment, disclosure="off")
    [event] = audited(team.assessment, "report disclosure changed")
    assert event.summary == (
        "Changed the report's small-number rule to: No suppression (internal drafts only)"
    )
    assert ReportSettings.objects.get(assessment=team.assessment).disclosure == "off"
    with pytest.raises(ValueError):
        actions.set_disclosure(actor=team.editor, assessment=team.assessment, disclosure="<3")


def test_one_build_at_a_time_and_an_interrupted_one_is_recorded(team, queued_tasks):
    first = actions.start_build(actor=team.editor, assessment=team.assessment)
    # The task is stored for the worker, in the same transaction as the build.
    assert DBTaskResult.objects.get(id=first.task_id).args_kwargs["args"] == [first.pk]
    with pytest.raises(ValidationError, match="already being built .started by Eddie Editor"):
        actions.start_build(actor=team.lead, assessment=team.assessment)

    # No worker took it: after ten minutes it no longer blocks anyone.
    long_ago = timezone.now() - datetime.timedelta(minutes=11)
    ReportBuild.objects.filter(pk=first.pk).update(requested_at=long_ago)
    assert queries.active_build(team.assessment) is None
    assert queries.report_state(team.assessment).failed == first
    second = actions.start_build(actor=team.lead, assessment=team.assessment)
    first.refresh_from_db()
    assert first.state == ReportBuild.State.FAILED
    assert "no worker started it" in first.error_reason
    [event] = audited(team.assessment, "report build failed")
    assert event.object_id == str(first.pk)
    assert queries.active_build(team.assessment) == second
    # Running a build a second time does nothing: it is no longer waiting.
    ReportBuild.objects.filter(pk=second.pk).update(
        state=ReportBuild.State.RUNNING, heartbeat_at=timezone.now()
    )
    assert actions.run_build(second.pk).state == ReportBuild.State.RUNNING


def test_a_running_build_whose_heartbeat_stopped_fails_after_a_minute(team, queued_tasks):
    build = actions.start_build(actor=team.editor, assessment=team.assessment)
    beat = timezone.now() - datetime.timedelta(seconds=30)
    ReportBuild.objects.filter(pk=build.pk).update(
        state=ReportBuild.State.RUNNING, started_at=beat, heartbeat_at=beat
    )
    assert actions.expire_stale(team.assessment) == []  # 30 s: the worker may be busy
    ReportBuild.objects.filter(pk=build.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=61)
    )
    [expired] = actions.expire_stale(team.assessment)
    build.refresh_from_db()
    assert build.state == ReportBuild.State.FAILED
    assert "the worker running it stopped before it finished" in build.error_reason
    [event] = audited(team.assessment, "report build failed")
    assert event.actor == team.editor


def test_a_waiting_build_is_cancelled_at_once_and_never_runs(team, queued_tasks):
    build = actions.start_build(actor=team.editor, assessment=team.assessment)
    actions.cancel_build(actor=team.editor, assessment=team.assessment)
    build.refresh_from_db()
    assert build.state == ReportBuild.State.CANCELLED
    assert actions.run_build(build.pk).state == ReportBuild.State.CANCELLED
    assert queries.current_build(team.assessment) is None
    [event] = audited(team.assessment, "report build cancelled")
    assert event.actor == team.editor
    with pytest.raises(PermissionDenied):
        actions.cancel_build(actor=team.viewer, assessment=team.assessment)


def test_a_running_build_stops_at_its_next_step_when_cancelled(team, queued_tasks):
    build = actions.start_build(actor=team.editor, assessment=team.assessment)
    ReportBuild.objects.filter(pk=build.pk).update(cancel_requested=True)
    finished = actions.run_build(build.pk)
    assert finished.state == ReportBuild.State.CANCELLED
    assert queries.current_build(team.assessment) is None
    folder = queries.reports_folder(team.assessment.pk)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_publishing_is_refused_without_a_draft(team):
    with pytest.raises(ValidationError, match="There is no draft to publish yet"):
        actions.start_build(actor=team.lead, assessment=team.assessment, publish=True)
    assert not ReportBuild.objects.exists()


def test_a_full_disk_fails_the_build_and_leaves_nothing_half_written(demo, queued_tasks):
    """The server's file-size limit stands in for a full disk: the PDF cannot be written."""
    assessment = demo.assessment
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    build = actions.start_build(actor=None, assessment=assessment)
    # The demo's web page (about 30 KB) fits; its PDF (about 70 KB) does not.
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, hard))
    try:
        build = actions.run_build(build.pk)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert build.state == ReportBuild.State.FAILED
    assert build.error_reason == "the files could not be written (File too large)."
    assert build.error_format == "pdf"
    assert build.failure_text == (
        "Could not build the PDF: the files could not be written (File too large)."
    )
    assert queries.current_build(assessment) is None
    folder = queries.reports_folder(assessment.pk)
    assert not folder.exists() or list(folder.iterdir()) == []
    [event] = audited(assessment, "report build failed")
    assert event.actor_name == "PAIRsight (system)"
