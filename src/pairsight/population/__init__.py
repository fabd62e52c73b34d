"""Workstream 1: population need.

>>> from pairsight.population import Capacity, PopulationInputs, estimate, load_preset
>>> pnmh = Capacity("Perinatal mental health service", 340)
>>> result = estimate(PopulationInputs(30672, load_preset("high-adversity"), capacity=(pnmh,)))
>>> result.unmet_need.value
2420
"""

from pairsight.core.document import Assumption
from pairsight.population.deprivation import DeprivationInputs
from pairsight.population.estimate import (
    Capacity,
    InputError,
    NeedEstimate,
    PopulationInputs,
    Reading,
    estimate,
)
from pairsight.population.figures import Figure, Provenance
from pairsight.population.presets import (
    AttachmentClass,
    Preset,
    PresetError,
    list_presets,
    load_preset,
)
from pairsight.population.split import Pathway, PathwaySplit, load_split

__all__ = [
    "Assumption",
    "AttachmentClass",
    "Capacity",
    "DeprivationInputs",
    "Figure",
    "InputError",
    "NeedEstimate",
    "Pathway",
    "PathwaySplit",
    "PopulationInputs",
    "Preset",
    "PresetError",
    "Provenance",
    "Reading",
    "estimate",
    "list_presets",
    "load_preset",
    "load_split",
]
