"""The population workstream's citable findings: the chosen scenario's figures, worked out now.

Registered in `PopulationConfig.ready` under the prefix `population`. The figures are
worked out again from the chosen scenario's saved inputs (as the report does), so a
citation can tell when the chosen estimate moved.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from pairsight.assessments.models import Assessment
from pairsight.core.citable import Evidence
from pairsight.population.queries import chosen_scenario, estimate_for

PREFIX = "population"
UNMET_NEED = f"{PREFIX}:unmet-need"
SPECIALISED_NEED = f"{PREFIX}:specialised-need"
CHILDREN = f"{PREFIX}:children"
CAPACITY = f"{PREFIX}:capacity"


def population_evidence(assessment: Assessment) -> Iterator[Evidence]:
    scenario = chosen_scenario(assessment)
    if scenario is None:
        return
    need = estimate_for(scenario)
    if need is None:
        return
    source = f"Population need, chosen scenario {scenario.name!r}"
    link = reverse(
        "population:scenario", kwargs={"assessment_id": assessment.pk, "scenario_id": scenario.pk}
    )
    as_of = scenario.created_at.date()
    unit = need.unit
    figures = [
        (UNMET_NEED, "Unmet specialised PAIR need", need.unmet_need.value, unit),
        (SPECIALISED_NEED, "Specialised PAIR need", need.specialised_need.value, unit),
        (CAPACITY, "Families seen by existing specialised services", need.capacity.value, unit),
        (CHILDREN, "Children counted (population)", need.inputs.children, unit),
    ]
    for key, label, value, figure_unit in figures:
        yield Evidence(
            key=key,
            label=label,
            value=f"{value:,}",
            unit=figure_unit,
            source=source,
            as_of=as_of,
            link=link,
        )
