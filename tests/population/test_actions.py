"""Scenario writes: saved, chosen and deleted in one step each, with the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pairsight.assessments.models import AuditEvent
from pairsight.population.actions import choose_scenario, delete_scenario, save_scenario
from pairsight.population.demo import demo_inputs
from pairsight.population.estimate import estimate
from pairsight.population.forms import NeedForms, inputs_query
from pairsight.population.models import Scenario


def _save(team: Any, name: str, children: str = "10000") -> Scenario:
    values = demo_inputs()
    values["children"] = children
    forms = NeedForms(inputs_query(values))
    inputs = forms.population_inputs()
    assert inputs is not None
    return save_scenario(
        actor=team.editor,
        assessment=team.assessment,
        name=name,
        notes="",
        inputs=forms.stored_inputs(),
        result=estimate(inputs),
    )


def test_names_are_unique_whatever_their_case_and_spacing(team: Any) -> None:
    _save(team, "Low  estimate")
    with pytest.raises(ValidationError, match="already a scenario called"):
        _save(team, "low estimate")
    assert Scenario.objects.count() == 1


def test_only_one_scenario_is_chosen(team: Any) -> None:
    first, second = _save(team, "First"), _save(team, "Second", "20000")
    choose_scenario(actor=team.editor, scenario=first)
    choose_scenario(actor=team.editor, scenario=second)
    assert list(Scenario.objects.filter(is_chosen=True)) == [second]
    with pytest.raises(IntegrityError), transaction.atomic():
        Scenario.objects.filter(pk=first.pk).update(is_chosen=True)


def test_choosing_the_chosen_scenario_again_changes_nothing(team: Any) -> None:
    first = _save(team, "First")
    choose_scenario(actor=team.editor, scenario=first)
    events = AuditEvent.objects.count()
    choose_scenario(actor=team.editor, scenario=first)
    assert AuditEvent.objects.count() == events


def test_deleting_records_what_was_deleted(team: Any) -> None:
    scenario = _save(team, "Gone")
    delete_scenario(actor=team.lead, scenario=scenario)
    event = AuditEvent.objects.get(action="scenario deleted")
    assert event.before["name"] == "Gone"
    assert event.actor == team.lead
