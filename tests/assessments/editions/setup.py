"""What the edition tests share: publish the demo, start the next edition, change its under-twos."""

from __future__ import annotations

from typing import Any

from pairsight.assessments.editions.actions import publish_edition, start_next_edition
from pairsight.assessments.models import Assessment, Membership
from pairsight.population import birmingham
from pairsight.population.actions import choose_scenario, save_scenario
from pairsight.population.demo import demo_inputs
from pairsight.population.estimate import estimate
from pairsight.population.forms import NeedForms, inputs_query


def lead_of(assessment: Assessment) -> Any:
    return Membership.objects.get(assessment=assessment, role="lead").user


def publish(assessment: Assessment) -> None:
    publish_edition(
        actor=lead_of(assessment), assessment=assessment, confirm_title=assessment.title
    )


def change_under_twos(actor: Any, assessment: Assessment, children: int) -> None:
    """Save and choose a scenario with a different under-two population, as the page does."""
    raw = demo_inputs()
    raw.update(children=str(children), source_for=str(children))
    forms = NeedForms(inputs_query(raw))
    inputs = forms.population_inputs(area_name=birmingham.AREA_NAME, area_code=birmingham.AREA_CODE)
    assert forms.is_valid() and inputs is not None
    scenario = save_scenario(
        actor=actor,
        assessment=assessment,
        name=f"Under-twos {children}",
        notes="",
        inputs=forms.stored_inputs(),
        result=estimate(inputs),
    )
    choose_scenario(actor=actor, scenario=scenario)


def next_edition_with(assessment: Assessment, children: int) -> Assessment:
    """Publish `assessment`, start the next edition and change its under-two population."""
    lead = lead_of(assessment)
    publish(assessment)
    edition = start_next_edition(actor=lead, assessment=assessment)
    change_under_twos(lead, edition, children)
    return edition
