"""Report building blocks: what a workstream can build, and the mistakes they refuse."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from pairsight.core.disclosure import DisclosureRule
from pairsight.core.document import (
    Callout,
    Chart,
    Paragraph,
    Report,
    Section,
    Table,
    format_cell,
    slug,
)


def _counts_table(*, modelled: bool = False) -> Table:
    return Table(
        caption="Parents asked about their relationship with their baby",
        columns=("Answer", "Parents"),
        rows=(("Yes", 16), ("No", 33)),
        count_columns=(1,),
        modelled=modelled,
    )


def test_a_row_with_the_wrong_number_of_cells_is_named():
    with pytest.raises(ValueError, match="Table 'Answers', row 2: 1 cells for 2 columns"):
        Table(caption="Answers", columns=("Answer", "Parents"), rows=(("Yes", 1), ("No",)))


def test_a_count_column_must_exist():
    with pytest.raises(ValueError, match="count column 5 does not exist"):
        Table(caption="Answers", columns=("Answer", "Parents"), rows=(), count_columns=(5,))


def test_a_chart_without_alt_text_is_refused():
    with pytest.raises(ValueError, match="needs alt text"):
        Chart(spec={}, table=_counts_table(), alt_text="  ", title="Who asked")


def test_a_callout_tone_is_checked():
    with pytest.raises(ValueError, match="tone must be 'info' or 'warning'"):
        Callout("Careful", tone="danger")


def test_sections_nest_and_take_anchors_from_their_headings():
    section = Section(
        "Parents' views",
        blocks=(Paragraph("Forty-nine parents answered."),),
        subsections=(Section("What helps", blocks=(_counts_table(),)),),
    )
    assert section.key == "parents-views"
    assert [(level, s.heading) for level, s in section.walk()] == [
        (1, "Parents' views"),
        (2, "What helps"),
    ]
    assert section.has_content()
    assert not Section("Empty").has_content()


def test_two_sections_with_the_same_anchor_are_refused():
    with pytest.raises(ValueError, match="same heading or key: 'workforce'"):
        Report(
            title="Needs assessment",
            area="Bristol",
            date=datetime.date(2025, 1, 31),
            sections=(
                Section("Workforce"),
                Section("Parents", subsections=(Section("Workforce"),)),
            ),
        )


def test_the_disclosure_statement_explains_modelled_figures_only_when_there_are_some():
    def report(modelled: bool) -> Report:
        return Report(
            title="Needs assessment",
            area="Bristol",
            date=datetime.date(2025, 1, 31),
            sections=(Section("Findings", blocks=(_counts_table(modelled=modelled),)),),
            disclosure=DisclosureRule.UNDER_10,
        )

    assert "between 1 and 9" in report(False).disclosure_statement()
    assert "modelled estimates" not in report(False).disclosure_statement()
    assert "modelled estimates" in report(True).disclosure_statement()


def test_cells_read_the_same_in_every_format():
    assert format_cell(2760) == "2,760"
    assert format_cell(Fraction(5, 2)) == "2.5"
    assert format_cell(4.0) == "4"
    assert format_cell(None) == ""
    assert format_cell("*") == "*"


def test_slugs_are_safe_for_anchors_and_file_names():
    assert slug("Method & sources: 2025/26") == "method-sources-2025-26"
    assert slug("!!!") == "section"
