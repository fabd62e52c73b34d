"""The comparison against a real Census table, through the shipped ethnicity mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairsight.officialdata.census import load_census_table
from pairsight.officialdata.population_groups import census_groups
from pairsight.surveys.analysis.population_map import PopulationMapError, parse_map, shipped_map
from pairsight.surveys.analysis.representativeness import (
    RepresentativenessError,
    representativeness,
)
from pairsight.surveys.instruments import load_instrument
from pairsight.surveys.responses import SurveyResponses, responses_frame

CENSUS = Path(__file__).resolve().parents[2] / "officialdata" / "fixtures" / "census"
PARENTS = load_instrument("parents")
ASIAN = "Asian, Asian British or Asian Welsh"
BLACK = "Black, Black British, Black Welsh, Caribbean or African"
MIXED = "Mixed or Multiple ethnic groups"
# Manchester, Census 2021 TS021 (the fixture's published counts), added up by hand.
MANCHESTER = {
    ASIAN: 9_673 + 12_644 + 14_857 + 65_875 + 12_060,
    BLACK: 47_858 + 10_472 + 7_563,
    MIXED: 6_149 + 5_992 + 9_987 + 6_898,
    "White": 268_572 + 9_442 + 597 + 883 + 34_138,
    "Other ethnic group": 15_028 + 13_250,
}


def _parents(answers: list[str | None]) -> SurveyResponses:
    frame = responses_frame(PARENTS, {"ethnicity": answers}, [str(i) for i in range(len(answers))])
    return SurveyResponses(PARENTS, frame, source="SYNTHETIC test answers")


def test_parents_ethnicity_against_manchester_at_the_five_groups() -> None:
    survey = _parents(
        [f"{ASIAN}: Pakistani"] * 3
        + [f"{ASIAN}: Indian"]
        + ["White: English, Welsh, Scottish, Northern Irish or British"] * 4
        + ["White: Irish"]
        + [f"{BLACK}: African"]
        + ["Prefer not to say"] * 2
        + [None]
    )
    population = census_groups(
        load_census_table(CENSUS / "census2021-ts021-ltla-gm-excerpt.csv"), "E08000003"
    )
    mapping = shipped_map("parents")
    assert mapping is not None and mapping.level == "high"
    result = representativeness(survey, "ethnicity", population.figures, population.source, mapping)
    assert result.compared == 10
    assert result.left_out == {"Prefer not to say": 2}
    rows = {r.category: r for r in result.rows}
    assert list(rows) == list(MANCHESTER)
    total = sum(MANCHESTER.values())
    assert total == 551_938
    assert rows[ASIAN].sample.count == 4
    assert rows[ASIAN].population_percent == pytest.approx(100 * MANCHESTER[ASIAN] / total)
    assert rows[ASIAN].gap == pytest.approx(40.0 - 100 * MANCHESTER[ASIAN] / total)
    assert rows[MIXED].sample.count == 0
    # Expected Mixed respondents: 10 × 5.3% ≈ 0.5, far below 5, so no test.
    assert not result.test.ran
    assert "fewer than 5" in result.test.reason
    # Sample 50% White against 56.8%, 0% Mixed against 5.3%, 0% Other against 5.1%.
    assert [r.category for r in result.under_represented()] == [
        "White",
        MIXED,
        "Other ethnic group",
    ]


def test_detailed_level_compares_the_nineteen_categories() -> None:
    table = load_census_table(CENSUS / "nomis-nm-2041-1-ts021-gm-excerpt.csv")
    population = census_groups(table, "E08000003", "detailed")
    mapping = shipped_map("parents")
    assert mapping is not None
    survey = _parents([f"{ASIAN}: Pakistani", "White: Roma"])
    result = representativeness(
        survey, "ethnicity", population.figures, population.source, mapping.at_level("detailed")
    )
    assert len(result.rows) == 19
    rows = {r.category: r for r in result.rows}
    assert rows["White: Roma"].population_percent == pytest.approx(100 * 883 / 551_938)


def test_an_option_missing_from_the_mapping_is_named() -> None:
    mapping = parse_map(
        "question: ethnicity\nlevel: high\noptions:\n  'White: Irish': 'White: Irish'\n", "my.yaml"
    )
    with pytest.raises(RepresentativenessError, match="not in the mapping \\(my.yaml\\)"):
        representativeness(_parents(["White: Irish"]), "ethnicity", {"White": 1.0}, "x", mapping)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("question: [\n", "not valid YAML"),
        ("level: high\noptions: {a: b}\n", "'question'"),
        ("question: q\nlevel: fine\noptions: {a: b}\n", "'level'"),
        ("question: q\noptions: {a: [1]}\n", "option 'a'"),
    ],
)
def test_a_broken_mapping_says_where(text: str, message: str) -> None:
    with pytest.raises(PopulationMapError, match=message):
        parse_map(text, "edited.yaml")
