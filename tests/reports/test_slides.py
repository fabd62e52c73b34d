"""The slide deck opens, leads with the headline need figures, and has a slide per section."""

from __future__ import annotations

import pptx
import pytest


@pytest.fixture(scope="module")
def deck(demo_files):
    return pptx.Presentation(str(demo_files["pptx"]))


def _titles(deck) -> list[str]:
    return [slide.shapes.title.text for slide in deck.slides]


def _text(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_the_deck_runs_title_headlines_sections_next_steps(deck):
    assert _titles(deck) == [
        "Parent-infant relationship needs assessment",
        "Headline need figures",
        "Executive summary",
        "Key messages",
        "Population need",
        "Next steps",
        "Where the figures come from",
    ]


def test_the_headline_slide_shows_need_and_unmet_need(deck):
    text = _text(deck.slides[1])
    for figure in ("30,672", "2,760", "2,420", "340"):
        assert figure in text
    assert "Unmet specialised need" in text


def test_the_executive_summary_slide_shows_its_live_figures(deck):
    text = _text(deck.slides[2])
    assert "2,760" in text and "2,420" in text
    assert "figure:" not in text


def test_the_section_slide_has_the_chart_with_alt_text(deck):
    slide = deck.slides[4]
    pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    description = pictures[0]._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr")
    assert "Bar chart of the estimated children" in description
    assert "Specialised PAIR need: 2,760" in _text(slide)
    assert "2,760" in slide.notes_slide.notes_text_frame.text


def test_every_slide_is_marked_draft_until_published(deck):
    for slide in deck.slides:
        assert "not for publication" in _text(slide)
    assert deck.slide_width > deck.slide_height  # widescreen


def test_the_sources_slide_cites_the_birmingham_assessment(deck):
    text = _text(deck.slides[-1])
    assert "Nuttall C, Mitchell Meades A (2022)" in text
    assert "NHS rule" in text


def test_the_recommendations_come_one_slide_per_category_with_their_titles(team):
    import io

    from pairsight.recommendations import actions
    from pairsight.reports.assemble import prepare
    from pairsight.reports.queries import assessment_report
    from pairsight.reports.slides import render_pptx

    awareness = "Raising public awareness of the importance of the parent-infant relationship"
    long_title = "Offer <b>video</b> feedback & " + "reflective practice " * 12
    written = [
        ("Training the workforce", "Train health visitors"),
        ("Training the workforce", long_title.strip()),
        ("Developing universal services", "Ask every parent at the 6-8 week check"),
    ] + [(awareness, f"Step {n}") for n in range(1, 11)]
    for category, title in written:
        actions.create_recommendation(
            actor=team.lead, assessment=team.assessment, category=category, title=title, text="."
        )
    deck = pptx.Presentation(io.BytesIO(render_pptx(prepare(assessment_report(team.assessment)))))
    titles = _titles(deck)
    # Birmingham's nine categories are numbered in their default order: 4, 6 and 9 here.
    start = titles.index("Recommendations") + 1
    assert titles[start : start + 4] == [
        "4. Training the workforce",
        "6. Developing universal services",
        f"9. {awareness}",
        f"9. {awareness} (continued)",
    ]
    slide = deck.slides[start]
    text = _text(slide)
    assert "4.1  Train health visitors" in text
    # Text from a person is text on the slide, never markup; a long title wraps in its box.
    assert "4.2  Offer <b>video</b> feedback & reflective practice" in text
    boxes = [s for s in slide.shapes if s.has_text_frame and "Train health" in s.text_frame.text]
    assert boxes[0].text_frame.word_wrap is True
    # Eight titles to a slide: the ninth and tenth continue on the next.
    first, continued = _text(deck.slides[start + 2]), _text(deck.slides[start + 3])
    assert "9.8  Step 8" in first and "9.9  Step 9" not in first
    assert "9.9  Step 9" in continued and "9.10  Step 10" in continued
