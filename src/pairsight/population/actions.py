"""Writes for the population workstream: saving, choosing and deleting scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.access import require
from pairsight.assessments.actions import set_headline
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Role, Workstream
from pairsight.officialdata.added import AddError, add_file
from pairsight.population.estimate import NeedEstimate
from pairsight.population.models import Scenario

HEADLINE_LABEL = "Unmet specialised need"


def _state(scenario: Scenario) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "notes": scenario.notes,
        "inputs": scenario.inputs,
        "children": scenario.children,
        "unmet_need": scenario.unmet_need,
        "chosen": scenario.is_chosen,
    }


@transaction.atomic
def save_scenario(
    *,
    actor: User | None,
    assessment: Assessment,
    name: str,
    notes: str,
    inputs: dict[str, str],
    result: NeedEstimate,
) -> Scenario:
    require(actor, assessment, Role.EDITOR)
    name = " ".join(name.split())
    if Scenario.objects.filter(assessment=assessment, name__iexact=name).exists():
        raise ValidationError(
            {"name": f"There is already a scenario called {name}. Choose a different name."}
        )
    scenario = Scenario.objects.create(
        assessment=assessment,
        name=name,
        notes=notes.strip(),
        inputs=inputs,
        result=result.to_dict(),
        created_by=actor,
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="scenario saved",
        object_type="population scenario",
        object_id=scenario.pk,
        summary=f"Saved the population scenario {scenario.name}",
        after=_state(scenario),
    )
    return scenario


def _headline_detail(scenario: Scenario) -> str:
    unit = scenario.result.get("reading", {}).get("unit", "")
    counted = "Families a year" if "per year" in unit else "Children under two"
    return f"{counted}. Chosen scenario: {scenario.name}"


@transaction.atomic
def choose_scenario(*, actor: User, scenario: Scenario) -> Scenario:
    """Mark the assessment's chosen estimate: it feeds the dashboard and the report."""
    require(actor, scenario.assessment, Role.EDITOR)
    previous = (
        Scenario.objects.select_for_update()
        .filter(assessment_id=scenario.assessment_id, is_chosen=True)
        .first()
    )
    if previous is not None and previous.pk == scenario.pk:
        return scenario
    if previous is not None:
        previous.is_chosen = False
        previous.save(update_fields=["is_chosen"])
    scenario.is_chosen = True
    scenario.save(update_fields=["is_chosen"])
    unmet = scenario.unmet_need
    set_headline(
        assessment=scenario.assessment,
        workstream=Workstream.POPULATION,
        label=HEADLINE_LABEL,
        value=f"{unmet:,}" if unmet is not None else "",
        detail=_headline_detail(scenario),
    )
    record_change(
        actor=actor,
        assessment=scenario.assessment,
        action="scenario chosen",
        object_type="population scenario",
        object_id=scenario.pk,
        summary=f"Chose {scenario.name} as the assessment's population estimate",
        before={"chosen": previous.name if previous else None},
        after={"chosen": scenario.name, "unmet_need": unmet},
    )
    return scenario


@transaction.atomic
def delete_scenario(*, actor: User, scenario: Scenario) -> None:
    require(actor, scenario.assessment, Role.EDITOR)
    before = _state(scenario)
    if scenario.is_chosen:
        set_headline(
            assessment=scenario.assessment,
            workstream=Workstream.POPULATION,
            label="",
            value="",
            detail="",
        )
    record_change(
        actor=actor,
        assessment=scenario.assessment,
        action="scenario deleted",
        object_type="population scenario",
        object_id=scenario.pk,
        summary=f"Deleted the population scenario {scenario.name}",
        before=before,
    )
    scenario.delete()


@transaction.atomic
def add_official_file(
    *,
    actor: User,
    assessment: Assessment,
    stream: BinaryIO,
    name: str,
    source: str,
    kind: str | None,
    folder: Path,
) -> Path:
    """A lead registers an official file downloaded by hand, checked by its loader first;
    it then serves every assessment on this server, as `pairsight data add` does."""
    access.require(actor, assessment, Role.LEAD)
    try:
        added = add_file(stream, name, folder, source=source, kind=kind or None)
    except AddError as error:
        raise ValidationError({"file": str(error)}) from None
    record_change(
        actor=actor,
        assessment=assessment,
        action="official data added",
        object_type="official data file",
        object_id=added.path.name,
        summary=f"Added the official file {added.path.name} ({added.record.title})",
        after={
            "file": added.path.name,
            "dataset": added.record.title,
            "source": added.record.url,
            "sha256": added.record.sha256,
            "bytes": added.record.bytes,
            "replaced": added.replaced,
        },
    )
    return added.path
