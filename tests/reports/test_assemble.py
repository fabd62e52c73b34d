"""Preparing a report for publication: counts protected, modelled figures kept, appendix made."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from pairsight.core import charts
from pairsight.core.disclosure import DisclosureRule
from pairsight.core.document import (
    Assumption,
    Bullets,
    Chart,
    Input,
    Paragraph,
    Report,
    Section,
    Source,
    Table,
)
from pairsight.reports.assemble import prepare
from pairsight.reports.birmingham import demo_report, demo_sections

SURVEY = Source("Synthetic practitioner survey, generated for tests", note="Not real data.")


def _survey_section() -> Section:
    """A workstream section with counts of people (synthetic), as surveys would build it."""
    table = Table(
        caption="Practitioners who had PAIR training (synthetic)",
        columns=("Profession", "Trained", "Not trained", "All"),
        rows=(
            ("Health visitor", 31, 3, 34),
            ("Midwife", 18, 9, 27),
            ("Family support worker", 22, 6, 28),
            ("All professions", 71, 18, 89),
        ),
        count_columns=(1, 2, 3),
        total_row=True,
        total_column=3,
    )
    chart = charts.bar_chart(
        Table(
            caption="Who asked parents about their relationship (synthetic)",
            columns=("Professional", "Parents"),
            rows=(("Health visitor", 12), ("Midwife", 6)),
            count_columns=(1,),
        ),
        value_column=1,
        alt_text="Who asked parents (synthetic).",
    )
    return Section(
        "Workforce",
        blocks=(Paragraph("Synthetic survey."), table, chart),
        sources=(SURVEY,),
        assumptions=(Assumption("Response rate used for weighting", "60%", SURVEY),),
        inputs=(Input("Survey responses", "89", "Microsoft Forms export (synthetic)"),),
    )


@pytest.fixture(scope="module")
def prepared() -> Report:
    report = demo_report(date=datetime.date(2025, 3, 14))
    return prepare(replace(report, sections=(*demo_sections(), _survey_section())))


def _section(report: Report, key: str) -> Section:
    return next(s for s in report.all_sections() if s.key == key)


def test_counts_of_people_are_protected_and_the_chart_agrees(prepared):
    workforce = _section(prepared, "workforce")
    table = next(b for b in workforce.blocks if isinstance(b, Table))
    assert table.rows[0][1:3] == ("*", "*")  # 3 is small; 31 would give it away
    assert table.rows[-1][3] == 90
    chart = next(b for b in workforce.blocks if isinstance(b, Chart))
    assert [r["label"] for r in chart.spec["datasets"]["table"]] == ["10", "*"]
    assert chart.table.rows[1][1] == "*"


def test_modelled_need_figures_are_left_exactly_as_the_model_gives_them(prepared):
    need = _section(prepared, "specialised-and-unmet-need")
    table = next(b for b in need.blocks if isinstance(b, Table))
    assert {row[0]: row[1] for row in table.rows}["Unmet specialised need"] == 2420


def test_the_appendix_lists_every_assumption_with_its_citation(prepared):
    assumptions = next(b for b in _section(prepared, "assumptions").blocks if isinstance(b, Table))
    rows = {row[0]: row[1:] for row in assumptions.rows}
    assert rows["Secure attachment (High adversity (Birmingham 2022))"] == ("50%", "[1]")
    assert rows["Response rate used for weighting"][0] == "60%"
    split = rows["Share of disorganised children going to 'Longer-term PAIR work'"]
    assert split[0] == "35%" and "(local assumption, no published source)" in split[1]
    sources = next(b for b in _section(prepared, "sources").blocks if isinstance(b, Bullets))
    assert sources.items[0].startswith("[1] Nuttall C, Mitchell Meades A (2022).")
    assert any("Synthetic practitioner survey" in item for item in sources.items)
    number = rows["Response rate used for weighting"][1]
    assert any(item.startswith(f"{number} Synthetic practitioner survey") for item in sources.items)


def test_the_appendix_lists_every_input_and_where_it_came_from(prepared):
    inputs = next(b for b in _section(prepared, "inputs").blocks if isinstance(b, Table))
    rows = {row[0]: row[1:] for row in inputs.rows}
    assert rows["Children under two"][0] == "30,672"
    assert "Nuttall" in str(rows["Children under two"][1])
    assert rows["Survey responses"] == ("89", "Microsoft Forms export (synthetic)")


def test_the_privacy_statement_gives_the_rule_and_why_models_are_exempt(prepared):
    privacy = _section(prepared, "protecting-privacy").blocks[0]
    assert isinstance(privacy, Paragraph)
    assert "between 1 and 7 are shown as *" in privacy.text
    assert "not hidden or rounded by the small-number rule" in privacy.text


def test_next_steps_and_the_appendix_close_the_report(prepared):
    assert [s.key for s in prepared.sections][-2:] == ["next-steps", "method-and-sources"]


def test_a_stricter_rule_is_applied_and_stated():
    report = replace(
        demo_report(),
        sections=(_survey_section(),),
        disclosure=DisclosureRule.UNDER_10,
    )
    prepared = prepare(report)
    table = next(b for b in _section(prepared, "workforce").blocks if isinstance(b, Table))
    assert table.rows[1][2] == "*"  # 9 midwives is under 10
    privacy = _section(prepared, "protecting-privacy").blocks[0]
    assert isinstance(privacy, Paragraph) and "between 1 and 9" in privacy.text


def test_control_characters_pasted_into_text_are_removed():
    report = replace(
        demo_report(),
        sections=(Section("Notes", blocks=(Paragraph("Line one\x0bline two\x00"),)),),
    )
    paragraph = _section(prepare(report), "notes").blocks[0]
    assert isinstance(paragraph, Paragraph) and paragraph.text == "Line one line two "
