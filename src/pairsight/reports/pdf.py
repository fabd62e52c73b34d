"""The report as a PDF, laid out by WeasyPrint from print HTML.

Cover page, contents with page numbers, a running header with the area and date, page
numbers, charts as vector SVG, tables whose header rows repeat when they break across
pages, and a DRAFT watermark on every page until the report is published.
"""

from __future__ import annotations

import base64
from html import escape

from pairsight.core.document import Report
from pairsight.core.printing import html_to_pdf
from pairsight.reports.html import stylesheet
from pairsight.reports.markup import (
    contents_html,
    headlines_html,
    section_html,
    title_block,
)

#: Characters a CSS string inside an HTML <style> element may hold as they are; every
#: other character (quotes, backslashes, < > & that could end the element) is escaped.
_CSS_PLAIN = frozenset(" .,;:!?()-–—'’/%·+_#*=[]|~^$@")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that is safe inside an HTML <style> element.

    Line breaks become spaces. A CSS escape (`\\3c ` for `<`) keeps the character for the
    reader while the HTML parser never sees `</style>` or an attribute quote.
    """
    flat = " ".join(text.split())
    return (
        '"'
        + "".join(ch if ch.isalnum() or ch in _CSS_PLAIN else f"\\{ord(ch):x} " for ch in flat)
        + '"'
    )


# Drawn as a page background, so it sits behind the content on every page (the cover too)
# and stays out of the reading order.
WATERMARK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" '
    'viewBox="0 0 210 297"><text x="105" y="160" text-anchor="middle" '
    'transform="rotate(-50 105 160)" font-family="Liberation Sans, Arial, sans-serif" '
    'font-size="46" font-weight="700" letter-spacing="3" fill="#da291c" '
    'fill-opacity="0.12">DRAFT</text></svg>'
)
MARGIN_BOX = 'font-family: "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #4c6272;'


def page_css(report: Report) -> str:
    """Running header and footer; only here do we know the area, date and status."""
    footer_left = "Draft – not for publication" if report.is_draft else report.title
    watermark = ""
    if report.is_draft:
        encoded = base64.b64encode(WATERMARK_SVG.encode()).decode()
        watermark = (
            f'background: url("data:image/svg+xml;base64,{encoded}") no-repeat center / '
            "210mm 297mm;"
        )
    return f"""
@page {{
  {watermark}
  @top-left {{ content: {css_string(report.area)}; {MARGIN_BOX} }}
  @top-right {{ content: {css_string(report.display_date())}; {MARGIN_BOX} }}
  @bottom-left {{ content: {css_string(footer_left)}; {MARGIN_BOX} }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); {MARGIN_BOX} }}
}}
"""


def print_html(report: Report) -> str:
    """The print version of a prepared report, as WeasyPrint lays it out."""
    status = "Draft – not for publication" if report.is_draft else "Published"
    body = "".join(section_html(section, 1) for section in report.sections)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{escape(report.title)} – {escape(report.area)}</title>
<meta name="author" content="{escape(", ".join(report.authors) or report.area)}">
<meta name="description" content="{escape(report.subtitle or report.title)}">
<meta name="generator" content="PAIRsight">
<style>{stylesheet("report.css")}{stylesheet("print.css")}{page_css(report)}</style>
</head>
<body>
<main>
<section class="cover" aria-label="Cover">
<div class="cover-band"><p>{escape(report.area)}</p>
<p class="cover-status">{escape(status)}</p></div>
{title_block(report)}
</section>
{headlines_html(report.headlines())}
{contents_html(report, with_pages=True)}
{body}
</main>
</body>
</html>
"""


def render_pdf(report: Report) -> bytes:
    """A prepared report (see `assemble.prepare`) as PDF bytes."""
    return html_to_pdf(print_html(report), tagged=True)
