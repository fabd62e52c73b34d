"""Publishing a table or chart: counts of people protected, modelled estimates left alone."""

from __future__ import annotations

import pytest

from pairsight.core import charts
from pairsight.core.disclosure import DisclosureRule
from pairsight.core.document import Table
from pairsight.core.published import publish_chart, publish_table


def _survey_table() -> Table:
    return Table(
        caption="Practitioners by profession and training",
        columns=("Profession", "Trained", "Not trained", "All"),
        rows=(
            ("Health visitor", 31, 4, 35),
            ("Midwife", 18, 9, 27),
            ("Family support worker", 22, 5, 27),
            ("All professions", 71, 18, 89),
        ),
        count_columns=(1, 2, 3),
        total_row=True,
        total_column=3,
    )


def test_small_counts_and_the_cells_that_would_reveal_them_are_hidden():
    published = publish_table(_survey_table(), DisclosureRule.UNDER_5)
    # 4 is hidden; 31 is then the only other count in its row, so the total 35 would give it
    # away unless 31 is hidden too. The column needs a second hidden count for the same reason.
    assert published.rows[0] == ("Health visitor", "*", "*", 35)
    assert sum(row[2] == "*" for row in published.rows[:-1]) >= 2
    assert published.rows[-1][0] == "All professions"
    assert any("between 1 and 4" in note for note in published.notes)


def test_nhs_rule_rounds_counts_and_totals_from_exact_figures():
    published = publish_table(_survey_table(), DisclosureRule.NHS)
    assert published.rows[-1][3] == 90  # 89 rounded, not the sum of rounded cells
    for row in published.rows:
        for cell in row[1:]:
            assert cell == "*" or (isinstance(cell, int) and cell % 5 == 0 and cell >= 10)


def test_modelled_estimates_are_never_suppressed():
    table = Table(
        caption="Children by pathway",
        columns=("Pathway", "Children"),
        rows=(("Shorter-term PAIR work", 3), ("Longer-term PAIR work", 2147)),
        count_columns=(1,),
        modelled=True,
    )
    assert publish_table(table, DisclosureRule.NHS) is table


def test_a_total_that_does_not_add_up_is_named():
    table = Table(
        caption="Parents asked about the relationship",
        columns=("Answer", "Parents"),
        rows=(("Yes", 16), ("No", 33), ("Total", 50)),
        count_columns=(1,),
        total_row=True,
    )
    with pytest.raises(ValueError, match="total row, column 'Parents': the total is 50 but"):
        publish_table(table, DisclosureRule.NHS)


def test_a_count_that_is_not_a_whole_number_is_named():
    table = Table(
        caption="Parents asked",
        columns=("Answer", "Parents"),
        rows=(("Yes", "sixteen"),),
        count_columns=(1,),
    )
    with pytest.raises(ValueError, match="row 1, column 'Parents': 'sixteen' is not a count"):
        publish_table(table, DisclosureRule.NHS)


def test_a_chart_hides_exactly_what_its_table_hides():
    table = Table(
        caption="Who asked parents about their relationship with their baby",
        columns=("Professional", "Parents"),
        rows=(("Health visitor", 12), ("Midwife", 6), ("Mental health professional", 3)),
        count_columns=(1,),
    )
    chart = charts.bar_chart(table, value_column=1, alt_text="Who asked parents.")
    published = publish_chart(chart, DisclosureRule.NHS)
    values = {
        row["category"]: (row["value"], row["label"]) for row in published.spec["datasets"]["table"]
    }
    assert values == {
        "Health visitor": (10.0, "10"),
        "Midwife": (None, "*"),
        "Mental health professional": (None, "*"),
    }
    assert published.table.rows[1][1] == "*"
