"""Reads for the report: the assessment's report as it stands, and what has changed since."""

from __future__ import annotations

import datetime

from pairsight.core.document import Status
from pairsight.population.actions import choose_scenario, save_scenario
from pairsight.population.models import Scenario
from pairsight.population.queries import estimate_for
from pairsight.reports import queries


def test_the_demo_report_has_the_birmingham_figures_and_notice(demo):
    report = queries.assessment_report(demo.assessment, date=datetime.date(2025, 3, 14))
    assert report.area == "Birmingham"
    assert report.title == demo.assessment.title
    assert "Birmingham's 2022 needs assessment" in report.data_notice
    assert report.next_steps, "the demo's next steps come with it"
    values = {h.label: h.value for h in report.headlines()}
    assert values["Specialised PAIR need"] == "2,760"
    assert values["Unmet specialised need"] == "2,420"


def test_the_fingerprint_follows_the_content_not_the_date_or_status(demo):
    assessment = demo.assessment
    draft = queries.assessment_report(assessment, date=datetime.date(2025, 3, 14))
    published = queries.assessment_report(
        assessment, status=Status.PUBLISHED, date=datetime.date(2026, 1, 2)
    )
    assert queries.fingerprint(draft) == queries.fingerprint(published)
    assert queries.current_fingerprint(assessment) == queries.fingerprint(draft)

    chosen = Scenario.objects.get(assessment=assessment, is_chosen=True)
    inputs = dict(chosen.inputs, children="20000")
    other = save_scenario(
        actor=None,
        assessment=assessment,
        name="Twenty thousand",
        notes="",
        inputs=inputs,
        result=estimate_for(chosen),
    )
    choose_scenario(actor=None, scenario=other)
    assert queries.current_fingerprint(assessment) != queries.fingerprint(draft)
