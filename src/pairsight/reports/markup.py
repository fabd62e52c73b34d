"""Report blocks as accessible HTML fragments, shared by the HTML page and the PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from html import escape

from pairsight.core import charts
from pairsight.core.document import (
    Block,
    Bullets,
    Callout,
    Chart,
    Headline,
    Paragraph,
    Report,
    Section,
    Table,
    format_cell,
)

_NUMBER = re.compile(r"^[\s*–\-−.,%0-9]+$")
_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')

#: How a renderer turns a chart into markup: (chart, element id prefix) -> HTML.
ChartMarkup = Callable[[Chart, str], str]


#: Word and PowerPoint refuse a document property (title, author) over 255 characters.
PROPERTY_LIMIT = 255


def office_property(text: str) -> str:
    """Text for a Word or PowerPoint document property, cut to the length they accept."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"


def numeric_columns(table: Table) -> set[int]:
    """Columns to right-align: counts, and columns whose every cell reads as a number."""
    numeric = set(table.count_columns)
    for index in range(len(table.columns)):
        cells = [row[index] for row in table.rows if row[index] not in (None, "")]
        if cells and all(
            isinstance(cell, int | float | Fraction) or _NUMBER.match(str(cell)) for cell in cells
        ):
            numeric.add(index)
    return numeric


def table_html(table: Table, table_id: str) -> str:
    numeric = numeric_columns(table)
    caption_id = f"{table_id}-caption"

    def header_cell(index: int, text: str) -> str:
        css = ' class="num"' if index in numeric else ""
        return f'<th scope="col"{css}>{escape(text)}</th>'

    head = "".join(header_cell(i, text) for i, text in enumerate(table.columns))
    body = []
    for number, row in enumerate(table.rows):
        is_total = table.total_row and number == len(table.rows) - 1
        cells = []
        for index, value in enumerate(row):
            text = escape(format_cell(value))
            css = ' class="num"' if index in numeric else ""
            if index == 0 and table.row_headers:
                cells.append(f'<th scope="row"{css}>{text}</th>')
            else:
                cells.append(f"<td{css}>{text}</td>")
        row_class = ' class="total"' if is_total else ""
        body.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    notes = "".join(f'<p class="table-note">{escape(note)}</p>' for note in table.notes)
    # A focusable region lets keyboard users scroll a wide table on a narrow screen.
    return (
        f'<div class="table-block" id="{table_id}">'
        f'<div class="table-scroll" role="region" aria-labelledby="{caption_id}" tabindex="0">'
        f'<table><caption id="{caption_id}">{escape(table.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{notes}</div>"
    )


def inline_svg(chart: Chart, prefix: str) -> str:
    """The chart as an inline SVG image: one role=img with the alt text, no inner ARIA."""
    svg = charts.to_svg(chart, id_prefix=f"{prefix}-")
    svg = _ARIA.sub("", svg)
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError(f"Chart {chart.title!r}: the renderer returned no SVG.")
    attributes = _SIZE.sub("", match.group(1))
    title_id = f"{prefix}-title"
    opening = (
        f'<svg{attributes} role="img" aria-labelledby="{title_id}" focusable="false">'
        f'<title id="{title_id}">{escape(chart.alt_text)}</title>'
    )
    return svg[: match.start()] + opening + svg[match.end() :]


def chart_html(chart: Chart, chart_id: str, chart_markup: ChartMarkup = inline_svg) -> str:
    caption = escape(chart.title or chart.table.caption)
    return (
        f'<figure class="chart" id="{chart_id}">'
        f'<div class="chart-image">{chart_markup(chart, chart_id)}</div>'
        f"<figcaption>{caption}. The figures are in the table below.</figcaption></figure>"
        + table_html(chart.table, f"{chart_id}-data")
    )


