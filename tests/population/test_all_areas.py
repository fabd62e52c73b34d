"""Every local authority at once: a sample of the several hundred areas checked by hand."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from pairsight.officialdata.areas import Tier
from pairsight.officialdata.imd import load_imd
from pairsight.officialdata.mye import load_mid_year_estimates
from pairsight.population.all_areas import NO_CAPACITY_NOTE, all_areas_csv, estimate_all_areas
from pairsight.population.presets import load_preset


def _half_up(exact: Fraction | int) -> int:
    """Rounded to a whole number, halves up: worked out here, not by the code under test."""
    return math.floor(Fraction(exact) + Fraction(1, 2))


FIXTURES = Path(__file__).resolve().parents[1] / "officialdata" / "fixtures"
# Share of each class going to specialised PAIR work (Birmingham split): 2/30 of insecure
# children (shorter-term) and 7/20 of disorganised children (longer-term).
INSECURE_TO_SPECIALISED, DISORGANISED_TO_SPECIALISED = Fraction(2, 30), Fraction(7, 20)


def specialised_share(insecure: Fraction, disorganised: Fraction) -> Fraction:
    return insecure * INSECURE_TO_SPECIALISED + disorganised * DISORGANISED_TO_SPECIALISED


def blended(deprived: Fraction) -> Fraction:
    """High adversity (30% insecure, 20% disorganised) for the deprived share, standard
    central (27.5%, 15%) for the rest."""
    insecure = deprived * Fraction(30, 100) + (1 - deprived) * Fraction(275, 1000)
    disorganised = deprived * Fraction(20, 100) + (1 - deprived) * Fraction(15, 100)
    return specialised_share(insecure, disorganised)


@pytest.fixture(scope="module")
def ranked():
    return estimate_all_areas(
        load_mid_year_estimates(FIXTURES / "mye2_all_areas_synthetic.xlsx"),
        load_preset("standard"),
        imd=load_imd(FIXTURES / "imd2019_all_areas_synthetic.csv"),
    )


def test_every_local_authority_and_nothing_else(ranked) -> None:
    assert len(ranked.rows) == 336
    assert not {r.code[:3] for r in ranked.rows} & {"E92", "E12", "K04", "W92"}
    assert NO_CAPACITY_NOTE in ranked.notes
    assert [r.rank for r in ranked.rows] == list(range(1, 337))


@pytest.mark.parametrize(
    ("code", "children", "deprived", "unmet", "per_1000"),
    [
        # 1,000 + 1,000 children; 250 + 250 of 1,000 aged 0-15 in decile 1.
        ("E06900001", 2000, Fraction(1, 2), 161, "80.42"),
        # 3,000 + 3,000 children; 300 + 300 + 150 of 1,000 in decile 1.
        ("E08900001", 6000, Fraction(3, 4), 511, "85.21"),
        # 350 + 350 children; no neighbourhood in decile 1.
        ("E07900001", 700, Fraction(0), 50, "70.83"),
    ],
)
def test_sample_matches_the_hand_calculation(
    ranked, code: str, children: int, deprived: Fraction, unmet: int, per_1000: str
) -> None:
    row = ranked.row(code)
    assert row.children == children
    assert row.deprived_share == deprived
    exact = children * blended(deprived)
    assert _half_up(exact) == unmet
    assert row.estimate.unmet_need.value == unmet
    assert row.to_dict()["unmet_need_per_1000"] == per_1000
    assert row.unmet_per_1000 == exact * 1000 / children


def test_a_county_without_neighbourhoods_uses_the_preset_and_says_so(ranked) -> None:
    county = ranked.row("E10900001")
    assert county.method == "preset (no IMD neighbourhoods for this code)"
    standard = specialised_share(Fraction(275, 1000), Fraction(15, 100))
    assert county.estimate.unmet_need.value == _half_up(county.children * standard)
    assert any("use the standard preset alone" in note for note in ranked.notes)


def test_ranked_by_unmet_need_per_1000(ranked) -> None:
    rates = [r.unmet_per_1000 for r in ranked.rows]
    assert rates == sorted(rates, reverse=True)
    # The most deprived sample area ranks above the one with no deprived neighbourhood.
    assert (
        ranked.row("E08900001").rank < ranked.row("E06900001").rank < ranked.row("E07900001").rank
    )


def test_tiers_and_csv() -> None:
    estimates = load_mid_year_estimates(FIXTURES / "mye2_all_areas_synthetic.xlsx")
    upper = estimate_all_areas(estimates, load_preset("standard"), tier=Tier.UPPER)
    lower = estimate_all_areas(estimates, load_preset("standard"), tier=Tier.LOWER)
    assert len(upper.rows) == 60 + 36 + 33 + 21 + 22
    assert len(lower.rows) == 60 + 164 + 36 + 33 + 22
    lines = all_areas_csv(upper).splitlines()
    assert lines[0].startswith("rank,code,name,kind,children_under_two")
    assert len(lines) == len(upper.rows) + 1


def test_area_names_from_a_file_cannot_become_spreadsheet_formulas() -> None:
    estimates = load_mid_year_estimates(FIXTURES / "mye2_all_areas_synthetic.xlsx")
    result = estimate_all_areas(estimates, load_preset("standard"), tier=Tier.UPPER)
    hostile = '=HYPERLINK("http://evil.example","Open")'
    first = replace(result.rows[0], name=hostile, code="@SUM(1)")
    rows = list(csv.reader(io.StringIO(all_areas_csv(replace(result, rows=(first,))))))
    header, row = rows
    assert row[header.index("name")] == "'" + hostile
    assert row[header.index("code")] == "'@SUM(1)"
    # Figures are written as they were: numbers, not quoted text.
    assert row[header.index("children_under_two")] == str(first.children)


def test_headline_figures_agree_with_each_areas_full_estimate(ranked) -> None:
    """The ranking uses the shared need model; each area's own estimate must say the same."""
    from pairsight.population.estimate import PopulationInputs, estimate

    for row in ranked.rows[:: len(ranked.rows) // 12]:
        alone = estimate(
            PopulationInputs(
                row.children,
                ranked.preset,
                deprivation=row.inputs.deprivation,
                area_code=row.code,
            )
        )
        assert row.specialised_need == alone.specialised_need.value
        assert row.unmet_need == (
            alone.unmet_need.value, alone.unmet_need.low, alone.unmet_need.high,
        )  # fmt: skip
        assert row.estimate.unmet_need.exact == alone.unmet_need.exact
        assert row.to_dict()["unmet_need"] == alone.unmet_need.value


def test_a_need_model_is_not_used_for_other_inputs(ranked) -> None:
    from pairsight.population.estimate import PopulationInputs, estimate
    from pairsight.population.need_model import need_model
    from pairsight.population.split import load_split

    weighted = next(r for r in ranked.rows if r.inputs.deprivation is not None)
    with pytest.raises(ValueError, match="another split or deprivation"):
        estimate(PopulationInputs(100, ranked.preset, split=load_split()), weighted.model)
    assert need_model(weighted.inputs).specialised_shares == weighted.model.specialised_shares


def test_capacity_takes_unmet_need_down_to_zero_and_never_below() -> None:
    from pairsight.population.estimate import Capacity

    estimates = load_mid_year_estimates(FIXTURES / "mye2_all_areas_synthetic.xlsx")
    result = estimate_all_areas(
        estimates,
        load_preset("standard"),
        capacity={"E07900001": (Capacity("Perinatal", 20),), "E06900001": (Capacity("A", 900),)},
    )
    standard = specialised_share(Fraction(275, 1000), Fraction(15, 100))
    some = result.row("E07900001")  # 700 children
    assert some.specialised_need == _half_up(700 * standard) == 50
    exact_unmet = 700 * standard - 20  # 29.58…
    assert some.to_dict()["unmet_need"] == _half_up(exact_unmet) == 30
    assert some.to_dict()["unmet_need_per_1000"] == "42.26"  # 29.583… / 700 × 1,000
    assert some.unmet_per_1000 == exact_unmet * 1000 / 700
    covered = result.row("E06900001")  # 2,000 children, 900 places
    assert covered.unmet_need == (0, 0, 0)
    assert covered.to_dict()["unmet_need_per_1000"] == "0"
    assert covered.rank == len(result.rows)  # the only area with no unmet need ranks last
