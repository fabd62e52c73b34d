"""The population need model: children × attachment distribution × pathway split.

Everything is computed in exact fractions and rounded once, for publication, to the
nearest whole child with halves rounded up (2% of 9,975 is 199.5 and is published as 200).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pairsight.core.document import Assumption, Source
from pairsight.population.deprivation import DeprivationInputs, DeprivationWeighting, weigh
from pairsight.population.figures import (
    Figure,
    Provenance,
    decimal_text,
    people,
    percent,
    publish,
)
from pairsight.population.presets import AttachmentClass, Convention, Distribution, Preset
from pairsight.population.split import Pathway, PathwaySplit, load_split


class InputError(ValueError):
    """An input the model cannot use; the message names the field."""


class Reading(enum.StrEnum):
    UNDER_TWO = "under-two"
    BIRTHS = "births"

    @property
    def description(self) -> str:
        if self is Reading.BIRTHS:
            return "births a year (one birth cohort): figures are per year"
        return "children under two (two birth cohorts) at a point in time"


@dataclass(frozen=True)
class Capacity:
    """A service already offering specialised PAIR work, and the families it sees a year."""

    name: str
    families_per_year: int

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InputError("capacity: every service needs a name")
        if isinstance(self.families_per_year, bool) or self.families_per_year < 0:
            raise InputError(
                f"capacity: {self.name} must see zero or more families a year, "
                f"not {self.families_per_year}"
            )


@dataclass(frozen=True)
class PopulationInputs:
    children: int
    preset: Preset
    reading: Reading = Reading.UNDER_TWO
    split: PathwaySplit = field(default_factory=load_split)
    capacity: tuple[Capacity, ...] = ()
    caseload_per_wte: Fraction | None = None
    deprivation: DeprivationInputs | None = None
    area_name: str = ""
    area_code: str = ""
    children_source: str = "entered by the user"
    #: Where the families seen a year by existing services come from.
    capacity_source: str = "entered by the user"

    def __post_init__(self) -> None:
        if isinstance(self.children, bool) or not isinstance(self.children, int):
            raise InputError(f"children: expected a whole number, not {self.children!r}")
        if self.children < 0:
            raise InputError(
                f"children: the number of children cannot be negative ({self.children})"
            )
        if self.caseload_per_wte is not None and self.caseload_per_wte <= 0:
            raise InputError("caseload per WTE: must be more than zero families a year")


@dataclass(frozen=True)
class PathwayRow:
    pathway: Pathway
    attachment_class: AttachmentClass
    share: Fraction  # of all children
    count: Figure


@dataclass(frozen=True)
class NeedEstimate:
    inputs: PopulationInputs
    distribution: Distribution
    scenarios: dict[str, Distribution]
    rows: tuple[PathwayRow, ...]
    class_totals: dict[AttachmentClass, Figure]
    specialised_need: Figure
    capacity: Figure
    unmet_need: Figure
    staff_needed: Figure | None
    weighting: DeprivationWeighting | None
    unit: str

    def row(self, pathway: Pathway) -> PathwayRow:
        return next(r for r in self.rows if r.pathway is pathway)

    @property
    def method(self) -> str:
        return "deprivation-weighted" if self.weighting else "preset"

    def to_dict(self) -> dict[str, Any]:
        from pairsight.population.serialise import need_estimate_to_dict

        return need_estimate_to_dict(self)


def _figure(
    key: str,
    label: str,
    exact_by_scenario: dict[str, Fraction],
    provenance: Provenance,
) -> Figure:
    published = {name: publish(v) for name, v in exact_by_scenario.items()}
    low, high = min(published.values()), max(published.values())
    ranged = len(exact_by_scenario) > 1
    return Figure(
        key=key,
        label=label,
        exact=exact_by_scenario["central"],
        value=published["central"],
        provenance=provenance,
        low=low if ranged else None,
        high=high if ranged else None,
    )


def _scenarios(
    inputs: PopulationInputs,
) -> tuple[dict[str, Distribution], DeprivationWeighting | None]:
    if inputs.deprivation is None:
        return dict(inputs.preset.scenarios), None
    weighting = weigh(inputs.deprivation)
    return weighting.scenarios, weighting


def estimate(inputs: PopulationInputs) -> NeedEstimate:
    """Children per pathway, class totals, specialised and unmet need, with provenance."""
    scenarios, weighting = _scenarios(inputs)
    central = scenarios["central"]
    children = Fraction(inputs.children)
    reading_input = (
        f"{'Births a year' if inputs.reading is Reading.BIRTHS else 'Children under two'}: "
        f"{inputs.children:,} ({inputs.children_source})"
    )
    distribution_assumptions = _distribution_assumptions(inputs, weighting)

    rows = []
    for pathway in Pathway:
        exact_by_scenario: dict[str, Fraction] = {}
        for name, distribution in scenarios.items():
            exact_by_scenario[name] = sum(
                (
                    children * distribution.share(c) * inputs.split.share_of_class(c, pathway)
                    for c in AttachmentClass
                ),
                Fraction(0),
            )
        feeding = inputs.split.classes_feeding(pathway)
        attachment_class = feeding[0] if feeding else AttachmentClass.SECURE
        share = sum(
            (central.share(c) * inputs.split.share_of_class(c, pathway) for c in feeding),
            Fraction(0),
        )
        split_assumptions = tuple(
            Assumption(
                f"Share of {c.value} children going to '{pathway.label}'",
                percent(inputs.split.share_of_class(c, pathway)),
                inputs.split.source,
            )
            for c in feeding
        )
        statement = (
            f"{people(children)} × {percent(share)} of children = "
            f"{people(exact_by_scenario['central'])}, published as "
            f"{publish(exact_by_scenario['central']):,}"
        )
        rows.append(
            PathwayRow(
                pathway=pathway,
                attachment_class=attachment_class,
                share=share,
                count=_figure(
                    pathway.value,
                    pathway.label,
                    exact_by_scenario,
                    Provenance(
                        statement,
                        (reading_input,),
                        distribution_assumptions + split_assumptions,
                    ),
                ),
            )
        )

    class_totals = {
        c: _figure(
            c.value,
            c.label,
            {name: children * d.share(c) for name, d in scenarios.items()},
            Provenance(
                f"{people(children)} × {percent(central.share(c))} {c.value} = "
                f"{people(children * central.share(c))}",
                (reading_input,),
                distribution_assumptions,
            ),
        )
        for c in AttachmentClass
    }

    specialised_rows = [r for r in rows if r.pathway.is_specialised]
    specialised_by_scenario = {
        name: sum(
            (
                children * d.share(c) * inputs.split.share_of_class(c, r.pathway)
                for r in specialised_rows
                for c in AttachmentClass
            ),
            Fraction(0),
        )
        for name, d in scenarios.items()
    }
    specialised_need = _figure(
        "specialised_need",
        "Specialised PAIR need",
        specialised_by_scenario,
        Provenance(
            " + ".join(people(r.count.exact) for r in specialised_rows)
            + f" ({' + '.join(r.pathway.label for r in specialised_rows)}) = "
            f"{people(specialised_by_scenario['central'])}, published as "
            f"{publish(specialised_by_scenario['central']):,}",
            (reading_input,),
            distribution_assumptions,
        ),
    )

    capacity_total = sum(c.families_per_year for c in inputs.capacity)
    capacity_inputs = tuple(
        f"{c.name}: {c.families_per_year:,} families a year ({inputs.capacity_source})"
        for c in inputs.capacity
    ) or ("No existing specialised capacity was entered",)
    capacity = Figure(
        "capacity",
        "Existing specialised capacity",
        Fraction(capacity_total),
        capacity_total,
        Provenance(
            " + ".join(f"{c.families_per_year:,}" for c in inputs.capacity)
            + f" = {capacity_total:,}"
            if inputs.capacity
            else "None entered, so taken as 0",
            capacity_inputs,
        ),
    )

    unmet_by_scenario = {
        name: max(Fraction(0), value - capacity_total)
        for name, value in specialised_by_scenario.items()
    }
    unmet_need = _figure(
        "unmet_need",
        "Unmet specialised need",
        unmet_by_scenario,
        Provenance(
            f"Specialised need {people(specialised_by_scenario['central'])} − capacity "
            f"{capacity_total:,} = {people(unmet_by_scenario['central'])}, published as "
            f"{publish(unmet_by_scenario['central']):,} (never below zero)",
            (reading_input, *capacity_inputs),
            distribution_assumptions,
        ),
    )

    staff_needed = None
    if inputs.caseload_per_wte is not None:
        caseload = inputs.caseload_per_wte
        staff_exact = {name: v / caseload for name, v in unmet_by_scenario.items()}
        staff_needed = Figure(
            "staff_needed",
            "Staff needed (whole-time equivalents)",
            staff_exact["central"],
            publish(staff_exact["central"]),
            Provenance(
                f"Unmet need {people(unmet_by_scenario['central'])} ÷ "
                f"{decimal_text(caseload)} families per WTE a year = "
                f"{float(staff_exact['central']):,.1f} WTE",
                capacity_inputs,
                (
                    Assumption(
                        "Caseload per WTE a year",
                        decimal_text(caseload),
                        Source("entered by the user", local_assumption=True),
                    ),
                ),
            ),
            low=publish(min(staff_exact.values())) if len(staff_exact) > 1 else None,
            high=publish(max(staff_exact.values())) if len(staff_exact) > 1 else None,
        )

    return NeedEstimate(
        inputs=inputs,
        distribution=central,
        scenarios=scenarios,
        rows=tuple(rows),
        class_totals=class_totals,
        specialised_need=specialised_need,
        capacity=capacity,
        unmet_need=unmet_need,
        staff_needed=staff_needed,
        weighting=weighting,
        unit=_unit(inputs),
    )


def _unit(inputs: PopulationInputs) -> str:
    if inputs.reading is Reading.BIRTHS:
        return "families per year (from one birth cohort)"
    if inputs.preset.convention is Convention.PER_YEAR_AS_PUBLISHED and inputs.deprivation is None:
        return "children under two, reported as families per year (the Birmingham 2022 convention)"
    return "children under two at a point in time"


def _distribution_assumptions(
    inputs: PopulationInputs, weighting: DeprivationWeighting | None
) -> tuple[Assumption, ...]:
    if weighting is not None:
        return weighting.assumptions
    preset = inputs.preset
    assumptions = []
    for c in AttachmentClass:
        low, high = preset.share_range(c)
        value = percent(low) if low == high else f"{percent(low)}–{percent(high)}"
        assumptions.append(
            Assumption(f"{c.label} attachment ({preset.title})", value, preset.source)
        )
    return tuple(assumptions)


def total_children(rows: Sequence[PathwayRow]) -> int:
    return sum(r.count.value for r in rows)