def block_html(block: Block, block_id: str, chart_markup: ChartMarkup = inline_svg) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Callout):
        title = f'<p class="callout-title">{escape(block.title)}</p>' if block.title else ""
        return f'<div class="callout callout-{block.tone}">{title}<p>{escape(block.text)}</p></div>'
    if isinstance(block, Table):
        return table_html(block, block_id)
    return chart_html(block, block_id, chart_markup)


def section_html(section: Section, level: int, chart_markup: ChartMarkup = inline_svg) -> str:
    """A section and its subsections; `level` 1 is an h2 (the report title is the h1)."""
    tag = f"h{min(level + 1, 6)}"
    # Keys come from the workstreams' code, but escaping them costs nothing.
    anchor = escape(section.key)
    parts = [
        f'<section class="level-{level}" aria-labelledby="{anchor}">'
        f'<{tag} id="{anchor}">{escape(section.heading)}</{tag}>'
    ]
    for number, block in enumerate(section.blocks, start=1):
        parts.append(block_html(block, f"{anchor}-{number}", chart_markup))
    for sub in section.subsections:
        parts.append(section_html(sub, level + 1, chart_markup))
    if section.method_notes:
        notes_tag = f"h{min(level + 2, 6)}"
        notes_id = f"{anchor}-method"
        parts.append(
            f'<div class="method-notes" aria-labelledby="{notes_id}" role="note">'
            f'<{notes_tag} id="{notes_id}">About these figures</{notes_tag}><ul>'
            + "".join(f"<li>{escape(note)}</li>" for note in section.method_notes)
            + "</ul></div>"
        )
    parts.append("</section>")
    return "".join(parts)


def headlines_html(headlines: tuple[Headline, ...]) -> str:
    if not headlines:
        return ""
    items = "".join(
        '<li class="headline">'
        f'<span class="headline-value">{escape(h.value)}</span>'
        f'<span class="headline-label">{escape(h.label)}</span>'
        + (f'<span class="headline-detail">{escape(h.detail)}</span>' if h.detail else "")
        + "</li>"
        for h in headlines
    )
    return (
        '<section class="key-figures" aria-labelledby="key-figures">'
        f'<h2 id="key-figures">Key figures</h2><ul class="headlines">{items}</ul></section>'
    )


def contents_html(report: Report, *, with_pages: bool = False, depth: int = 2) -> str:
    """The contents list; in the PDF each entry is followed by its page number."""

    def entries(sections: tuple[Section, ...], level: int) -> str:
        if level > depth or not sections:
            return ""
        items = []
        for section in sections:
            css = ' class="toc-page"' if with_pages else ""
            items.append(
                f'<li><a{css} href="#{escape(section.key)}">{escape(section.heading)}</a>'
                f"{entries(section.subsections, level + 1)}</li>"
            )
        return f"<ol>{''.join(items)}</ol>"

    return (
        '<nav class="contents" aria-labelledby="contents-heading">'
        f'<h2 id="contents-heading">Contents</h2>{entries(report.sections, 1)}</nav>'
    )


def title_block(report: Report) -> str:
    """Title, subtitle, area and date, authors, and the draft and data notices."""
    subtitle = f'<p class="subtitle">{escape(report.subtitle)}</p>' if report.subtitle else ""
    authors = (
        f'<p class="report-meta">By {escape(", ".join(report.authors))}</p>'
        if report.authors
        else ""
    )
    return (
        f"<h1>{escape(report.title)}</h1>{subtitle}"
        f'<p class="report-meta">{escape(report.area)} · {escape(report.display_date())}</p>'
        f"{authors}{draft_banner(report)}{data_notice(report)}"
    )


def draft_banner(report: Report) -> str:
    if not report.is_draft:
        return ""
    return (
        '<p class="draft-banner"><strong>Draft</strong> – not for publication. '
        "This report has not been published by the assessment lead.</p>"
    )


def data_notice(report: Report) -> str:
    if not report.data_notice:
        return ""
    return f'<p class="data-notice">{escape(report.data_notice)}</p>'
