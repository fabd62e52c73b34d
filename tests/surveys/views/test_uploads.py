"""The upload request and the matching screen never read the file: the check job does.

These tests store tasks in the database (as in production) and run the worker only when
they say so, so what a page shows before the worker ran is what a person waits on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from pairsight.assessments.models import AuditEvent
from pairsight.surveys.exports import write_msforms_xlsx
from pairsight.surveys.models import PendingUpload, UploadCheckJob
from pairsight.surveys.responses import SurveyResponses

from ..conftest import ROLE_HEADER, column_of
from ..test_views import selects, signed_in, text_of, upload, url

pytestmark = pytest.mark.django_db

#: Rows in the large export: seconds to read on this machine, as a real survey's can be.
ROWS = 5000


@pytest.fixture
def large_export(practitioners: SurveyResponses, tmp_path: Any) -> bytes:
    frame = pd.concat([practitioners.frame] * (ROWS // len(practitioners.frame) + 1))
    large = dataclasses.replace(practitioners, frame=frame.iloc[:ROWS].reset_index(drop=True))
    return write_msforms_xlsx(large, tmp_path / "large.xlsx").read_bytes()


def test_the_upload_and_the_matching_screen_answer_before_the_file_is_read(
    team: Any, workforce: Any, large_export: bytes, run_worker: Callable[[], None]
) -> None:
    client = signed_in(team.editor)
    uploaded = upload(client, workforce, large_export, "large.xlsx")
    pending = PendingUpload.objects.get()
    assert uploaded.status_code == 302
    assert uploaded["Location"] == url("match", workforce, upload_id=pending.pk)
    assert pending.summary is None, "the request stored the file without reading it"
    assert bytes(pending.content) == large_export

    waiting = client.get(uploaded["Location"])
    text = text_of(waiting)
    assert waiting.status_code == 200
    assert "Checking large.xlsx" in text and "Waiting to start" in text
    assert "Match the columns" not in text and "select" not in waiting.content.decode()
    polled = client.get(uploaded["Location"], headers={"HX-Request": "true"})
    assert "HX-Redirect" not in polled and "Waiting to start" in text_of(polled)
    pending.refresh_from_db()
    assert pending.summary is None

    run_worker()
    pending.refresh_from_db()
    assert pending.summary is not None
    assert UploadCheckJob.objects.get(upload=pending).state == "succeeded"
    polled = client.get(uploaded["Location"], headers={"HX-Request": "true"})
    assert polled["HX-Redirect"] == uploaded["Location"]
    page = client.get(uploaded["Location"])
    shown = text_of(page)
    assert "Match the columns to the questions" in shown
    assert "Responses in the file 5000" in shown
    assert f"Import {ROWS} responses" in shown


def test_saving_the_matches_checks_them_again_in_the_worker(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
    run_worker: Callable[[], None],
) -> None:
    def astronaut(sheet: Any) -> None:
        sheet.cell(row=5, column=column_of(sheet, ROLE_HEADER)).value = "Astronaut"

    client = signed_in(team.editor)
    upload(client, workforce, forms_export(practitioners, astronaut))
    run_worker()
    pending = PendingUpload.objects.get()
    page = client.get(url("match", workforce, upload_id=pending.pk))
    assert "Answers that do not fit the questionnaire (1)" in text_of(page)

    saved = client.post(page.request["PATH_INFO"], {**selects(page), "action": "check"})
    assert saved.status_code == 302
    pending.refresh_from_db()
    assert pending.summary is None, "the new check waits for the worker"
    assert "Waiting to start" in text_of(client.get(saved["Location"]))
    run_worker()
    again = text_of(client.get(saved["Location"]))
    assert "Answers that do not fit the questionnaire (1)" in again
    assert "“Astronaut” is not one" in again
    assert UploadCheckJob.objects.filter(upload=pending).count() == 2


def test_a_workbook_without_responses_is_refused_by_its_check(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
    run_worker: Callable[[], None],
) -> None:
    def headings_only(sheet: Any) -> None:
        sheet.delete_rows(2, sheet.max_row)

    client = signed_in(team.editor)
    uploaded = upload(client, workforce, forms_export(practitioners, headings_only), "h.xlsx")
    assert uploaded.status_code == 302
    run_worker()
    failed = client.get(uploaded["Location"])
    text = text_of(failed)
    assert failed.status_code == 400
    assert text.startswith("Error: Checking h.xlsx")
    assert "The file cannot be imported" in text
    assert "h.xlsx has column headings but no responses below them" in text
    assert "Upload another file" in text and "Discard this file" in text
    assert not AuditEvent.objects.filter(action="responses imported").exists()
