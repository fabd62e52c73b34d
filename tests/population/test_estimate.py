import math
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairsight.population import (
    AttachmentClass,
    Capacity,
    InputError,
    Pathway,
    PopulationInputs,
    Reading,
    estimate,
    load_preset,
)
from pairsight.population.birmingham import birmingham_2022_inputs


def _half_up(exact: Fraction | int) -> int:
    """Rounded to a whole number, halves up: worked out here, not by the code under test."""
    return math.floor(Fraction(exact) + Fraction(1, 2))


BIRMINGHAM = {
    Pathway.UNIVERSAL: 15_336,
    Pathway.INSECURE_UNLIKELY_TO_ACCESS: 6_134,
    Pathway.DISORGANISED_SOCIAL_CARE: 3_987,
    Pathway.TARGETED: 2_454,
    Pathway.SHORTER_TERM_PAIR: 613,
    Pathway.LONGER_TERM_PAIR: 2_147,
}


def test_birmingham_reference_case_reproduces_every_published_figure():
    result = estimate(birmingham_2022_inputs())

    assert {row.pathway: row.count.value for row in result.rows} == BIRMINGHAM
    assert result.specialised_need.value == 2_760
    assert result.capacity.value == 340
    assert result.unmet_need.value == 2_420


def test_birmingham_from_the_issue_inputs_via_the_public_api():
    inputs = PopulationInputs(
        children=30_672,
        preset=load_preset("high-adversity"),
        capacity=(Capacity("Perinatal mental health service", 340),),
    )
    result = estimate(inputs)
    assert [r.count.value for r in result.rows] == list(BIRMINGHAM.values())
    assert (result.specialised_need.value, result.unmet_need.value) == (2_760, 2_420)


def test_shares_of_all_children_are_the_birmingham_percentages():
    result = estimate(birmingham_2022_inputs())
    shares = {row.pathway: row.share for row in result.rows}
    assert shares == {
        Pathway.UNIVERSAL: Fraction(50, 100),
        Pathway.INSECURE_UNLIKELY_TO_ACCESS: Fraction(20, 100),
        Pathway.DISORGANISED_SOCIAL_CARE: Fraction(13, 100),
        Pathway.TARGETED: Fraction(8, 100),
        Pathway.SHORTER_TERM_PAIR: Fraction(2, 100),
        Pathway.LONGER_TERM_PAIR: Fraction(7, 100),
    }


def test_exact_values_are_kept_beside_the_published_rounding():
    row = estimate(birmingham_2022_inputs()).row(Pathway.SHORTER_TERM_PAIR)
    assert row.count.exact == Fraction("613.44")
    assert row.count.value == 613


def test_an_exact_half_rounds_up():
    # 2% of 9,975 is exactly 199.5: a float would land a hair below and round down.
    inputs = replace(birmingham_2022_inputs(), children=9_975)
    row = estimate(inputs).row(Pathway.SHORTER_TERM_PAIR)
    assert row.count.exact == Fraction(399, 2)
    assert row.count.value == 200


def test_class_totals_follow_the_distribution():
    totals = estimate(birmingham_2022_inputs()).class_totals
    assert totals[AttachmentClass.SECURE].value == 15_336
    assert totals[AttachmentClass.INSECURE].exact == Fraction("9201.6")
    assert totals[AttachmentClass.DISORGANISED].exact == Fraction("6134.4")


def test_standard_preset_gives_a_low_central_high_range():
    inputs = PopulationInputs(children=10_000, preset=load_preset("standard"))
    result = estimate(inputs)
    # Secure 55-60%: the universal pathway spans 5,500 to 6,000 around a 5,750 midpoint.
    universal = result.row(Pathway.UNIVERSAL).count
    assert (universal.low, universal.value, universal.high) == (5_500, 5_750, 6_000)
    # Insecure 25-30% of 10,000, of which 2/30 go to shorter-term PAIR work.
    shorter = result.row(Pathway.SHORTER_TERM_PAIR).count
    assert (shorter.low, shorter.high) == (167, 200)
    assert result.specialised_need.low < result.specialised_need.value
    assert result.specialised_need.value < result.specialised_need.high


def test_single_figure_preset_has_no_range():
    result = estimate(birmingham_2022_inputs())
    assert result.unmet_need.low is None and result.unmet_need.high is None


def test_unmet_need_is_never_below_zero():
    inputs = replace(birmingham_2022_inputs(), capacity=(Capacity("Large service", 10_000),))
    assert estimate(inputs).unmet_need.value == 0


def test_several_named_capacity_services_add_up():
    inputs = replace(
        birmingham_2022_inputs(),
        capacity=(Capacity("Perinatal mental health service", 340), Capacity("Charity", 60)),
    )
    result = estimate(inputs)
    assert result.capacity.value == 400
    assert result.unmet_need.value == 2_360
    assert "Charity: 60 families a year" in " ".join(result.unmet_need.provenance.inputs)


