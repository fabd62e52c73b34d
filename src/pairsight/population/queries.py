"""Reads for the population pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import QueryDict

from pairsight.assessments.models import Assessment
from pairsight.population.estimate import NeedEstimate, estimate
from pairsight.population.forms import NeedForms, inputs_query
from pairsight.population.models import Scenario


def scenarios(assessment: Assessment) -> QuerySet[Scenario]:
    return Scenario.objects.filter(assessment=assessment).order_by("-is_chosen", "name")


def chosen_scenario(assessment: Assessment) -> Scenario | None:
    return Scenario.objects.filter(assessment=assessment, is_chosen=True).first()


def stored_query(scenario: Scenario) -> QueryDict:
    return inputs_query(scenario.inputs)


def forms_for(scenario: Scenario) -> NeedForms:
    """The scenario's inputs; typed figures name the person who saved them."""
    creator = scenario.created_by
    person = ""
    if creator is not None:
        person = creator.get_full_name().strip() or creator.get_username()
    return NeedForms(stored_query(scenario), entered_by=person)


def estimate_for(scenario: Scenario) -> NeedEstimate | None:
    """The scenario's estimate worked out again from its saved inputs.

    None if the inputs no longer pass the model (for example, a preset was withdrawn).
    """
    forms = forms_for(scenario)
    if not forms.is_valid():
        return None
    area = scenario.assessment.area
    inputs = forms.population_inputs(area_name=area.name, area_code=area.ons_code)
    return estimate(inputs) if inputs is not None else None
