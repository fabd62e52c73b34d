"""A short slide deck for dissemination (python-pptx).

Title, the headline figures, one slide for each workstream section that has content (its
opening text and its first chart), the recommendations by category, next steps, and where
the figures come from. Every
slide keeps a real title placeholder so screen readers and the outline view can find it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from pairsight.core import charts
from pairsight.core.document import Callout, Chart, Headline, Paragraph, Report, Section, Table
from pairsight.reports.assemble import body_sections
from pairsight.reports.markup import office_property

# python-pptx leaves RGBColor's constructor untyped.
NHS_BLUE = RGBColor(0x00, 0x5E, 0xB8)  # type: ignore[no-untyped-call]
NHS_DARK_BLUE = RGBColor(0x00, 0x30, 0x87)  # type: ignore[no-untyped-call]
TEXT = RGBColor(0x21, 0x2B, 0x32)  # type: ignore[no-untyped-call]
SECONDARY_TEXT = RGBColor(0x4C, 0x62, 0x72)  # type: ignore[no-untyped-call]
PALE_GREY = RGBColor(0xF0, 0xF4, 0xF5)  # type: ignore[no-untyped-call]
DRAFT_RED = RGBColor(0xDA, 0x29, 0x1C)  # type: ignore[no-untyped-call]
FONT = "Arial"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_WIDTH = Emu(WIDTH - 2 * MARGIN)


def emu(value: float) -> Length:
    """Sums of lengths are plain numbers; python-pptx wants a Length back."""
    return Emu(int(value))


TITLE_SLIDE, TITLE_ONLY = 0, 5
HEADLINE_SLIDE_TITLE = "Headline need figures"
#: The recommendations section's key: each of its subsections is a category whose table has
#: a "Number" and a "Title" column (pairsight.recommendations.report).
RECOMMENDATIONS_KEY = "recommendations"
#: Titles on one slide before the category continues on the next, so text stays readable.
TITLES_PER_SLIDE = 8


def render_pptx(report: Report) -> bytes:
    """A prepared report (see `assemble.prepare`) as .pptx bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = office_property(f"{report.title} – {report.area}")
    deck.core_properties.author = office_property(", ".join(report.authors) or "PAIRsight")
    deck.core_properties.language = "en-GB"
    _title_slide(deck, report)
    headlines = report.headlines()
    if headlines:
        _headline_slide(deck, report, headlines)
    for section in body_sections(report):
        if section.has_content():
            _section_slide(deck, report, section)
        if section.key == RECOMMENDATIONS_KEY:
            _recommendation_slides(deck, report, section)
    if report.next_steps:
        slide = _slide(deck, report, "Next steps")
        _bullets(slide, report.next_steps, MARGIN, Inches(1.6), CONTENT_WIDTH, Pt(22))
    _sources_slide(deck, report)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _style(run_font: object, size: Pt, colour: RGBColor = TEXT, bold: bool = False) -> None:
    font = run_font
    font.name = FONT  # type: ignore[attr-defined]
    font.size = size  # type: ignore[attr-defined]
    font.bold = bold  # type: ignore[attr-defined]
    font.color.rgb = colour  # type: ignore[attr-defined]


def _title_slide(deck: Deck, report: Report) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), WIDTH, Inches(0.5))
    band.fill.solid()
    band.fill.fore_color.rgb = NHS_BLUE
    band.line.fill.background()
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = (
        MARGIN,
        Inches(1.8),
        WIDTH - 2 * MARGIN,
        Inches(2),
    )
    title.text = report.title
    for paragraph in title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            _style(run.font, Pt(40), NHS_DARK_BLUE, bold=True)
    subtitle.left, subtitle.top = MARGIN, Inches(4.0)
    subtitle.width, subtitle.height = CONTENT_WIDTH, Inches(2)
    lines = [line for line in (report.subtitle, f"{report.area} · {report.display_date()}") if line]
    if report.is_draft:
        lines.append("Draft – not for publication")
    subtitle.text = "\n".join(lines)
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        draft = paragraph.text.startswith("Draft")
        for run in paragraph.runs:
            _style(run.font, Pt(22), DRAFT_RED if draft else SECONDARY_TEXT, bold=draft)


def _slide(deck: Deck, report: Report, heading: str) -> Slide:
    slide: Slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    assert title is not None
    title.left, title.top, title.width, title.height = (
        MARGIN,
        Inches(0.35),
        CONTENT_WIDTH,
        Inches(1),
    )
    title.text = heading
    paragraph = title.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        _style(run.font, Pt(32), NHS_DARK_BLUE, bold=True)
    footer = f"{report.area} · {report.display_date()}"
    if report.is_draft:
        footer += " · DRAFT – not for publication"
    box = slide.shapes.add_textbox(MARGIN, emu(HEIGHT - Inches(0.55)), CONTENT_WIDTH, Inches(0.4))
    box.text_frame.text = footer
    for run in box.text_frame.paragraphs[0].runs:
        _style(run.font, Pt(12), DRAFT_RED if report.is_draft else SECONDARY_TEXT)
    return slide


