"""Loaders for the official statistics a needs assessment starts from (no Django here).

Each loader reads the published layout as it is, finds its table, and says in one sentence
what is wrong when handed the wrong file: `SourceFileError` (and `AreaNotFoundError` when
the file is fine but lacks the area asked for).
"""

from pairsight.officialdata.births import Births, load_births
from pairsight.officialdata.errors import AreaNotFoundError, SourceFileError
from pairsight.officialdata.imd import DeprivationTable, Neighbourhoods, load_imd
from pairsight.officialdata.mye import (
    AreaPopulation,
    MidYearEstimates,
    load_mid_year_estimates,
)
from pairsight.officialdata.projections import Projections, load_projections

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
