"""The population section of an assessment's report: the chosen scenario, or why there is none."""

from __future__ import annotations

from pairsight.core.document import Callout, Table
from pairsight.population import birmingham
from pairsight.population.models import Scenario
from pairsight.population.report import population_section


def _cells(section) -> list[str]:
    found = []
    for _, part in section.walk():
        for block in part.blocks:
            table = block if isinstance(block, Table) else getattr(block, "table", None)
            if table is not None:
                found += [str(cell) for row in table.rows for cell in row]
    return found


def test_the_chosen_scenario_gives_the_need_section(demo):
    section = population_section(demo.assessment)
    assert section.heading == "Population need"
    cells = _cells(section)
    assert "2760" in cells and "2420" in cells and "30672" in cells
    capacity = next(i for i in section.inputs if i.name.startswith("Families seen a year"))
    assert capacity.origin == birmingham.SOURCE


def test_without_a_chosen_scenario_the_section_says_how_to_choose_one(team):
    section = population_section(team.assessment)
    assert section.key == "population-need"
    [callout, remedy] = section.blocks
    assert isinstance(callout, Callout) and callout.tone == "warning"
    assert callout.text == "No population estimate has been chosen for this assessment yet."
    assert "choose it as the assessment's estimate" in remedy.text
    assert not section.headlines


def test_a_chosen_scenario_that_no_longer_works_out_is_named(demo):
    chosen = Scenario.objects.get(assessment=demo.assessment, is_chosen=True)
    Scenario.objects.filter(pk=chosen.pk).update(inputs=dict(chosen.inputs, children="-5"))
    section = population_section(demo.assessment)
    assert section.blocks[0].text.startswith(
        f"The chosen scenario, {chosen.name}, can no longer be worked out"
    )


def test_a_demonstration_saved_before_capacity_had_a_source_still_cites_the_summary(demo):
    scenario = Scenario.objects.get(assessment=demo.assessment, is_chosen=True)
    for name in ("capacity_source", "capacity_source_text", "capacity_source_for"):
        scenario.inputs.pop(name, None)
    scenario.inputs.pop("capacity_source_shown", None)
    scenario.save()
    section = population_section(demo.assessment)
    capacity = next(i for i in section.inputs if i.name.startswith("Families seen a year"))
    assert capacity.origin == birmingham.SOURCE