def _headline_slide(deck: Deck, report: Report, headlines: tuple[Headline, ...]) -> None:
    slide = _slide(deck, report, HEADLINE_SLIDE_TITLE)
    per_row = min(4, len(headlines))
    gap = Inches(0.3)
    card_width = emu((CONTENT_WIDTH - gap * (per_row - 1)) / per_row)
    card_height = Inches(2.3)
    for index, headline in enumerate(headlines):
        row, column = divmod(index, per_row)
        left = emu(MARGIN + (card_width + gap) * column)
        top = emu(Inches(1.7) + (card_height + gap) * row)
        card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, card_width, card_height)
        card.fill.solid()
        card.fill.fore_color.rgb = PALE_GREY
        card.line.color.rgb = NHS_BLUE
        frame = card.text_frame
        frame.word_wrap = True
        parts = [(headline.value, Pt(40), TEXT, True), (headline.label, Pt(18), TEXT, True)]
        if headline.detail:
            parts.append((headline.detail, Pt(14), SECONDARY_TEXT, False))
        for number, (text, size, colour, bold) in enumerate(parts):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = text
            _style(run.font, size, colour, bold)


def _section_slide(deck: Deck, report: Report, section: Section) -> None:
    """The section's headline figures (or its opening text), its caveat, its first chart."""
    slide = _slide(deck, report, section.heading)
    chart = next(_charts(section), None)
    paragraphs = [block.text for block in section.blocks if isinstance(block, Paragraph)]
    points = [
        f"{h.label}: {h.value}" + (f" ({h.detail})" if h.detail else "") for h in section.headlines
    ] or paragraphs[:2]
    points += [block.text for block in section.blocks if isinstance(block, Callout)][:1]
    text_height = Inches(2.3) if chart is not None else emu(HEIGHT - Inches(2.4))
    if points:
        _bullets(slide, points, MARGIN, Inches(1.4), CONTENT_WIDTH, Pt(18), text_height)
    if chart is not None:
        image = charts.to_png(chart)
        picture = slide.shapes.add_picture(io.BytesIO(image), MARGIN, Inches(4.0))
        # As wide as the slide allows, and never taller than the space under the text.
        scale = min(CONTENT_WIDTH / picture.width, Inches(2.8) / picture.height)
        picture.width, picture.height = emu(picture.width * scale), emu(picture.height * scale)
        picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", chart.alt_text)
    if paragraphs and slide.notes_slide.notes_text_frame is not None:
        slide.notes_slide.notes_text_frame.text = "\n\n".join(paragraphs)


def _recommendation_slides(deck: Deck, report: Report, section: Section) -> None:
    """One slide per category listing its recommendations' numbers and titles."""
    for category in section.subsections:
        titles = [
            f"{row[table.columns.index('Number')]}  {row[table.columns.index('Title')]}"
            for table in category.blocks
            if isinstance(table, Table) and {"Number", "Title"} <= set(table.columns)
            for row in table.rows
        ]
        for start in range(0, len(titles), TITLES_PER_SLIDE):
            heading = category.heading + (" (continued)" if start else "")
            slide = _slide(deck, report, heading)
            chunk = titles[start : start + TITLES_PER_SLIDE]
            size = Pt(20) if len(chunk) <= 5 else Pt(16)
            _bullets(slide, chunk, MARGIN, Inches(1.5), CONTENT_WIDTH, size)


def _charts(section: Section) -> Iterator[Chart]:
    for _, part in section.walk():
        for block in part.blocks:
            if isinstance(block, Chart):
                yield block


def _bullets(
    slide: Slide,
    points: tuple[str, ...] | list[str],
    left: Length,
    top: Length,
    width: Length,
    size: Pt,
    height: Length | None = None,
) -> None:
    height = height if height is not None else emu(HEIGHT - top - Inches(0.8))
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for number, point in enumerate(points):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(12)
        run = paragraph.add_run()
        run.text = f"• {point}"
        _style(run.font, size)


def _sources_slide(deck: Deck, report: Report) -> None:
    slide = _slide(deck, report, "Where the figures come from")
    privacy = report.disclosure.label + "."
    if any(table.modelled for table in report.tables()):
        privacy += " Modelled estimates are not suppressed: they are not counts of real people."
    points = [
        privacy,
        "Every assumption, input and source is listed in the report's Method and sources appendix.",
    ]
    sources = [
        source.citation
        for section in report.all_sections()
        for source in section.sources
        if not source.local_assumption
    ]
    points += list(dict.fromkeys(sources))[:4]
    _bullets(slide, points, MARGIN, Inches(1.6), CONTENT_WIDTH, Pt(16))
