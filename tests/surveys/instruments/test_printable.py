from __future__ import annotations

import re
import zlib
from html.parser import HTMLParser

from pairsight.surveys.instruments import load_instrument
from pairsight.surveys.instruments.printable import questionnaire_html, questionnaire_pdf


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.row_headers = 0

    def handle_starttag(self, tag, attrs):
        if tag == "th" and ("scope", "row") in attrs:
            self.row_headers += 1

    def handle_data(self, data):
        self.parts.append(data)


def test_printed_questionnaire_holds_every_question_option_and_routing_note():
    survey = load_instrument("parents")
    page = questionnaire_html(survey)
    parser = _Text()
    parser.feed(page)
    text = " ".join(" ".join(parser.parts).split())
    assert '<html lang="en-GB">' in page
    for question in survey.questions:
        assert " ".join(question.text.split()) in text
        for label in getattr(question, "labels", ()):
            assert label in text
        if question.routing:
            assert question.routing in text
    assert parser.row_headers == len(survey.question("factors").statements)
    assert "Other (please specify)" in text


def _objects(pdf: bytes) -> bytes:
    """The PDF's objects, with compressed object streams inflated."""
    inflated = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            inflated.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def test_pdf_is_a_real_multi_page_document():
    pdf = questionnaire_pdf(load_instrument("practitioners"))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", _objects(pdf))) >= 2
