"""The audit trail as a file written by the worker: asked for by the lead with the audit page's
filter, polled, downloaded (audited), failed (audited) and tried again, removed after a day."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pairsight.assessments import audit
from pairsight.assessments import tasks as jobs
from pairsight.assessments.backup.audit_exports import export_path, start_audit_export
from pairsight.assessments.backup.jobs import downloads_folder
from pairsight.assessments.models import AuditEvent, AuditExport
from pairsight.web.cleanup import clean_up

pytestmark = pytest.mark.django_db


def _url(name: str, team: Any) -> str:
    return reverse(f"assessments:{name}", args=[team.assessment.pk])


def _rows(download: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))


def _note(team: Any, actor: Any, summary: str) -> None:
    audit.record_change(
        actor=actor, assessment=team.assessment, action="noted", object_type="note", summary=summary
    )


def test_the_lead_has_the_worker_write_the_filtered_trail_and_the_download_is_audited(
    team: Any, client_for: Any, run_worker: Callable[[], None]
) -> None:
    _note(team, team.editor, "Editor's note")
    _note(team, team.lead, "=cmd|' /C calc'!A0")
    lead = client_for(team.lead)
    nothing = lead.get(_url("audit_download", team))
    assert "Write the audit trail as a file first" in nothing.content.decode()

    # The audit page's filter (only the lead's notes) goes with the request.
    asked = lead.post(_url("audit_file", team), {"person": audit.display_name(team.lead)})
    assert asked["Location"] == _url("audit_file", team)
    assert "Waiting to start" in lead.get(asked["Location"]).content.decode(), "not in request"
    assert not list(downloads_folder(team.assessment.pk).glob("*.csv"))

    run_worker()
    page = lead.get(asked["Location"]).content.decode()
    lead_events = AuditEvent.objects.filter(
        assessment=team.assessment, actor_name=audit.display_name(team.lead)
    ).count()
    assert f"holds {lead_events} records" in page
    assert not AuditEvent.objects.filter(kind="export").exists(), "written, not downloaded"
    rows = _rows(lead.get(_url("audit_download", team)))
    assert rows[0] == ["When (UTC)", "Who", "Kind", "What", "Object", "Before", "After"]
    assert len(rows) - 1 == lead_events
    whats = [row[3] for row in rows[1:]]
    assert "Editor's note" not in whats, "the filter is kept in the file"
    assert "'=cmd|' /C calc'!A0" in whats, "a formula is neutralised"
    [export] = AuditEvent.objects.filter(kind="export")
    assert export.actor == team.lead and export.summary == "Downloaded the audit trail as CSV"
    assert export.after["filters"] == {"person": audit.display_name(team.lead)}
    assert export.after["events"] == lead_events


def test_a_viewer_or_editor_is_refused_inside_the_use_case(team: Any, client_for: Any) -> None:
    for person, error in (
        (team.viewer, PermissionDenied),
        (team.editor, PermissionDenied),
        (team.consultee, PermissionDenied),
        (team.outsider, Http404),
    ):
        with pytest.raises(error):
            start_audit_export(actor=person, assessment=team.assessment)
        assert client_for(person).post(_url("audit_file", team)).status_code in (403, 404)
    assert not AuditExport.objects.exists()


def test_a_file_whose_worker_died_is_failed_audited_and_can_be_tried_again(
    team: Any, client_for: Any, run_worker: Callable[[], None]
) -> None:
    job = start_audit_export(
        actor=team.lead, assessment=team.assessment, filters={"kind": "change"}
    )
    export_path(job).parent.mkdir(parents=True, exist_ok=True)
    export_path(job).with_suffix(".partial").write_text("half a file")
    beat = timezone.now() - datetime.timedelta(seconds=61)
    AuditExport.objects.filter(pk=job.pk).update(
        state="running", started_at=beat, heartbeat_at=beat
    )
    [failed] = jobs.sweep()
    assert failed.pk == job.pk
    lead = client_for(team.lead)
    text = lead.get(_url("audit_file", team)).content.decode()
    assert "The audit trail could not be written" in text
    assert "the worker running it stopped before it finished" in text
    assert not export_path(job).with_suffix(".partial").exists(), "nothing half-written kept"
    assert AuditEvent.objects.filter(action="audit trail file failed").count() == 1
    gone = lead.get(_url("audit_download", team)).content.decode()
    assert "This file is not there to download" in gone
    assert not AuditEvent.objects.filter(kind="export").exists()

    # Try again keeps the filter the failed one was asked with.
    lead.post(_url("audit_file", team), {"kind": "change"})
    run_worker()
    again = AuditExport.objects.filter(assessment=team.assessment).first()
    assert again is not None and again.pk != job.pk
    assert again.state == "succeeded" and again.filters == {"kind": "change"}
    assert export_path(again).is_file()


def test_cleanup_removes_audit_files_written_more_than_a_day_ago(
    team: Any, run_worker: Callable[[], None]
) -> None:
    job = start_audit_export(actor=team.lead, assessment=team.assessment)
    run_worker()
    job.refresh_from_db()
    assert job.state == "succeeded" and export_path(job).is_file()
    assert clean_up(now=timezone.now() + datetime.timedelta(hours=23)).uploads == 0
    assert export_path(job).is_file()
    assert clean_up(now=timezone.now() + datetime.timedelta(hours=25)).uploads == 1
    assert not export_path(job).exists()
