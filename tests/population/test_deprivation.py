from fractions import Fraction

import numpy as np
import pytest

from pairsight.population import (
    Capacity,
    DeprivationInputs,
    Pathway,
    PopulationInputs,
    PresetError,
    estimate,
    load_preset,
)
from pairsight.population.deprivation import neighbourhood_need


def test_deprivation_weighted_blend_matches_a_hand_calculation():
    # 600 of 1,000 children live in decile-1 neighbourhoods.
    deprivation = DeprivationInputs(populations=[400, 200, 300, 100], deciles=[1, 1, 5, 10])
    inputs = PopulationInputs(
        children=1_000,
        preset=load_preset("standard"),
        deprivation=deprivation,
        capacity=(Capacity("Service", 10),),
    )
    result = estimate(inputs)
    # Central: 0.6 × high adversity (50/30/20) + 0.4 × standard midpoint (57.5/27.5/15).
    assert result.distribution.secure == Fraction("0.53")
    assert result.distribution.insecure == Fraction("0.29")
    assert result.distribution.disorganised == Fraction("0.18")
    # Specialised: 1,000 × (0.29 × 2/30 + 0.18 × 7/20) = 19.333… + 63 = 82.333…
    assert result.specialised_need.exact == Fraction(290, 15) + 63
    assert result.specialised_need.value == 82
    assert result.unmet_need.value == 72
    # The standard preset's insecure 25-30% carries through the 400 children outside
    # decile 1: ± 400 × 2.5% × 2/30 = ± 0.667, so 81.667 to 83.0.
    assert (result.specialised_need.low, result.specialised_need.high) == (82, 83)
    assert result.weighting is not None
    assert result.weighting.deprived_share == Fraction(3, 5)
    assert result.method == "deprivation-weighted"
    assert result.to_dict()["deprivation"]["deprived_share"] == "0.6"


def test_more_than_one_most_deprived_decile():
    deprivation = DeprivationInputs(
        populations=[100, 100, 100, 100],
        deciles=[1, 2, 3, 4],
        most_deprived_deciles=frozenset({1, 2}),
    )
    result = estimate(
        PopulationInputs(children=400, preset=load_preset("standard"), deprivation=deprivation)
    )
    assert result.weighting is not None and result.weighting.deprived_share == Fraction(1, 2)
    assert "deciles 1, 2" in result.specialised_need.provenance.assumptions[0].name


def test_a_proxy_population_is_stated_in_the_provenance():
    deprivation = DeprivationInputs(
        populations=[10, 30], deciles=[1, 9], population_label="children aged 0-15 (proxy)"
    )
    result = estimate(
        PopulationInputs(children=2_000, preset=load_preset("standard"), deprivation=deprivation)
    )
    first = result.row(Pathway.UNIVERSAL).count.provenance.assumptions[0]
    assert "children aged 0-15 (proxy)" in first.name and first.value.startswith("25%")


@pytest.mark.parametrize(
    ("populations", "deciles", "message"),
    [
        ([1, 2], [1], "2 neighbourhood populations but 1 deciles"),
        ([1, -2], [1, 2], "neighbourhood 2 has a negative population"),
        ([1, 2], [1, 11], "neighbourhood 2 has decile 11"),
    ],
)
def test_bad_neighbourhood_inputs_are_named(populations, deciles, message):
    with pytest.raises(PresetError, match=message):
        deprivation = DeprivationInputs(populations=populations, deciles=deciles)
        estimate(
            PopulationInputs(children=3, preset=load_preset("standard"), deprivation=deprivation)
        )


def test_neighbourhood_need_sums_to_the_area_figure():
    rng = np.random.default_rng(7)
    populations = rng.integers(0, 80, size=500)
    deciles = rng.integers(1, 11, size=500)
    deprivation = DeprivationInputs(populations=populations, deciles=deciles)
    result = estimate(
        PopulationInputs(
            children=int(populations.sum()), preset=load_preset("standard"), deprivation=deprivation
        )
    )
    need = neighbourhood_need(deprivation, result.inputs.split)
    assert need.central.shape == (6, 500)
    for column, row in enumerate(result.rows):
        assert need.central[column].sum() == pytest.approx(float(row.count.exact))
    assert need.specialised().sum() == pytest.approx(float(result.specialised_need.exact))
    assert need.specialised("low").sum() == pytest.approx(result.specialised_need.low, abs=1)
    assert need.specialised("high").sum() == pytest.approx(result.specialised_need.high, abs=1)
    assert (need.low <= need.central).all() and (need.central <= need.high).all()
