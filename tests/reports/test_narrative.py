"""The team's narrative: Markdown to report blocks, live figures and their changes (pure)."""

from __future__ import annotations

from pairsight.core.document import Bullets, Callout, Headline, Paragraph, Section
from pairsight.reports.narrative import (
    COMMENTARY_HEADING,
    EXECUTIVE_SUMMARY,
    LiveFigure,
    Written,
    changes,
    cited_keys,
    cited_values,
    live_figures,
    to_blocks,
    unknown_keys,
    with_narrative,
)


def _section(unmet: str = "2,420") -> Section:
    return Section(
        "Population need",
        key="population-need",
        blocks=(Paragraph("The figures."),),
        headlines=(
            Headline("Children under two", "30,672"),
            Headline("Unmet specialised need", unmet),
        ),
    )


def test_figures_are_the_sections_key_figures_with_short_aliases() -> None:
    figures = live_figures((_section(),))
    assert figures["unmet_specialised_need"].value == "2,420"
    assert figures["unmet_need"] is figures["unmet_specialised_need"]
    assert figures["children_under_two"].section == "Population need"


def test_a_live_figure_shows_the_current_value() -> None:
    text = "We estimate {{ figure:unmet_need }} families lack support."
    assert to_blocks(text, live_figures((_section(),))) == (
        Paragraph("We estimate 2,420 families lack support."),
    )
    assert to_blocks(text, live_figures((_section("2,180"),))) == (
        Paragraph("We estimate 2,180 families lack support."),
    )


def test_markdown_paragraphs_lists_and_quotes_become_report_blocks() -> None:
    text = "First **point**\ncontinues.\n\n- one\n- two\n  - nested\n\n> A caveat."
    assert to_blocks(text, {}) == (
        Paragraph("First point continues."),
        Bullets(("one", "two", "nested")),
        Callout("A caveat."),
    )


def test_raw_html_stays_text() -> None:
    blocks = to_blocks('<script>alert(1)</script>\n\nSee <a href="x">here</a>', {})
    assert blocks == (
        Paragraph("<script>alert(1)</script>"),
        Paragraph('See <a href="x">here</a>'),
    )


def test_unknown_and_changed_figures_are_found() -> None:
    figures = live_figures((_section(),))
    text = "{{ figure:unmet_need }} and {{figure:made_up}} and {{ figure:unmet_need }}"
    assert cited_keys(text) == ["unmet_need", "made_up"]
    assert unknown_keys(text, figures) == ["made_up"]
    cited = cited_values("{{ figure:unmet_need }}", figures)
    assert cited == {"unmet_need": "2,420"}
    assert changes(cited, figures) == []
    moved = changes(cited, live_figures((_section("2,180"),)))
    assert [c.sentence() for c in moved] == [
        "Unmet specialised need was 2,420 when this text was written and is now 2,180."
    ]


def test_the_narrative_opens_the_report_and_comments_each_section() -> None:
    sections = with_narrative(
        (_section(),),
        {
            EXECUTIVE_SUMMARY: Written("In short: {{ figure:unmet_need }}.", is_example=True),
            "population-need": Written("What it means."),
        },
    )
    summary, population = sections
    assert summary.heading == "Executive summary"
    assert isinstance(summary.blocks[0], Callout) and "Example text" in summary.blocks[0].title
    assert summary.blocks[1] == Paragraph("In short: 2,420.")
    assert population.subsections[0].heading == COMMENTARY_HEADING
    assert population.subsections[0].blocks == (Paragraph("What it means."),)


def test_an_unavailable_figure_says_so() -> None:
    assert to_blocks("{{ figure:gone }}", {}) == (Paragraph("[figure not available: gone]"),)


def test_figure_sentences_for_a_removed_figure() -> None:
    moved = changes({"unmet_need": "2,420"}, {})
    assert moved[0].sentence().endswith("is no longer in the report.")
    assert isinstance(LiveFigure("k", "l", "1", "", "s"), LiveFigure)
