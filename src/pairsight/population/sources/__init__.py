"""Loaders for the official statistics a needs assessment starts from (no Django here).

Each loader reads the published layout as it is, finds its table, and says in one sentence
what is wrong when handed the wrong file: `SourceFileError` (and `AreaNotFoundError` when
the file is fine but lacks the area asked for).
"""

from pairsight.population.sources.births import Births, load_births
from pairsight.population.sources.errors import AreaNotFoundError, SourceFileError
from pairsight.population.sources.imd import DeprivationTable, Neighbourhoods, load_imd
from pairsight.population.sources.mye import (
    AreaPopulation,
    MidYearEstimates,
    load_mid_year_estimates,
)
from pairsight.population.sources.projections import Projections, load_projections

__all__ = [
    "AreaNotFoundError",
    "AreaPopulation",
    "Births",
    "DeprivationTable",
    "MidYearEstimates",
    "Neighbourhoods",
    "Projections",
    "SourceFileError",
    "load_births",
    "load_imd",
    "load_mid_year_estimates",
    "load_projections",
]
