"""The report section: themes by category, counts of people protected, quotes attributed."""

from __future__ import annotations

import datetime

from pairsight.core.disclosure import HIDDEN, DisclosureRule
from pairsight.core.document import Bullets, Report, Table
from pairsight.interviews.analysis import CodedExcerpt
from pairsight.interviews.section import interviews_section
from pairsight.reports.assemble import prepare


def _excerpts() -> list[CodedExcerpt]:
    # 12 parents raise "Fear", 9 of them with a second excerpt; 3 practitioners raise "Fear";
    # one manager raises "Waiting lists". P1's first excerpt is a quote.
    found = [
        CodedExcerpt(i, f"P{i}", "parent", f"parent {i}", frozenset({"Fear"}), quote=i == 1)
        for i in range(1, 13)
    ]
    found += [
        CodedExcerpt(100 + i, f"P{i}", "parent", "again", frozenset({"Fear"})) for i in range(1, 10)
    ]
    found += [
        CodedExcerpt(200 + i, f"H{i}", "practitioner", "hv", frozenset({"Fear"})) for i in range(3)
    ]
    found.append(CodedExcerpt(300, "M1", "manager", "long waits", frozenset({"Waiting lists"})))
    return found


THEMES = [("Barriers for families", "Fear"), ("Insights", "Waiting lists"), ("Insights", "Unused")]


def test_themes_by_category_with_participant_counts_and_quotes() -> None:
    section = interviews_section(
        _excerpts(), THEMES, {"parent": 12, "practitioner": 3, "manager": 1}, transcripts=16
    )
    barriers, insights = section.subsections
    assert barriers.heading == "Barriers for families"
    table = barriers.blocks[0]
    assert isinstance(table, Table)
    # Practitioners 3, managers 0, parents 12 (each counted once), all 15.
    assert table.rows == (("Fear", 3, 0, 12, 15),)
    quotes = barriers.blocks[2]
    assert isinstance(quotes, Bullets)
    assert quotes.items == ("Fear: “parent 1” (P1, parent)",)
    # A theme nobody raised is left out.
    assert [row[0] for row in insights.blocks[0].rows] == ["Waiting lists"]  # type: ignore[union-attr]
    assert section.headlines[0].value == "2"


def test_small_counts_are_hidden_when_the_report_is_prepared() -> None:
    section = interviews_section(
        _excerpts(), THEMES, {"parent": 12, "practitioner": 3, "manager": 1}, transcripts=16
    )
    report = Report(
        "R", "Area", datetime.date(2026, 1, 1), (section,), disclosure=DisclosureRule.NHS
    )
    prepared = prepare(report).sections[0]
    people = prepared.blocks[1]
    assert isinstance(people, Table)
    # NHS rule: 1-7 hidden, others rounded to 5: practitioners 3 -> *, managers 1 -> *,
    # parents 12 -> 10.
    assert people.rows == (("Practitioners", HIDDEN), ("Managers", HIDDEN), ("Parents", 10))
    fear = prepared.subsections[0].blocks[0]
    assert isinstance(fear, Table)
    # 3 hidden; 0 shown as 0 but the total 15 would reveal 3 (15 - 12), so secondary
    # suppression hides parents' 12 as well.
    row = fear.rows[0]
    assert row[1] == HIDDEN and row[3] == HIDDEN


def test_without_transcripts_the_section_says_what_to_do() -> None:
    section = interviews_section([], THEMES, {}, transcripts=0)
    assert "No interview transcripts" in section.blocks[0].text  # type: ignore[union-attr]


def test_no_count_of_people_is_written_outside_protected_tables() -> None:
    section = interviews_section(
        _excerpts(), THEMES, {"parent": 3, "practitioner": 3, "manager": 1}, transcripts=7
    )
    words = " ".join(
        [b.text for b in section.blocks if hasattr(b, "text")]
        + [i.value for i in section.inputs]
        + list(section.method_notes)
    )
    assert "7" not in words and "3" not in words
