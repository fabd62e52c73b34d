"""The Word document, read back with python-docx as the team's editor would open it."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn


@pytest.fixture(scope="module")
def document(demo_files):
    return docx.Document(str(demo_files["docx"]))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def test_chapters_use_real_word_heading_styles(document):
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Population need") in headings
    assert ("Heading 2", "Specialised and unmet need") in headings
    assert ("Heading 1", "Method and sources") in headings
    assert ("Heading 2", "Sources") in headings
    assert document.paragraphs[0].style.name == "Title"


def test_the_birmingham_figures_and_sources_are_in_the_document(document):
    text = _all_text(document)
    assert "Specialised PAIR need 2,760" in text
    assert "Unmet specialised need 2,420" in text
    assert "Nuttall C, Mitchell Meades A (2022). Nurturing the future" in text
    assert "No published source for the split is known" in text
    assert "never a judgement about a family" in text


def test_tables_have_header_rows_that_repeat_across_pages(document):
    pathway = next(t for t in document.tables if t.rows[0].cells[0].text == "Pathway")
    assert [c.text for c in pathway.rows[0].cells] == [
        "Pathway",
        "Attachment",
        "Share of children",
        "Children",
    ]
    assert pathway.rows[1].cells[3].text == "15,336"
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_the_chart_is_a_picture_with_alt_text(document):
    (picture,) = document.inline_shapes
    description = picture._inline.docPr.get("descr")
    assert description.startswith("Bar chart of the estimated children under two in Birmingham")
    assert "Unmet" not in description and "2,147" in description


def test_the_contents_is_a_field_word_updates(document):
    body = document.element.body
    instructions = [node.text for node in body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC") for text in instructions)
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_the_draft_is_marked_in_the_page_header(document):
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Birmingham · 14 March 2025 · DRAFT – not for publication"
    assert document.core_properties.title.startswith("Parent-infant relationship")


def test_the_narrative_is_editable_text_with_its_live_figures_filled_in(document):
    paragraphs = document.paragraphs
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert "Executive summary" in headings and "Key messages" in headings
    start = next(
        i
        for i, p in enumerate(paragraphs)
        if p.text == "Executive summary" and p.style.name.startswith("Heading")
    )
    summary = [p for p in paragraphs[start + 1 : start + 12]]
    texts = " ".join(p.text for p in summary)
    # 2,760 specialised need, 340 seen, 2,420 unmet: the demo's published figures.
    assert "About 2,760 children under two" in texts and "leaves 2,420" in texts
    assert "figure:" not in _all_text(document)
    assert "Example text" in texts, "the demonstration's text is labelled as an example"
    bullets = [p for p in summary if p.style.name == "List Bullet"]
    assert [p.text for p in bullets][0] == "agrees the pathway split and the estimate it leads to"
    # Plain runs of text in ordinary paragraphs: nothing locked in a picture or a field.
    assert all(not p._p.xpath(".//w:fldSimple | .//w:drawing") for p in summary)
