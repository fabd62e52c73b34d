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
from pairsight.population.figures import decimal_text, publish
from pairsight.population.need_model import (
    NeedModel,
    need_model,
    published_range,
    specialised_and_unmet,
)
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
    out exactly from the shared need model; the full estimate with its provenance for
    every pathway is built when asked for (`estimate`)."""

    rank: int
    code: str
    name: str
    kind: str
    children: int
    deprived_share: Fraction | None
    method: str
    inputs: PopulationInputs
    model: NeedModel
    specialised: dict[str, Fraction]  # exact, per scenario
    unmet: dict[str, Fraction]

    @cached_property
    def estimate(self) -> NeedEstimate:
        return estimate(self.inputs, self.model)

    @property
    def capacity(self) -> int:
        return sum(c.families_per_year for c in self.inputs.capacity)

    @property
    def specialised_need(self) -> int:
        return publish(self.specialised["central"])

    @property
    def unmet_need(self) -> tuple[int, int | None, int | None]:
        """Published unmet need, and its lowest and highest scenario (None without a range)."""
        return published_range(self.unmet)

    @property
    def unmet_per_1000(self) -> Fraction:
        if self.children == 0:
            return Fraction(0)
        return self.unmet["central"] * 1000 / self.children

    def to_dict(self) -> dict[str, Any]:
        unmet, low, high = self.unmet_need
        return {
            "rank": self.rank,
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "children_under_two": self.children,
            "deprived_share": None
            if self.deprived_share is None
            else decimal_text(self.deprived_share),
            "method": self.method,
            "specialised_need": self.specialised_need,
            "capacity": self.capacity,
            "unmet_need": unmet,
            "unmet_need_low": low,
            "unmet_need_high": high,
            "unmet_need_per_1000": decimal_text(self.unmet_per_1000, 2),
        }


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
    under_two = mye.under_two_all()
    neighbourhoods = imd.by_area() if imd is not None else {}
    period = f"{mye.period} " if mye.period else ""
    base = PopulationInputs(children=0, preset=preset, split=split)
    preset_model = need_model(base)  # the same for every area without its own weighting
    results: list[AreaNeed] = []
    for index in chosen.nonzero()[0]:
        code, name = mye.codes[index], mye.names[index]
        children = int(under_two[index])
        deprivation, share, method = None, None, PRESET_ONLY
        if imd is not None:
            method = NO_NEIGHBOURHOODS
            found = neighbourhoods.get(code)
            if found is not None and int(found[0].sum()) > 0:
                populations, deciles = found
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
        inputs = replace(
            base,
            children=children,
            area_code=code,
            area_name=name,
            capacity=tuple(capacity.get(code, ())),
            deprivation=deprivation,
            children_source=f"{period}ages 0 and 1, {mye.source.describe()}",
        )
        model = preset_model if deprivation is None else need_model(inputs)
        specialised, unmet = specialised_and_unmet(
            children, sum(c.families_per_year for c in inputs.capacity), model
        )
        results.append(AreaNeed(0, code, name, area_kind(code), children, share, method,
                                inputs, model, specialised, unmet))  # fmt: skip
    results.sort(key=lambda r: (-r.unmet_per_1000, -r.unmet["central"], r.code))
    ranked = tuple(replace(r, rank=i) for i, r in enumerate(results, start=1))
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


def all_areas_csv(result: AllAreas) -> str:
    """One row per area; names come from official files, so cells are neutralised too."""
    rows: list[list[object]] = [list(CSV_COLUMNS)]
    for row in result.rows:
        data = row.to_dict()
        rows.append(["" if data[c] is None else data[c] for c in CSV_COLUMNS])
    return csv_text(rows)
