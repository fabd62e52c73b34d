"""The need estimate as the web page shows it (pure: no Django)."""

from __future__ import annotations

from pairsight.population.birmingham import birmingham_2022_inputs
from pairsight.population.display import compare_rows, estimate_page, pathway_chart
from pairsight.population.estimate import estimate
from pairsight.population.presets import load_preset


def test_the_birmingham_page_figures() -> None:
    page = estimate_page(estimate(birmingham_2022_inputs()))
    assert [line.figure.value for line in page.pathways] == [
        "15,336",
        "6,134",
        "3,987",
        "2,454",
        "613",
        "2,147",
    ]
    assert [line.share for line in page.pathways] == ["50%", "20%", "13%", "8%", "2%", "7%"]
    assert [line.specialised for line in page.pathways] == [False] * 4 + [True] * 2
    assert (page.specialised_need.value, page.capacity.value, page.unmet_need.value) == (
        "2,760",
        "340",
        "2,420",
    )
    assert page.staff_needed is None
    assert page.has_ranges is False
    assert "Birmingham 2022 convention" in page.unit


def test_every_figure_says_where_it_came_from() -> None:
    page = estimate_page(estimate(birmingham_2022_inputs()))
    unmet = page.unmet_need.working
    assert "2,760" in unmet.statement and "340" in unmet.statement
    assert any("Perinatal mental health service: 340" in line for line in unmet.inputs)
    names = [name for name, _, _ in page.pathways[0].figure.working.assumptions]
    assert any("Secure attachment" in name for name in names)


def test_the_chart_shows_the_same_numbers_as_the_table() -> None:
    result = estimate(birmingham_2022_inputs())
    spec = pathway_chart(result)
    records = spec["datasets"]["table"]
    assert [r["label"] for r in records] == [f"{row.count.value:,}" for row in result.rows]
    assert [r["category"] for r in records] == [row.pathway.label for row in result.rows]


def test_a_preset_with_a_range_shows_low_and_high() -> None:
    inputs = birmingham_2022_inputs()
    standard = type(inputs)(children=10_000, preset=load_preset("standard"))
    page = estimate_page(estimate(standard))
    assert page.has_ranges
    assert "–" in page.pathways[1].figure.range


def test_comparison_marks_the_rows_that_differ() -> None:
    first = estimate(birmingham_2022_inputs())
    second_inputs = type(first.inputs)(
        children=10_000, preset=first.inputs.preset, capacity=first.inputs.capacity
    )
    rows = compare_rows([first, estimate(second_inputs)])
    by_label = {row.label: row for row in rows if not row.is_heading}
    assert by_label["Number of children"].values == ("30,672", "10,000")
    assert by_label["Number of children"].differs
    assert not by_label["Attachment distribution"].differs
    assert by_label["Unmet specialised need"].values == ("2,420", "560")
