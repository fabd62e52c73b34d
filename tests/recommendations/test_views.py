"""The register's pages through the Django test client."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from pairsight.assessments import tasks as jobs
from pairsight.assessments.models import AuditEvent
from pairsight.recommendations import actions, tasks
from pairsight.recommendations.models import Recommendation, RegisterImport

HEADER = (
    "Recommendation,Who is the recommendation for,How can the recommendation be achieved,"
    "Next steps,Category\n"
)


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> None:
    """Uploaded registers wait in a private folder: never the checkout's var/ in a test."""
    settings.PAIRSIGHT_RECOMMENDATION_UPLOADS_DIR = tmp_path / "register-uploads"


def _url(team: Any, tail: str = "") -> str:
    return f"/assessments/{team.assessment.pk}/recommendations/{tail}"


def test_an_import_with_a_problem_names_it_on_the_page_and_stores_nothing(
    team: Any, client_for: Any, run_worker: Any
) -> None:
    actions.create_recommendation(
        actor=team.editor,
        assessment=team.assessment,
        category="Training the workforce",
        title="A",
        text="A",
    )
    before = list(Recommendation.objects.values())
    client = client_for(team.editor)
    upload = SimpleUploadedFile(
        "register.csv", (HEADER + "Text,Who,How,Next,Housing\n").encode(), "text/csv"
    )
    response = client.post(_url(team, "import/"), {"file": upload})
    assert response.status_code == 302, "the upload is only stored"
    assert "Waiting to start" in client.get(_url(team, "import/")).content.decode()
    run_worker()
    page = client.get(_url(team, "import/")).content.decode()
    assert "register.csv was not imported" in page
    assert "Row 2, column &#x27;Category&#x27;: &#x27;Housing&#x27;" in page
    assert "Try importing" not in page, "a refused file is not kept"
    assert list(Recommendation.objects.values()) == before
    assert not list(tasks.uploads_folder().iterdir())
    failed = AuditEvent.objects.get(action="register import failed")
    assert failed.actor == team.editor and "Housing" in failed.summary


def test_an_import_runs_in_the_worker_and_says_how_many_it_added(
    team: Any, client_for: Any, run_worker: Any
) -> None:
    client = client_for(team.editor)
    rows = "Text one,Health visitors,Training,Book it,Training the workforce\n" * 2
    upload = SimpleUploadedFile("register.csv", (HEADER + rows).encode(), "text/csv")
    client.post(_url(team, "import/"), {"file": upload})
    assert not Recommendation.objects.exists(), "nothing stored inside the request"
    run_worker()
    page = client.get(_url(team, "import/")).content.decode()
    assert "2 recommendations imported" in page
    assert Recommendation.objects.filter(assessment=team.assessment).count() == 2
    assert not list(tasks.uploads_folder().iterdir()), "the upload goes once imported"


def test_a_viewer_cannot_start_an_import(team: Any, client_for: Any) -> None:
    with pytest.raises(PermissionDenied):
        tasks.start_register_import(
            actor=team.viewer, assessment=team.assessment, file_name="r.csv", chunks=[b"x"]
        )
    upload = SimpleUploadedFile("register.csv", HEADER.encode(), "text/csv")
    assert client_for(team.viewer).post(_url(team, "import/"), {"file": upload}).status_code == 403
    assert not RegisterImport.objects.exists()
    assert not tasks.uploads_folder().exists() or not list(tasks.uploads_folder().iterdir())


def test_an_import_whose_worker_died_is_failed_kept_and_retried(
    team: Any, client_for: Any, run_worker: Any
) -> None:
    rows = "Text one,Health visitors,Training,Book it,Training the workforce\n"
    job = tasks.start_register_import(
        actor=team.editor,
        assessment=team.assessment,
        file_name="register.csv",
        chunks=[(HEADER + rows).encode()],
    )
    beat = timezone.now() - datetime.timedelta(seconds=61)
    RegisterImport.objects.filter(pk=job.pk).update(
        state="running", started_at=beat, heartbeat_at=beat
    )
    assert [j.pk for j in jobs.sweep()] == [job.pk]
    client = client_for(team.editor)
    page = client.get(_url(team, "import/")).content.decode()
    assert "the worker running it stopped before it finished" in page
    assert not Recommendation.objects.exists()
    assert AuditEvent.objects.filter(action="register import failed").count() == 1
    client.post(_url(team, f"import/{job.pk}/retry/"))
    run_worker()
    assert Recommendation.objects.filter(assessment=team.assessment).count() == 1


def test_the_excel_download_neutralises_formulas_and_is_audited(team: Any, client_for: Any) -> None:
    actions.create_recommendation(
        actor=team.editor,
        assessment=team.assessment,
        category="Training the workforce",
        title="@SUM(A1)",
        text="-1+2",
    )
    response = client_for(team.viewer).get(_url(team, "download/xlsx/"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    row = {str(h.value): c.value for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert (row["Number"], row["Title"], row["Recommendation"]) == ("4.1", "'@SUM(A1)", "'-1+2")
    event = AuditEvent.objects.get(kind="export")
    assert event.actor == team.viewer


def test_the_register_escapes_text_and_filters_for_no_evidence(team: Any, client_for: Any) -> None:
    actions.create_recommendation(
        actor=team.editor,
        assessment=team.assessment,
        category="Training the workforce",
        title="<script>alert(1)</script>",
        text="Text",
    )
    client = client_for(team.viewer)
    page = client.get(_url(team)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Write a recommendation" not in page  # a viewer reads, never writes
    filtered = client.get(_url(team), {"evidence": "none"}).content.decode()
    assert "Showing 1 of 1 recommendation." in filtered
