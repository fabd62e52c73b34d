"""What the need model multiplies children by, for one preset (or weighting) and split.

None of it depends on the number of children, so it is worked out once: for one estimate,
or for every area of an all-areas run that shares the preset and split.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from pairsight.core.document import Assumption
from pairsight.population.deprivation import DeprivationInputs, DeprivationWeighting, weigh
from pairsight.population.figures import percent, publish
from pairsight.population.presets import AttachmentClass, Distribution
from pairsight.population.split import Pathway, PathwaySplit

if TYPE_CHECKING:
    from pairsight.population.estimate import PopulationInputs


def published_range(exact_by_scenario: dict[str, Fraction]) -> tuple[int, int | None, int | None]:
    """The central figure as published, and the lowest and highest scenario when there are
    several (None when there is only one)."""
    published = [publish(v) for v in exact_by_scenario.values()]
    value = publish(exact_by_scenario["central"])
    if len(published) == 1:
        return value, None, None
    return value, min(published), max(published)


def specialised_and_unmet(
    children: int, capacity_total: int, model: NeedModel
) -> tuple[dict[str, Fraction], dict[str, Fraction]]:
    """Specialised and unmet need per scenario, exactly: the headline of `estimate`."""
    specialised = {
        name: Fraction(children) * share for name, share in model.specialised_shares.items()
    }
    unmet = {name: max(Fraction(0), value - capacity_total) for name, value in specialised.items()}
    return specialised, unmet


def _scenarios(
    inputs: PopulationInputs,
) -> tuple[dict[str, Distribution], DeprivationWeighting | None]:
    if inputs.deprivation is None:
        return dict(inputs.preset.scenarios), None
    weighting = weigh(inputs.deprivation)
    return weighting.scenarios, weighting


@dataclass(frozen=True)
class NeedModel:
    """The shares the children are multiplied by, for one preset (or weighting) and split.

    None of it depends on the number of children, so a run over every area works it out
    once and each area costs one exact multiplication per figure and scenario.
    """

    split: PathwaySplit
    deprivation: DeprivationInputs | None
    scenarios: dict[str, Distribution]
    weighting: DeprivationWeighting | None
    #: Share of all children on each pathway, per scenario (summed over the classes).
    pathway_shares: dict[Pathway, dict[str, Fraction]]
    specialised_shares: dict[str, Fraction]
    distribution_assumptions: tuple[Assumption, ...]
    split_assumptions: dict[Pathway, tuple[Assumption, ...]]
    feeding: dict[Pathway, list[AttachmentClass]]
    #: The central shares as percent text, for the statements.
    pathway_percent: dict[Pathway, str]
    class_percent: dict[AttachmentClass, str]


def need_model(inputs: PopulationInputs) -> NeedModel:
    scenarios, weighting = _scenarios(inputs)
    split = inputs.split
    pathway_shares = {
        pathway: {
            name: sum(
                (d.share(c) * split.share_of_class(c, pathway) for c in AttachmentClass),
                Fraction(0),
            )
            for name, d in scenarios.items()
        }
        for pathway in Pathway
    }
    specialised = [p for p in Pathway if p.is_specialised]
    central = scenarios["central"]
    return NeedModel(
        split=split,
        deprivation=inputs.deprivation,
        scenarios=scenarios,
        weighting=weighting,
        pathway_shares=pathway_shares,
        specialised_shares={
            name: sum((pathway_shares[p][name] for p in specialised), Fraction(0))
            for name in scenarios
        },
        distribution_assumptions=_distribution_assumptions(inputs, weighting),
        split_assumptions={
            pathway: tuple(
                Assumption(
                    f"Share of {c.value} children going to '{pathway.label}'",
                    percent(split.share_of_class(c, pathway)),
                    split.source,
                )
                for c in split.classes_feeding(pathway)
            )
            for pathway in Pathway
        },
        feeding={pathway: split.classes_feeding(pathway) for pathway in Pathway},
        pathway_percent={p: percent(pathway_shares[p]["central"]) for p in Pathway},
        class_percent={c: percent(central.share(c)) for c in AttachmentClass},
    )


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
