"""The population workstream's section of the assessment's report.

The section comes from the assessment's chosen scenario, worked out again from its saved
inputs (so the report always follows the current model and presets). Without a chosen
scenario, or with one that no longer passes the model, the section says so and how to fix it.
"""

from __future__ import annotations

from pairsight.assessments.models import Assessment
from pairsight.core.document import Callout, Paragraph, Section
from pairsight.population import birmingham
from pairsight.population.estimate import NeedEstimate
from pairsight.population.queries import chosen_scenario, estimate_for
from pairsight.population.section import HEADING, is_entered, need_section

SECTION_KEY = "population-need"


def population_section(assessment: Assessment) -> Section:
    scenario = chosen_scenario(assessment)
    if scenario is None:
        return _placeholder(
            "No population estimate has been chosen for this assessment yet.",
            "On the population need page, save a scenario and choose it as the assessment's "
            "estimate; this section then shows its figures, chart and sources.",
        )
    need = estimate_for(scenario)
    if need is None:
        return _placeholder(
            f"The chosen scenario, {scenario.name}, can no longer be worked out: its inputs "
            "no longer pass the model's checks.",
            "Open it on the population need page, correct the inputs and save it again, then "
            "choose it as the assessment's estimate.",
        )
    return need_section(need, capacity_source=_capacity_source(assessment, need))


def _capacity_source(assessment: Assessment, need: NeedEstimate) -> str | None:
    """The source given with the capacity; for a demonstration saved before the page kept
    one, the Birmingham summary it comes from."""
    given = need.inputs.capacity_source
    birmingham_demo = assessment.is_demo and assessment.area.ons_code == birmingham.AREA_CODE
    return birmingham.SOURCE if birmingham_demo and is_entered(given) else None


def _placeholder(problem: str, remedy: str) -> Section:
    return Section(
        heading=HEADING,
        key=SECTION_KEY,
        blocks=(
            Callout(problem, title="Not ready yet", tone="warning"),
            Paragraph(remedy),
        ),
    )
