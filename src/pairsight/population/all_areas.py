"""Need for every local authority in a mid-year estimates file, ranked.

Each area gets the same need model as a single-area run: its children under two (ages 0
and 1 from the file), the chosen preset and split, and, when an IMD File 7 is given, the
deprivation-weighted distribution from its own neighbourhoods. Areas are ranked by unmet
need per 1,000 children under two. No area has existing capacity unless it is given, and
the output says so, because unmet need then equals specialised need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from pairsight.core.cells import csv_text
from pairsight.officialdata.areas import Tier, area_kind
from pairsight.officialdata.imd import DeprivationTable
from pairsight.officialdata.mye import MidYearEstimates
from pairsight.population.deprivation import DeprivationInputs
from pairsight.population.estimate import Capacity, NeedEstimate, PopulationInputs, estimate
from pairsight.population.figures import decimal_text, ratio_text
from pairsight.population.headlines import Headline, Shares, dense_ranks
from pairsight.population.need_model import NeedModel, need_model, specialised_and_unmet
from pairsight.population.presets import Preset
from pairsight.population.split import PathwaySplit, load_split

PRESET_ONLY = "preset"
WEIGHTED = "deprivation-weighted"
NO_NEIGHBOURHOODS = "preset (no IMD neighbourhoods for this code)"
NO_CAPACITY_NOTE = (
    "No existing specialised capacity was given for any area, so unmet need equals "
    "specialised need."
)


@dataclass(frozen=True)
class AreaNeed:
    """One area's need. The ranking and the table need only the headline figures, worked
    out exactly in integers over the need model's denominators (see `headlines`); the
    exact fractions, the inputs and the full estimate with its provenance for every
    pathway are built when asked for."""

    rank: int
    code: str
    name: str
    kind: str
    children: int
    deprived_share: Fraction | None
    method: str
    #: The inputs every field but the area's own (children, code, name, capacity) comes
    #: from: shared by all areas on the preset, the area's own when deprivation-weighted.
    base: PopulationInputs
    model: NeedModel
    capacities: tuple[Capacity, ...]
    headline: Headline

    @cached_property
    def inputs(self) -> PopulationInputs:
        return replace(
            self.base,
            children=self.children,
            area_code=self.code,
            area_name=self.name,
            capacity=self.capacities,
        )

    @cached_property
    def estimate(self) -> NeedEstimate:
        return estimate(self.inputs, self.model)

    @cached_property
    def specialised(self) -> dict[str, Fraction]:
        """Exact specialised need per scenario."""
        return specialised_and_unmet(self.children, self.capacity, self.model)[0]

    @cached_property
    def unmet(self) -> dict[str, Fraction]:
        """Exact unmet need per scenario (never below zero)."""
        return specialised_and_unmet(self.children, self.capacity, self.model)[1]

    @property
    def capacity(self) -> int:
        return self.headline.capacity

    @property
    def specialised_need(self) -> int:
        return self.headline.specialised_need

    @property
    def unmet_need(self) -> tuple[int, int | None, int | None]:
        """Published unmet need, and its lowest and highest scenario (None without a range)."""
        return self.headline.unmet_need

    @property
    def unmet_per_1000(self) -> Fraction:
        return self.headline.per_1000

    def cells(self) -> list[object]:
        """The row's values in `CSV_COLUMNS` order (None where there is nothing to show)."""
        unmet, low, high = self.unmet_need
        return [
            self.rank,
            self.code,
            self.name,
            self.kind,
            self.children,
            None if self.deprived_share is None else decimal_text(self.deprived_share),
            self.method,
            self.specialised_need,
            self.capacity,
            unmet,
            low,
            high,
            ratio_text(*self.headline.per_1000_ratio, 2),
        ]

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(CSV_COLUMNS, self.cells(), strict=True))


@dataclass(frozen=True)
class AllAreas:
    rows: tuple[AreaNeed, ...]
    tier: Tier
    preset: Preset
    population_source: str
    deprivation_source: str
    notes: tuple[str, ...]

    def row(self, code: str) -> AreaNeed:
        return next(r for r in self.rows if r.code == code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier.value,
            "preset": self.preset.name,
            "population_source": self.population_source,
            "deprivation_source": self.deprivation_source or None,
            "notes": list(self.notes),
            "areas": [r.to_dict() for r in self.rows],
        }


