"""Charts as Vega-Lite specs, rendered offline to SVG and PNG.

One spec serves the web page (vega-embed) and every document. The spec reads its values from
the named dataset "table", filled from the chart's `Table`; when the disclosure rule changes
the table, `with_table` refills the dataset, so a chart can never show a count its table hides.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any

import vl_convert

from pairsight.core.document import Chart, Table, format_cell

#: The Vega-Lite version of the specs, which vl-convert renders; vega-embed must match it.
VEGA_LITE_VERSION = "6.4"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
DATASET = "table"
NHS_BLUE = "#005eb8"
TEXT_COLOUR = "#212b32"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

# Text stays readable when printed; ARIA on marks is off because the chart is one image with
# alt text and the same figures sit in the data table beside it.
CONFIG: dict[str, Any] = {
    "font": FONT,
    "aria": False,
    "axis": {
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "labelFontSize": 13,
        "titleFontSize": 13,
        "labelLimit": 320,
    },
    "title": {"color": TEXT_COLOUR, "fontSize": 15, "anchor": "start"},
    "view": {"stroke": None},
    "background": "white",
}


def bar_chart(
    table: Table,
    *,
    value_column: int,
    category_column: int = 0,
    alt_text: str,
    title: str = "",
    value_title: str | None = None,
    width: int = 420,
) -> Chart:
    """A horizontal bar chart of one count column against the table's categories.

    Categories keep the table's order; a total row is left out of the bars. Each bar is
    labelled with its figure as the table shows it, so a hidden count reads `*`.
    """
    where = f"Chart of table {table.caption!r}"
    for index in (value_column, category_column):
        if not 0 <= index < len(table.columns):
            raise ValueError(f"{where}: column {index} does not exist.")
    # The categories' order is given outright: with `sort=None` Vega-Lite would put a
    # category whose count is hidden (no bar) after all the others.
    categories = [record["category"] for record in _records(table, category_column, value_column)]
    y = {
        "axis": {"labelLimit": 320, "labelPadding": 6, "ticks": False},
        "field": "category",
        "sort": categories,
        "title": None,
        "type": "nominal",
    }
    bars = {
        "mark": {"type": "bar", "color": NHS_BLUE, "height": {"band": 0.7}},
        "encoding": {
            "tooltip": [
                {"field": "category", "type": "nominal"},
                {"field": "label", "title": "Count", "type": "nominal"},
            ],
            "x": {
                "axis": {"format": ",d", "grid": True, "gridColor": "#d8dde0", "tickMinStep": 1},
                "field": "value",
                "title": value_title if value_title is not None else table.columns[value_column],
                "type": "quantitative",
            },
            "y": y,
        },
    }
    labels = {
        "mark": {"type": "text", "align": "left", "color": TEXT_COLOUR, "dx": 4, "fontSize": 13},
        "encoding": {
            "text": {"field": "label", "type": "nominal"},
            "x": {"field": "label_x", "type": "quantitative"},
            "y": copy.deepcopy(y),
        },
    }
    # Written out as Vega-Lite rather than through Altair: importing Altair costs about a
    # second on every cold start (a report build, the CLI), and the spec is this small.
    spec: dict[str, Any] = {
        "layer": [bars, labels],
        "data": {"name": DATASET},
        "width": width,
        "$schema": SCHEMA,
    }
    if title:
        spec["title"] = title
    spec["config"] = copy.deepcopy(CONFIG)
    spec["usermeta"] = {
        "pairsight": {"kind": "bar", "category": category_column, "value": value_column}
    }
    spec["datasets"] = {DATASET: _records(table, category_column, value_column)}
    return Chart(spec=spec, table=table, alt_text=alt_text, title=title)


def with_table(chart: Chart, table: Table) -> Chart:
    """The same chart drawn from `table` (for example after small-number suppression)."""
    meta = chart.spec.get("usermeta", {}).get("pairsight")
    if not meta:
        raise ValueError(f"Chart {chart.title!r} was not built by pairsight.core.charts.")
    spec = copy.deepcopy(chart.spec)
    spec["datasets"] = {DATASET: _records(table, meta["category"], meta["value"])}
    return Chart(spec=spec, table=table, alt_text=chart.alt_text, title=chart.title)


def _records(table: Table, category_column: int, value_column: int) -> list[dict[str, Any]]:
    rows = table.rows[:-1] if table.total_row else table.rows
    records = []
    for row in rows:
        value = row[value_column]
        number = float(value) if isinstance(value, int | float) else None
        records.append(
            {
                "category": format_cell(row[category_column]),
                "value": number,
                "label": format_cell(value),
                "label_x": number or 0,
            }
        )
    return records


def check_offline(chart: Chart) -> None:
    """Refuse a spec that names anything to load: PAIRsight's charts carry their own data.

    `allowed_base_urls=[]` stops vl-convert loading data from URLs, but its PNG renderer
    still fetches the pictures of an image mark, so image marks and every URL but a data:
    URI are refused before anything is drawn.
    """
    where = f"Chart {chart.title or chart.table.caption!r} cannot be drawn"
    stack: list[Any] = [chart.spec]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and not (isinstance(value, str) and value.startswith("data:")):
                    raise ValueError(f"{where}: it names a URL to load, and charts load nothing.")
                mark = value.get("type") if isinstance(value, dict) else value
                if key == "mark" and mark == "image":
                    raise ValueError(
                        f"{where}: image marks load pictures, and charts load nothing."
                    )
                stack.append(value)


def to_svg(chart: Chart, *, id_prefix: str = "") -> str:
    """The chart as an SVG document, rendered offline.

    `id_prefix` keeps element ids unique when several SVGs are inlined in one page.
    """
    check_offline(chart)
    try:
        svg = _svg(json.dumps(chart.spec, sort_keys=True))
    except ValueError as error:
        raise _drawing_error(chart, error) from error
    if id_prefix:
        svg = re.sub(r'\bid="([^"]+)"', rf'id="{id_prefix}\1"', svg)
        svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{id_prefix}\1)", svg)
        svg = re.sub(r'href="#([^"]+)"', rf'href="#{id_prefix}\1"', svg)
    return svg


def to_png(chart: Chart, *, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (for Word and PowerPoint), rendered offline."""
    check_offline(chart)
    try:
        return _png(json.dumps(chart.spec, sort_keys=True), scale)
    except ValueError as error:
        raise _drawing_error(chart, error) from error


