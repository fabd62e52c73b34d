"""Imports in the background: queued from the matching screen, run by the worker, followed
on a page of their own; a failure stores nothing and can be tried again; cancel; a dead
worker is noticed."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pairsight.assessments import tasks as jobs
from pairsight.assessments.backup.jobs import downloads_folder
from pairsight.assessments.models import AuditEvent
from pairsight.surveys import tasks
from pairsight.surveys.demo import add_demo_surveys
from pairsight.surveys.models import PendingUpload, Response, ResponsesExport, Survey, SurveyImport
from pairsight.surveys.responses import SurveyResponses
from pairsight.surveys.tasks import export_path
from pairsight.web.cleanup import clean_up

from .conftest import ROLE_HEADER, column_of, import_first
from .test_actions import stored_rows
from .test_views import match_page, selects, signed_in, text_of, upload

pytestmark = pytest.mark.django_db


def queue_import(
    client: Any, survey: Any, run_worker: Callable[[], None]
) -> tuple[Any, SurveyImport]:
    run_worker()  # the upload's check: the matching screen waits for it
    page, pending = match_page(client, survey)
    queued = client.post(page.request["PATH_INFO"], {**selects(page), "action": "import"})
    assert queued.status_code == 302
    job = SurveyImport.objects.get(upload=pending)
    assert queued["Location"].endswith(f"/surveys/workforce/importing/{job.pk}/")
    return queued, job


def test_an_import_waits_for_the_worker_then_says_how_many_were_stored(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
    run_worker: Callable[[], None],
) -> None:
    client = signed_in(team.editor)
    upload(client, workforce, forms_export(practitioners))
    queued, job = queue_import(client, workforce, run_worker)
    waiting = text_of(client.get(queued["Location"]))
    assert "Importing responses.xlsx" in waiting and "Waiting to start" in waiting
    assert "Cancel the import" in waiting
    assert not Response.objects.exists(), "nothing is stored inside the request"

    run_worker()
    # The page polling it goes on to the findings; opened again, it says how it went.
    polled = client.get(queued["Location"], HTTP_HX_REQUEST="true")
    assert polled["HX-Redirect"].endswith("/surveys/workforce/findings/")
    assert "89 responses have been imported" in text_of(client.get(polled["HX-Redirect"]))
    assert "89 responses imported" in text_of(client.get(queued["Location"]))
    assert Response.objects.filter(survey=workforce).count() == 89
    assert not PendingUpload.objects.exists()
    job.refresh_from_db()
    assert (job.state, job.added, job.rows_in_file) == ("succeeded", 89, 89)
    actions = list(
        AuditEvent.objects.filter(assessment=team.assessment).values_list("action", flat=True)
    )
    assert {"survey import queued", "responses imported"} <= set(actions)


def test_a_file_that_fails_in_the_worker_stores_nothing_and_can_be_tried_again(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
    run_worker: Callable[[], None],
) -> None:
    def astronaut(sheet: Any) -> None:
        sheet.cell(row=12, column=column_of(sheet, ROLE_HEADER)).value = "Astronaut"

    import_first(team, workforce, practitioners, forms_export, rows=10)
    before = stored_rows(workforce)
    client = signed_in(team.editor)
    good = forms_export(practitioners)
    upload(client, workforce, good)
    queued, job = queue_import(client, workforce, run_worker)
    # The file changes between the check on the page and the worker's run.
    PendingUpload.objects.filter(pk=job.upload_id).update(
        content=forms_export(practitioners, astronaut)
    )
    run_worker()
    text = text_of(client.get(queued["Location"]))
    assert "The import failed: nothing was imported" in text
    assert "row 12, column I" in text and "Astronaut" in text
    assert stored_rows(workforce) == before
    [failed] = AuditEvent.objects.filter(action="survey import failed")
    assert "row 12, column I" in failed.summary and failed.actor == team.editor

    PendingUpload.objects.filter(pk=job.upload_id).update(content=good)
    retried = client.post(queued["Location"] + "retry/")
    assert retried.status_code == 302 and retried["Location"] != queued["Location"]
    run_worker()
    assert "79 responses imported; 10 already stored" in text_of(client.get(retried["Location"]))
    assert Response.objects.filter(survey=workforce).count() == 89


def test_a_waiting_import_is_cancelled_and_never_runs(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
    run_worker: Callable[[], None],
) -> None:
    client = signed_in(team.editor)
    upload(client, workforce, forms_export(practitioners, rows=5))
    queued, job = queue_import(client, workforce, run_worker)
    assert signed_in(team.viewer).post(queued["Location"] + "cancel/").status_code == 403
    client.post(queued["Location"] + "cancel/")
    run_worker()
    text = text_of(client.get(queued["Location"]))
    assert "The import was cancelled: nothing was imported" in text and "Try again" in text
    assert not Response.objects.exists()
    job.refresh_from_db()
    assert job.state == "cancelled"
    assert AuditEvent.objects.filter(action="survey import cancelled", actor=team.editor).exists()


def test_an_import_whose_worker_died_is_shown_failed_after_a_minute(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
    run_worker: Callable[[], None],
) -> None:
    client = signed_in(team.editor)
    upload(client, workforce, forms_export(practitioners, rows=5))
    queued, job = queue_import(client, workforce, run_worker)
    beat = timezone.now() - datetime.timedelta(seconds=61)
    SurveyImport.objects.filter(pk=job.pk).update(
        state="running", started_at=beat, heartbeat_at=beat
    )
    text = text_of(client.get(queued["Location"]))
    assert "The import failed: nothing was imported" in text
    assert "the worker running it stopped before it finished" in text
    assert AuditEvent.objects.filter(action="survey import failed").count() == 1
    assert not Response.objects.exists()


# The responses workbook -------------------------------------------------------------------


def _responses_url(name: str, survey: Any) -> str:
    return reverse(f"surveys:{name}", args=[survey.assessment_id, survey.kind])


def test_an_editor_has_the_worker_write_the_responses_and_a_viewer_s_download_is_audited(
    team: Any, run_worker: Callable[[], None], settings: Any, tmp_path: Path
) -> None:
    # A folder of this test's own: another test's assessment may have had the same id.
    settings.PAIRSIGHT_BACKUPS_DIR = tmp_path
    add_demo_surveys(team.assessment, team.lead)
    survey = Survey.objects.get(assessment=team.assessment, kind="workforce")
    client = signed_in(team.viewer)
    nothing = client.get(_responses_url("responses_download", survey))
    assert "Write the responses as a workbook first" in text_of(nothing)
    asked = signed_in(team.editor).post(_responses_url("responses_file_start", survey))
    assert asked["Location"] == _responses_url("responses_file", survey)
    assert "Waiting to start" in text_of(client.get(asked["Location"])), "not in the request"
    assert not list(downloads_folder(team.assessment.pk).glob("*.xlsx"))

    run_worker()
    page = text_of(client.get(asked["Location"]))
    stored = Response.objects.filter(survey=survey).count()
    assert f"holds {stored} responses" in page
    assert not AuditEvent.objects.filter(kind="export").exists(), "written, not yet downloaded"
    download = client.get(_responses_url("responses_download", survey))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    # One row per stored response, below the header.
    assert sheet.max_row - 1 == stored
    [export] = AuditEvent.objects.filter(kind="export")
    assert export.actor == team.viewer and "responses" in export.summary

    # Asked again, the newer workbook replaces the older one on disk.
    signed_in(team.editor).post(_responses_url("responses_file_start", survey))
    run_worker()
    files = list(downloads_folder(team.assessment.pk).glob("*.xlsx"))
    newest = ResponsesExport.objects.filter(survey=survey).first()
    assert newest is not None and [f.name for f in files] == [export_path(newest).name]


def test_a_viewer_consultee_or_outsider_cannot_have_the_responses_written(
    team: Any, workforce: Any
) -> None:
    # An outsider is not told that the assessment exists.
    for person, status, error in (
        (team.viewer, 403, PermissionDenied),
        (team.consultee, 403, PermissionDenied),
        (team.outsider, 404, Http404),
    ):
        with pytest.raises(error):
            tasks.start_responses_export(actor=person, survey=workforce)
        refused = signed_in(person).post(_responses_url("responses_file_start", workforce))
        assert refused.status_code == status
    assert not ResponsesExport.objects.exists()


def test_a_workbook_whose_worker_died_is_failed_audited_and_can_be_tried_again(
    team: Any, workforce: Any, run_worker: Callable[[], None]
) -> None:
    job = tasks.start_responses_export(actor=team.editor, survey=workforce)
    export_path(job).parent.mkdir(parents=True, exist_ok=True)
    export_path(job).with_suffix(".partial").write_bytes(b"half a workbook")
    beat = timezone.now() - datetime.timedelta(seconds=61)
    ResponsesExport.objects.filter(pk=job.pk).update(
        state="running", started_at=beat, heartbeat_at=beat
    )
    [failed] = jobs.sweep()
    assert failed.pk == job.pk
    text = text_of(signed_in(team.viewer).get(_responses_url("responses_file", workforce)))
    assert "The workbook could not be written" in text
    assert "the worker running it stopped before it finished" in text
    assert not export_path(job).with_suffix(".partial").exists(), "nothing half-written kept"
    assert AuditEvent.objects.filter(action="survey responses file failed").count() == 1
    # Nothing to download until one is written.
    gone = signed_in(team.viewer).get(_responses_url("responses_download", workforce))
    assert "This file is not there to download" in text_of(gone)
    assert not AuditEvent.objects.filter(kind="export").exists()

    again = tasks.start_responses_export(actor=team.editor, survey=workforce)
    run_worker()
    again.refresh_from_db()
    assert again.state == "succeeded" and export_path(again).is_file()


def test_cleanup_removes_workbooks_written_more_than_a_day_ago(
    team: Any, workforce: Any, run_worker: Callable[[], None]
) -> None:
    job = tasks.start_responses_export(actor=team.editor, survey=workforce)
    run_worker()
    job.refresh_from_db()
    assert export_path(job).is_file()
    assert clean_up(now=timezone.now() + datetime.timedelta(hours=23)).uploads == 0
    assert export_path(job).is_file()
    assert clean_up(now=timezone.now() + datetime.timedelta(hours=25)).uploads == 1
    assert not export_path(job).exists()


def test_a_published_edition_s_responses_can_still_be_written_for_download(
    team: Any, workforce: Any
) -> None:
    from pairsight.assessments.editions.actions import publish_edition

    title = team.assessment.title
    publish_edition(actor=team.lead, assessment=team.assessment, confirm_title=title)
    job = tasks.start_responses_export(actor=team.editor, survey=workforce)
    job.refresh_from_db()
    assert job.state == "succeeded" and export_path(job).is_file()
