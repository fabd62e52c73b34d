"""The register's pages through the Django test client."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from pairsight.assessments.models import AuditEvent
from pairsight.recommendations import actions
from pairsight.recommendations.models import Recommendation

HEADER = (
    "Recommendation,Who is the recommendation for,How can the recommendation be achieved,"
    "Next steps,Category\n"
)


def _url(team: Any, tail: str = "") -> str:
    return f"/assessments/{team.assessment.pk}/recommendations/{tail}"


def test_an_import_with_a_problem_names_it_on_the_page_and_stores_nothing(
    team: Any, client_for: Any
) -> None:
    client = client_for(team.editor)
    upload = SimpleUploadedFile(
        "register.csv", (HEADER + "Text,Who,How,Next,Housing\n").encode(), "text/csv"
    )
    response = client.post(_url(team, "import/"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Row 2, column &#x27;Category&#x27;: &#x27;Housing&#x27;" in page
    assert not Recommendation.objects.exists()


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
