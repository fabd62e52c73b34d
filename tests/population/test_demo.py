"""The Birmingham 2022 demonstration holds only figures from the published summary."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from pairsight.assessments.models import Assessment, Membership, Progress, WorkstreamStatus
from pairsight.population.demo import load_birmingham_demo
from pairsight.population.models import Scenario


def test_the_demo_is_birmingham_with_only_published_figures(db: None) -> None:
    demo = load_birmingham_demo("a-demo-password")
    assessment = demo.assessment
    assert demo.created and assessment.is_demo
    assert (assessment.area.name, assessment.area.ons_code) == ("Birmingham", "E08000025")
    scenario = Scenario.objects.get(assessment=assessment)
    assert scenario.is_chosen
    assert scenario.result["reading"]["children"] == 30_672
    assert scenario.result["preset"]["name"] == "high-adversity"
    assert scenario.result["capacity"]["services"] == [
        {"name": "Perinatal mental health service", "families_per_year": 340}
    ]
    assert scenario.result["unmet_need"]["value"] == 2_420
    assert "Nearly 50% of children aged two and under" in scenario.notes
    statuses = {s.workstream: s for s in WorkstreamStatus.objects.filter(assessment=assessment)}
    assert statuses["population"].headline_value == "2,420"
    others = [s for key, s in statuses.items() if key != "population"]
    assert all(s.progress == Progress.NOT_STARTED and not s.headline_value for s in others)


def test_loading_again_keeps_one_demo_and_resets_the_password(db: None) -> None:
    load_birmingham_demo("first-password-1")
    again = load_birmingham_demo("second-password-2")
    assert not again.created
    assert Assessment.objects.filter(is_demo=True).count() == 1
    user: Any = get_user_model().objects.get(username="demo")
    assert user.check_password("second-password-2")
    assert Membership.objects.get(assessment=again.assessment, user=user).role == "lead"


def test_a_password_is_made_when_none_is_given(db: None) -> None:
    demo = load_birmingham_demo()
    assert len(demo.password) >= 12
    user: Any = get_user_model().objects.get(username="demo")
    assert user.check_password(demo.password)