def test_staff_needed_only_when_a_caseload_is_supplied():
    assert estimate(birmingham_2022_inputs()).staff_needed is None
    inputs = replace(birmingham_2022_inputs(), caseload_per_wte=Fraction(40))
    staff = estimate(inputs).staff_needed
    assert staff is not None
    assert staff.exact == Fraction(2_420, 40) + Fraction("0.48") / 40
    assert staff.provenance.assumptions[0].value == "40"


def test_births_reading_is_per_year():
    inputs = replace(birmingham_2022_inputs(), reading=Reading.BIRTHS, children=15_000)
    result = estimate(inputs)
    assert result.unit.startswith("families per year")
    assert result.to_dict()["reading"]["kind"] == "births"


def test_birmingham_convention_is_stated_for_under_two_counts():
    result = estimate(birmingham_2022_inputs())
    assert "Birmingham 2022 convention" in result.unit
    standard = estimate(PopulationInputs(children=100, preset=load_preset("standard")))
    assert standard.unit.startswith("children under two at a point in time")


def test_provenance_names_input_assumption_and_source():
    figure = estimate(birmingham_2022_inputs()).row(Pathway.LONGER_TERM_PAIR).count
    provenance = figure.provenance
    assert "30,672" in provenance.statement and "2,147" in provenance.statement
    assert any("Children under two: 30,672" in i for i in provenance.inputs)
    names = [a.name for a in provenance.assumptions]
    assert any("Disorganised attachment" in n for n in names)
    split = next(a for a in provenance.assumptions if "Longer-term PAIR work" in a.name)
    assert split.value == "35%"
    assert "No published source" in split.source.citation


@pytest.mark.parametrize("children", [-1, True, 2.5])
def test_children_must_be_a_whole_non_negative_number(children):
    with pytest.raises(InputError, match="children"):
        PopulationInputs(children=children, preset=load_preset("standard"))


def test_capacity_must_not_be_negative():
    with pytest.raises(InputError, match="Service"):
        Capacity("Service", -1)


def test_json_shape_is_stable():
    payload = estimate(birmingham_2022_inputs()).to_dict()
    assert payload["schema"] == "pairsight.need/1"
    assert [p["pathway"] for p in payload["pathways"]] == [p.value for p in Pathway]
    assert payload["pathways"][4] | {"provenance": None} == {
        "pathway": "shorter_term_pair",
        "attachment_class": "insecure",
        "share_of_children": "0.02",
        "key": "shorter_term_pair",
        "label": "Shorter-term PAIR work",
        "value": 613,
        "exact": "613.44",
        "low": None,
        "high": None,
        "provenance": None,
    }
    assert payload["specialised_need"]["value"] == 2_760
    assert payload["unmet_need"]["value"] == 2_420
    assert payload["capacity"]["services"] == [
        {"name": "Perinatal mental health service", "families_per_year": 340}
    ]
    assert payload["split"]["local_assumption"] is True
    assert payload["area"] == {"name": "Birmingham", "code": "E08000025"}


# Loaded once: the property tests exercise the model, not the YAML reader.
LOADED = {
    n: load_preset(n) for n in ("standard", "high-adversity", "low-risk", "preschool-meta-analysis")
}
presets = st.sampled_from(sorted(LOADED))


@settings(deadline=None)  # timing varies with the machine's load, not the model
@given(children=st.integers(min_value=0, max_value=2_000_000), name=presets)
def test_pathway_counts_add_up_to_the_population_within_rounding(children, name):
    result = estimate(PopulationInputs(children=children, preset=LOADED[name]))
    total = sum(row.count.value for row in result.rows)
    assert abs(total - children) <= 3  # six rows, each at most half a child out
    assert sum((row.count.exact for row in result.rows), Fraction(0)) == children


@settings(deadline=None)  # timing varies with the machine's load, not the model
@given(
    smaller=st.integers(min_value=0, max_value=1_000_000),
    extra=st.integers(min_value=0, max_value=1_000_000),
    name=presets,
)
def test_every_count_grows_with_the_population(smaller, extra, name):
    preset = LOADED[name]
    low = estimate(PopulationInputs(children=smaller, preset=preset))
    high = estimate(PopulationInputs(children=smaller + extra, preset=preset))
    for a, b in zip(low.rows, high.rows, strict=True):
        assert a.count.value <= b.count.value
    assert low.specialised_need.value <= high.specialised_need.value


@settings(deadline=None)  # timing varies with the machine's load, not the model
@given(
    children=st.integers(min_value=0, max_value=500_000),
    capacity=st.integers(min_value=0, max_value=500_000),
    name=presets,
)
def test_unmet_need_is_never_negative(children, capacity, name):
    inputs = PopulationInputs(
        children=children, preset=LOADED[name], capacity=(Capacity("Service", capacity),)
    )
    result = estimate(inputs)
    assert result.unmet_need.value >= 0
    assert (result.unmet_need.low or 0) >= 0
    assert result.unmet_need.value == max(0, _half_up(result.specialised_need.exact - capacity))
