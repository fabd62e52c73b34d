"""Imports in the background: queued from the matching screen, run by the worker, followed
on a page of their own; a failure stores nothing and can be tried again; cancel; a dead
worker is noticed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from pairsight.assessments.models import AuditEvent
from pairsight.surveys.models import PendingUpload, Response, SurveyImport
from pairsight.surveys.responses import SurveyResponses

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