def estimate_all_areas(
    mye: MidYearEstimates,
    preset: Preset,
    *,
    split: PathwaySplit | None = None,
    tier: Tier = Tier.ALL,
    imd: DeprivationTable | None = None,
    most_deprived: frozenset[int] = frozenset({1}),
    capacity: Mapping[str, Sequence[Capacity]] | None = None,
) -> AllAreas:
    split = split or load_split()
    capacity = capacity or {}
    chosen = mye.local_authorities(tier)
    under_two = mye.under_two_all().tolist()
    codes, names = mye.codes, mye.names
    neighbourhoods = imd.by_area() if imd is not None else {}
    period = f"{mye.period} " if mye.period else ""
    base = PopulationInputs(
        children=0,
        preset=preset,
        split=split,
        children_source=f"{period}ages 0 and 1, {mye.source.describe()}",
    )
    preset_model = need_model(base)  # the same for every area without its own weighting
    preset_shares = Shares.of(preset_model)
    found: list[
        tuple[
            str, str, int, Fraction | None, str, PopulationInputs, NeedModel, tuple[Capacity, ...]
        ]
    ] = []
    headlines: list[Headline] = []
    for index in chosen.nonzero()[0].tolist():
        code, name, children = codes[index], names[index], under_two[index]
        area_base, model, shares = base, preset_model, preset_shares
        share, method = None, PRESET_ONLY
        if imd is not None:
            method = NO_NEIGHBOURHOODS
            own = neighbourhoods.get(code)
            if own is not None and int(own[0].sum()) > 0:
                populations, deciles = own
                deprivation = DeprivationInputs(
                    populations=populations,
                    deciles=deciles,
                    most_deprived_deciles=most_deprived,
                    population_label=f"children aged 0-15 in {imd.edition} File 7 (proxy)"
                    if imd.proxy
                    else imd.population_label,
                    source=imd.source.describe(),
                )
                in_deprived = np.isin(deciles, sorted(most_deprived))
                share = Fraction(int(populations[in_deprived].sum()), int(populations.sum()))
                method = WEIGHTED
                area_base = replace(base, children=children, deprivation=deprivation)
                model = need_model(area_base)
                shares = Shares.of(model)
        capacities = tuple(capacity.get(code, ()))
        headlines.append(
            Headline.of(children, sum(c.families_per_year for c in capacities), shares)
        )
        found.append((code, name, children, share, method, area_base, model, capacities))
    ranked = tuple(
        AreaNeed(rank, code, name, area_kind(code), children, share, method, area_base, model,
                 capacities, headlines[i])
        for rank, i in enumerate(_ranking(headlines, [f[0] for f in found]), start=1)
        for code, name, children, share, method, area_base, model, capacities in (found[i],)
    )  # fmt: skip
    notes = [
        f"{len(ranked):,} local authorities ({tier.value} tiers) from {mye.source.describe()}.",
        "Children are those aged 0 and 1 (under two) at mid-year.",
    ]
    if not capacity:
        notes.append(NO_CAPACITY_NOTE)
    if imd is not None:
        missing = sum(1 for r in ranked if r.method == NO_NEIGHBOURHOODS)
        notes.append(
            f"Deprivation-weighted with {imd.source.describe()}: high-adversity shares for "
            f"children in IMD decile(s) {', '.join(map(str, sorted(most_deprived)))}, "
            f"standard elsewhere; neighbourhood populations are "
            + ("children aged 0-15, a proxy for under-twos." if imd.proxy else "as given.")
        )
        if missing:
            notes.append(
                f"{missing:,} areas have no neighbourhoods in {imd.source.path.name} under their "
                f"code (counties, areas outside England, or boundaries newer than "
                f"{imd.edition}), so they use the {preset.name} preset alone."
            )
    else:
        notes.append(f"Every area uses the {preset.name} preset; ranks tie without --imd.")
    return AllAreas(
        rows=ranked,
        tier=tier,
        preset=preset,
        population_source=mye.source.describe(),
        deprivation_source=imd.source.describe() if imd is not None else "",
        notes=tuple(notes),
    )


CSV_COLUMNS = (
    "rank",
    "code",
    "name",
    "kind",
    "children_under_two",
    "deprived_share",
    "method",
    "specialised_need",
    "capacity",
    "unmet_need",
    "unmet_need_low",
    "unmet_need_high",
    "unmet_need_per_1000",
)


def _ranking(headlines: Sequence[Headline], codes: Sequence[str]) -> list[int]:
    """Positions in rank order: highest unmet need per 1,000 children first, then highest
    unmet need, then code. Exact rates are ranked once per distinct value (without IMD
    weighting or capacity, every area shares one); unmet need over one shared denominator
    is compared as integers."""
    rates = dense_ranks([h.per_1000 for h in headlines])
    unmet: list[int]
    if len({h.denominator for h in headlines}) <= 1:
        unmet = [-h.unmet_central for h in headlines]
    else:
        unmet = dense_ranks([h.unmet_exact for h in headlines])
    return sorted(range(len(codes)), key=lambda i: (rates[i], unmet[i], codes[i]))


def all_areas_csv(result: AllAreas) -> str:
    """One row per area; names come from official files, so cells are neutralised too."""
    rows: list[list[object]] = [list(CSV_COLUMNS)]
    rows.extend(["" if c is None else c for c in row.cells()] for row in result.rows)
    return csv_text(rows)
