"""The consultation's summary in the report: dates, consultees who responded, agreement per
recommendation and the change made, with counts and never names."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pairsight.core.document import Paragraph, Table
from pairsight.recommendations.consultation import actions
from pairsight.recommendations.report import recommendations_section

from .conftest import in_a_fortnight


def _text(section: Any) -> str:
    parts = list(section.method_notes)
    for _, part in section.walk():
        for block in part.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            if isinstance(block, Table):
                parts += [block.caption, *(str(cell) for row in block.rows for cell in row)]
    return "\n".join(parts)


def test_no_round_no_consultation_part(team: Any, drafts: list[Any]) -> None:
    section = recommendations_section(team.assessment)
    assert [s.heading for s in section.subsections][-1] != "Consultation on the recommendations"
    assert section.method_notes == ()


def test_the_summary_gives_dates_counts_and_changes_without_names(
    team: Any, drafts: list[Any]
) -> None:
    closes = in_a_fortnight()
    consultation = actions.open_round(actor=team.lead, assessment=team.assessment, closes_on=closes)
    actions.respond(
        actor=team.consultee,
        consultation=consultation,
        recommendation=drafts[0],
        rating=5,
        comment="Cora's own words",
    )
    actions.respond(
        actor=team.consultee, consultation=consultation, recommendation=drafts[1], rating=2
    )
    actions.record_change_made(
        actor=team.editor,
        consultation=consultation,
        recommendation=drafts[1],
        note="Made clear it is for health visitors",
    )
    actions.close_round(actor=team.lead, consultation=consultation)

    section = recommendations_section(team.assessment)
    part = section.subsections[-1]
    assert part.heading == "Consultation on the recommendations"
    summary, table = part.blocks
    today = timezone.localdate()
    day = f"{today.day} {today:%B %Y}"
    assert isinstance(summary, Paragraph)
    assert summary.text.startswith(
        f"2 draft recommendations were put out for consultation from {day} to {day}. "
        "1 consultee responded"
    )
    assert isinstance(table, Table)
    # Number, title, responses, then strongly disagree .. strongly agree, then the change;
    # in register order (category 4 before category 6).
    assert table.rows == (
        ("4.1", "Train practitioners", 1, 0, 0, 0, 0, 1, "Not recorded"),
        (
            "6.1",
            "Ask about the relationship at every visit",
            1,
            0,
            1,
            0,
            0,
            0,
            "Made clear it is for health visitors",
        ),
    )
    assert table.count_columns == (2, 3, 4, 5, 6, 7)
    assert "consulted on in 1 round" in section.method_notes[0]
    text = _text(section)
    for name in ("Cora", "consultee@example.org", "Eddie", "Lena", "Cora's own words"):
        assert name not in text


def test_the_published_report_protects_the_small_counts_and_names_no_one(
    team: Any, drafts: list[Any]
) -> None:
    from pairsight.core.disclosure import DisclosureRule
    from pairsight.reports.assemble import prepare
    from pairsight.reports.html import render_html
    from pairsight.reports.queries import assessment_report

    consultation = actions.open_round(
        actor=team.lead, assessment=team.assessment, closes_on=in_a_fortnight()
    )
    actions.respond(
        actor=team.consultee,
        consultation=consultation,
        recommendation=drafts[0],
        rating=4,
        comment="Cora's own words",
    )
    rule = DisclosureRule.UNDER_5
    html = render_html(prepare(assessment_report(team.assessment, disclosure=rule)))
    assert "Consultation on the recommendations" in html
    assert "it is open until" in html
    start = html.index("Responses to the consultation closing")
    table = html[start : html.index("</table>", start)]
    # One response is below the threshold of 5: the count is not shown, nor worked back.
    assert ">1<" not in table
    for name in ("Cora", "consultee@example.org", "Cora&#x27;s own words"):
        assert name not in html
