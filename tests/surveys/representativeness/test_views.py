"""The representativeness and recruitment pages, through the test client."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pairsight.surveys.actions import import_file, start_survey
from pairsight.surveys.models import PopulationComparison, RecruitmentTarget
from pairsight.surveys.synthetic import parent_responses

pytestmark = pytest.mark.django_db

CENSUS = Path(__file__).resolve().parents[2] / "officialdata" / "fixtures" / "census"


@pytest.fixture
def parents(team: Any, forms_export: Any) -> Any:
    survey = start_survey(actor=team.lead, assessment=team.assessment, kind="parents")
    responses = replace(parent_responses(), synthetic=False, label="", source="test export")
    import_file(actor=team.lead, survey=survey, content=forms_export(responses), file_name="a.xlsx")
    return survey


def _url(name: str, team: Any) -> str:
    return reverse(f"surveys:{name}", args=[team.assessment.pk, "parents"])


def _post_population(client: Any, team: Any, content: bytes, **fields: str) -> Any:
    data = {
        "question_id": "area",
        "level": "high",
        "area": "",
        "source": "Ward populations, test",
        "mapping_yaml": "",
        **fields,
        "population_file": SimpleUploadedFile("areas.csv", content, content_type="text/csv"),
    }
    return client.post(_url("representativeness", team), data)


def test_an_editor_compares_a_question_and_sees_the_gaps(team, parents, client_for):
    client = client_for(team.editor)
    page = client.get(_url("representativeness", team))
    assert page.status_code == 200
    response = _post_population(
        client,
        team,
        b"group,count\nLadywood,100\nEdgbaston,100\n<b>Erdington</b>,100\n",
        question_id="area",
    )
    # "<b>Erdington</b>" is no option of the question: the page says so, escaped.
    assert response.status_code == 200
    assert b"&lt;b&gt;Erdington&lt;/b&gt;" in response.content
    assert b"<b>Erdington</b>" not in response.content
    assert not PopulationComparison.objects.exists()
    response = _post_population(
        client, team, b"group,count\nLadywood,100\nEdgbaston,100\nErdington,100\n"
    )
    assert response.status_code == 302
    page = client.get(_url("representativeness", team)).content.decode()
    assert "Furthest below their share of the population" in page
    assert "Ward populations, test" in page
    assert "Population share in interval?" in page
    findings = client.get(_url("findings", team)).content.decode()
    assert "Who answered, beside the population" in findings
    assert "Ward populations, test" in findings


def test_a_viewer_sees_the_page_without_the_form(team, parents, client_for):
    page = client_for(team.viewer).get(_url("representativeness", team)).content.decode()
    assert "Compare a question with the population" not in page
    tracker = client_for(team.viewer).get(_url("recruitment", team)).content.decode()
    assert "Set the targets" not in tracker


def test_a_lead_sets_targets_and_sees_whom_to_reach(team, parents, client_for):
    client = client_for(team.lead)
    url = _url("recruitment", team)
    response = client.post(
        url, {"which": "groups", "question": "area", "group_0": "30", "group_5": "2"}
    )
    assert response.status_code == 302
    stored = dict(RecruitmentTarget.objects.values_list("group", "target"))
    assert stored == {"Edgbaston": 30, "Northfield": 2}
    page = client.get(f"{url}?question=area").content.decode()
    assert "Whom to reach next" in page
    assert "<strong>Edgbaston</strong>" in page
    bad = client.post(url, {"which": "total", "total": "lots"})
    assert bad.status_code == 200
    assert "Enter a whole number, such as 100" in bad.content.decode()


def test_weighted_beside_unweighted(team, parents, client_for):
    client = client_for(team.editor)
    response = _post_population(
        client, team, b"group,count\nLadywood,50\nEdgbaston,50\n", question_id="area"
    )
    assert response.status_code == 302
    page = client.get(_url("representativeness", team) + "?weighted=carer")
    content = page.content.decode()
    assert "Weighted beside unweighted" in content
    assert "effective sample size" in content
    weighted = page.context["weighted"]
    # Post-stratified on area: Ladywood and Edgbaston weigh the same in all, 50% each, so the
    # weighted shares of the people in them match the population exactly.
    frame = rq_frame(parents)
    in_two = frame["area"].isin(["Ladywood", "Edgbaston"])
    weights = weighted.weights.values
    ladywood = sum(w for w, a in zip(weights, frame["area"], strict=True) if a == "Ladywood")
    edgbaston = sum(w for w, a in zip(weights, frame["area"], strict=True) if a == "Edgbaston")
    assert ladywood == pytest.approx(edgbaston)
    assert ladywood + edgbaston == pytest.approx(int(in_two.sum()))
    assert weighted.question_id == "carer"
    assert any("only" in w for w in weighted.weights.warnings) == (
        min(int((frame["area"] == a).sum()) for a in ("Ladywood", "Edgbaston")) < 5
    )


def rq_frame(survey: Any) -> Any:
    from pairsight.surveys.queries import stored_responses

    return stored_responses(survey).frame
