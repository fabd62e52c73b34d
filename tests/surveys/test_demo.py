"""The Birmingham demo's surveys: generated responses, marked synthetic, matching the summary."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pairsight.assessments.models import WorkstreamStatus
from pairsight.surveys import queries
from pairsight.surveys.analysis import ChoiceSummary, analyse
from pairsight.surveys.demo import add_demo_surveys
from pairsight.surveys.models import ImportBatch, Response, Survey
from pairsight.surveys.synthetic import SYNTHETIC_LABEL

from .birmingham_said import ASKED, SAID

pytestmark = pytest.mark.django_db


def _share(analysis: Any, question_id: str, answers: tuple[str, ...]) -> tuple[int, int]:
    item = analysis.item(question_id)
    assert isinstance(item, ChoiceSummary)
    return sum(s.count for s in item.shares if s.label in answers), item.answered


def test_the_demo_gains_both_surveys_with_synthetic_responses(demo: Any) -> None:
    surveys = add_demo_surveys(demo.assessment)
    assert [s.kind for s in surveys] == ["workforce", "parents"]
    counts = {s.kind: Response.objects.filter(survey=s).count() for s in surveys}
    assert counts == {"workforce": 89, "parents": 49}
    for survey in surveys:
        survey.refresh_from_db()
        assert survey.synthetic and survey.marking == SYNTHETIC_LABEL
        assert ImportBatch.objects.get(survey=survey).synthetic
    statuses = {
        s.workstream: s for s in WorkstreamStatus.objects.filter(assessment=demo.assessment)
    }
    assert statuses["workforce"].headline_value == "89"
    assert statuses["parents"].headline_value == "49"
    assert statuses["parents"].headline_label == "Parents and carers who answered the survey"
    assert "Synthetic" in statuses["parents"].headline_detail


def test_the_stored_demo_responses_reproduce_what_birmingham_reported(demo: Any) -> None:
    add_demo_surveys(demo.assessment)
    analyses = {
        kind: analyse(queries.stored_responses(Survey.objects.get(kind=kind)))
        for kind in ("workforce", "parents")
    }
    by_survey = {"practitioners": analyses["workforce"], "parents": analyses["parents"]}
    for said in SAID:
        count, base = _share(by_survey[said.survey], said.question_id, said.answers)
        assert base == ASKED[said.survey] and said.holds(count, base), said.words


def test_loading_the_demo_again_adds_nothing(demo: Any) -> None:
    add_demo_surveys(demo.assessment)
    add_demo_surveys(demo.assessment)
    assert Survey.objects.count() == 2
    assert Response.objects.count() == 89 + 49
    assert ImportBatch.objects.count() == 2


def test_the_dashboard_shows_the_survey_cards_with_their_figures(demo: Any) -> None:
    from django.contrib.auth import get_user_model

    add_demo_surveys(demo.assessment)
    client = Client()
    client.force_login(get_user_model().objects.get(username="demo"))
    page = client.get(f"/assessments/{demo.assessment.pk}/").content.decode()
    for kind, figure in (("workforce", "89"), ("parents", "49")):
        card = page.split(f'id="card-{kind}"', 1)[1].split('class="nhsuk-card"', 1)[0]
        assert f'<span class="app-card__figure">{figure}</span>' in card
        assert "In progress" in card
        assert f"/assessments/{demo.assessment.pk}/surveys/{kind}/" in card
