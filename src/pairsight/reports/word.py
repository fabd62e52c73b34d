"""The report as an editable Word document (python-docx).

Real Heading 1/2/3 styles (so Word's navigation pane and contents work), tables with a
header row that repeats across pages, charts as PNG pictures with alt text, and a contents
field that Word fills with page numbers when the document is opened.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from pairsight.core import charts
from pairsight.core.document import (
    Block,
    Bullets,
    Callout,
    Chart,
    Paragraph,
    Report,
    Section,
    Table,
    format_cell,
)
from pairsight.reports.markup import numeric_columns, office_property

NHS_DARK_BLUE = RGBColor(0x00, 0x30, 0x87)
SECONDARY_TEXT = RGBColor(0x4C, 0x62, 0x72)
DRAFT_RED = RGBColor(0xDA, 0x29, 0x1C)
FONT = "Arial"
CHART_WIDTH = Cm(16)
TEXT_WIDTH = Cm(17)


def render_docx(report: Report) -> bytes:
    """A prepared report (see `assemble.prepare`) as .docx bytes."""
    document = Document()
    _page_and_styles(document, report)
    _cover(document, report)
    _key_figures(document, report)
    _contents(document, report)
    counters = {"table": 0, "figure": 0, "chapters": 0}
    for section in report.sections:
        # The contents ends on a page break; every later chapter starts a new page.
        _section(document, section, 1, counters)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page_and_styles(document: WordDocument, report: Report) -> None:
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(2))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)
    for name, size in (("Title", 28), ("Heading 1", 20), ("Heading 2", 15), ("Heading 3", 12.5)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = NHS_DARK_BLUE
    properties = document.core_properties
    properties.title = office_property(f"{report.title} – {report.area}")
    properties.subject = office_property(report.subtitle or report.title)
    properties.author = office_property(", ".join(report.authors) or "PAIRsight")
    properties.keywords = "parent-infant relationship; needs assessment; PAIR"
    properties.language = "en-GB"

    header = page.header.paragraphs[0]
    header.text = f"{report.area} · {report.display_date()}"
    header.runs[0].font.color.rgb = SECONDARY_TEXT
    if report.is_draft:
        header.add_run(" · ").font.color.rgb = SECONDARY_TEXT
        draft = header.add_run("DRAFT – not for publication")
        draft.bold = True
        draft.font.color.rgb = DRAFT_RED
    footer = page.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")
    # Ask Word to refresh the contents and page fields when the document is opened.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _field(paragraph: WordParagraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _cover(document: WordDocument, report: Report) -> None:
    document.add_paragraph(report.title, style="Title")
    if report.subtitle:
        document.add_paragraph(report.subtitle, style="Subtitle")
    meta = document.add_paragraph(f"{report.area} · {report.display_date()}")
    meta.runs[0].font.size = Pt(13)
    if report.authors:
        document.add_paragraph("By " + ", ".join(report.authors))
    if report.is_draft:
        notice = document.add_paragraph()
        run = notice.add_run("Draft – not for publication. ")
        run.bold = True
        run.font.color.rgb = DRAFT_RED
        notice.add_run("This report has not been published by the assessment lead.")
    if report.data_notice:
        document.add_paragraph(report.data_notice, style="Intense Quote")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _key_figures(document: WordDocument, report: Report) -> None:
    headlines = report.headlines()
    if not headlines:
        return
    document.add_heading("Key figures", level=1)
    table = Table(
        caption="Key figures",
        columns=("Figure", "Number", "Detail"),
        rows=tuple((h.label, h.value, h.detail) for h in headlines),
    )
    _table(document, table, None)


def _contents(document: WordDocument, report: Report) -> None:
    document.add_paragraph("Contents", style="TOC Heading")
    entries = [
        ("    " * (level - 1)) + section.heading for level, section in report.walk() if level <= 2
    ]
    paragraphs = [document.add_paragraph(entry) for entry in entries]
    hint = document.add_paragraph(
        "Page numbers appear when Word updates this contents list (it asks when the "
        "document opens; or right-click and choose Update Field)."
    )
    hint.runs[0].font.color.rgb = SECONDARY_TEXT
    hint.runs[0].font.size = Pt(9)
    _wrap_in_toc_field(paragraphs)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _wrap_in_toc_field(paragraphs: list[WordParagraph]) -> None:
    """Make the listed headings the current result of a TOC field Word can update."""

    def field_char(kind: str) -> BaseOxmlElement:
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")
        run.append(char)
        return run

    first = paragraphs[0]._p
    instruction_run = OxmlElement("w:r")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = ' TOC \\o "1-2" \\h \\z \\u '
    instruction_run.append(instruction)
    anchor = first.find(qn("w:pPr"))
    position = 0 if anchor is None else list(first).index(anchor) + 1
    for offset, element in enumerate(
        (field_char("begin"), instruction_run, field_char("separate"))
    ):
        first.insert(position + offset, element)
    paragraphs[-1]._p.append(field_char("end"))


def _section(
    document: WordDocument, section: Section, level: int, counters: dict[str, int]
) -> None:
    heading = document.add_heading(section.heading, level=min(level, 9))
    if level == 1 and counters["chapters"] > 0:
        heading.paragraph_format.page_break_before = True
    if level == 1:
        counters["chapters"] += 1
    for block in section.blocks:
        _block(document, block, counters)
    for sub in section.subsections:
        _section(document, sub, level + 1, counters)
    if section.method_notes:
        document.add_heading("About these figures", level=min(level + 1, 9))
        for note in section.method_notes:
            document.add_paragraph(note, style="List Bullet")


def _block(document: WordDocument, block: Block, counters: dict[str, int]) -> None:
    if isinstance(block, Paragraph):
        document.add_paragraph(block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Callout):
        paragraph = document.add_paragraph(style="Intense Quote")
        if block.title:
            paragraph.add_run(block.title + ": ").bold = True
        paragraph.add_run(block.text)
    elif isinstance(block, Table):
        counters["table"] += 1
        _table(document, block, counters["table"])
    elif isinstance(block, Chart):
        counters["figure"] += 1
        _chart(document, block, counters["figure"])
        counters["table"] += 1
        _table(document, block.table, counters["table"])


def _chart(document: WordDocument, chart: Chart, number: int) -> None:
    caption = chart.title or chart.table.caption
    picture = document.add_paragraph()
    shape = picture.add_run().add_picture(io.BytesIO(charts.to_png(chart)), width=CHART_WIDTH)
    properties = shape._inline.docPr
    properties.set("descr", chart.alt_text)
    properties.set("title", caption)
    document.add_paragraph(
        f"Figure {number}: {caption}. The figures are in the table below.", style="Caption"
    )


def _table(document: WordDocument, table: Table, number: int | None) -> None:
    if number is not None:
        caption = document.add_paragraph(f"Table {number}: {table.caption}", style="Caption")
        caption.paragraph_format.keep_with_next = True
    numeric = numeric_columns(table)
    word_table: WordTable = document.add_table(rows=1, cols=len(table.columns))
    word_table.style = document.styles["Light List Accent 1"]
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _plain_first_column(word_table)
    header_row = word_table.rows[0]
    _repeat_as_header(header_row._tr)
    for index, heading in enumerate(table.columns):
        cell = header_row.cells[index]
        cell.text = heading
        _align(cell.paragraphs[0], index in numeric)
    for position, row in enumerate(table.rows):
        is_total = table.total_row and position == len(table.rows) - 1
        cells = word_table.add_row().cells  # type: ignore[no-untyped-call]
        for index, value in enumerate(row):
            paragraph = cells[index].paragraphs[0]
            run = paragraph.add_run(format_cell(value))
            run.bold = is_total or None
            _align(paragraph, index in numeric)
    word_table.autofit = False
    for column, width in zip(word_table.columns, _column_widths(table), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    for note in table.notes:
        paragraph = document.add_paragraph(note)
        paragraph.runs[0].font.size = Pt(9)
        paragraph.runs[0].font.color.rgb = SECONDARY_TEXT
    document.add_paragraph()


def _column_widths(table: Table) -> list[Length]:
    """Share the text width by how much each column holds, so long text gets room."""
    weights = []
    for index, heading in enumerate(table.columns):
        texts = [heading, *(format_cell(row[index]) for row in table.rows)]
        longest = max(len(text) for text in texts)
        # Never narrower than the longest word, so no word is broken across lines.
        longest_word = max(len(word) for text in texts for word in text.split() or [""])
        weights.append(max(min(longest, 40), longest_word + 3, 7))
    total = sum(weights)
    return [Emu(int(TEXT_WIDTH * weight / total)) for weight in weights]


def _plain_first_column(word_table: WordTable) -> None:
    """Keep the style's header row but not its bold first column: row labels read as text."""
    properties = word_table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    # The bitmask (older readers) and the attributes (newer ones) say the same thing:
    # header row on, first column off, no banded columns.
    look.set(qn("w:val"), "0420")
    for name, value in (("firstRow", "1"), ("firstColumn", "0"), ("lastRow", "0")):
        look.set(qn(f"w:{name}"), value)
    look.set(qn("w:noVBand"), "1")


def _align(paragraph: WordParagraph, numeric: bool) -> None:
    if numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_as_header(row: CT_Row) -> None:
    properties = row.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)
