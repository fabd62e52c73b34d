"""The Birmingham 2022 reference case: only figures that its published summary gives."""

from __future__ import annotations

from pairsight.population.estimate import Capacity, PopulationInputs, Reading
from pairsight.population.presets import load_preset

AREA_NAME = "Birmingham"
AREA_CODE = "E08000025"
UNDER_TWO_POPULATION = 30_672
PERINATAL_MENTAL_HEALTH_CAPACITY = 340
SOURCE = (
    "Nuttall C, Mitchell Meades A (2022). Nurturing the future: holding young minds in mind. "
    "Birmingham needs assessment summary, 27 April 2022"
)
# Context the summary gives but the model does not use: it applied the high-adversity
# distribution to every child rather than weighting by neighbourhood.
DEPRIVATION_CONTEXT = (
    "Nearly 50% of children aged two and under in Birmingham live in the most deprived 10% "
    "of neighbourhoods in England."
)


def birmingham_2022_inputs() -> PopulationInputs:
    return PopulationInputs(
        children=UNDER_TWO_POPULATION,
        reading=Reading.UNDER_TWO,
        preset=load_preset("high-adversity"),
        capacity=(Capacity("Perinatal mental health service", PERINATAL_MENTAL_HEALTH_CAPACITY),),
        area_name=AREA_NAME,
        area_code=AREA_CODE,
        children_source=SOURCE,
        capacity_source=SOURCE,
    )