# One report build draws each chart for the web page, the PDF, Word and the slides: the
# drawing (Vega in vl-convert's JavaScript engine) is the slow part, so each spec is drawn
# once and its PNG made from the same SVG.
@functools.lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    svg: str = vl_convert.vegalite_to_svg(
        json.loads(spec_json), vl_version=VEGA_LITE_VERSION, allowed_base_urls=[]
    )
    return svg


@functools.lru_cache(maxsize=64)
def _png(spec_json: str, scale: float) -> bytes:
    png: bytes = vl_convert.svg_to_png(_svg(spec_json), scale=scale)
    return png


def start_renderer() -> None:
    """Start vl-convert's JavaScript engine (over a second the first time in a process) by
    drawing a one-bar chart, so the first page with a chart does not wait for it."""
    vl_convert.vegalite_to_svg(
        {"mark": "bar", "data": {"values": [{"n": 1}]}, "encoding": {"x": {"field": "n"}}},
        vl_version=VEGA_LITE_VERSION,
        allowed_base_urls=[],
    )


def _drawing_error(chart: Chart, error: ValueError) -> ValueError:
    """The renderer's first useful line, without its JavaScript stack trace."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    useful = [
        line
        for line in lines
        if not line.startswith("at ") and not line.endswith("conversion failed:")
    ]
    reason = useful[0] if useful else "the chart specification is not valid Vega-Lite"
    return ValueError(f"Chart {chart.title or chart.table.caption!r} cannot be drawn: {reason}")


def embed_spec(chart: Chart) -> dict[str, Any]:
    """The spec for vega-embed in a web page: self-contained, nothing fetched."""
    return copy.deepcopy(chart.spec)
