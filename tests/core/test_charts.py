"""Charts: one Vega-Lite spec, rendered offline to SVG and PNG, in step with its table."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from pairsight.core import charts
from pairsight.core.document import Chart, Table


def _pathways() -> Table:
    return Table(
        caption="Children by pathway",
        columns=("Pathway", "Children"),
        rows=(
            ("Shorter-term PAIR work", 613),
            ("Longer-term PAIR work", 2147),
            ("All children", 2760),
        ),
        count_columns=(1,),
        modelled=True,
        total_row=True,
    )


def test_a_bar_chart_draws_its_table_without_the_total_row():
    chart = charts.bar_chart(_pathways(), value_column=1, alt_text="Two pathways.")
    assert chart.spec["data"] == {"name": "table"}
    assert chart.spec["datasets"]["table"] == [
        {"category": "Shorter-term PAIR work", "value": 613.0, "label": "613", "label_x": 613.0},
        {
            "category": "Longer-term PAIR work",
            "value": 2147.0,
            "label": "2,147",
            "label_x": 2147.0,
        },
    ]
    assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")


def test_svg_rendering_shows_the_categories_and_figures():
    chart = charts.bar_chart(_pathways(), value_column=1, alt_text="Two pathways.", title="Need")
    svg = charts.to_svg(chart)
    assert svg.startswith("<svg")
    for text in ("Shorter-term PAIR work", "Longer-term PAIR work", "2,147", "Need"):
        assert text in svg


def test_id_prefixes_keep_inlined_svgs_apart():
    chart = charts.bar_chart(_pathways(), value_column=1, alt_text="Two pathways.")
    svg = charts.to_svg(chart, id_prefix="chart-2-")
    ids = re.findall(r'\bid="([^"]+)"', svg)
    references = re.findall(r"url\(#([^)]+)\)", svg)
    assert all(value.startswith("chart-2-") for value in ids + references)


def test_png_rendering_returns_a_png_image():
    chart = charts.bar_chart(_pathways(), value_column=1, alt_text="Two pathways.")
    assert charts.to_png(chart).startswith(b"\x89PNG\r\n\x1a\n")


def test_rendering_never_fetches_data_from_the_network():
    remote = Chart(
        spec={
            "data": {"url": "https://example.org/births.csv"},
            "mark": "bar",
            "encoding": {"x": {"field": "births", "type": "quantitative"}},
        },
        table=_pathways(),
        alt_text="Births from a remote file.",
    )
    with pytest.raises(ValueError, match="it names a URL to load, and charts load nothing"):
        charts.to_svg(remote)


def test_a_chart_refilled_from_a_new_table_shows_only_the_new_figures():
    chart = charts.bar_chart(_pathways(), value_column=1, alt_text="Two pathways.")
    hidden = Table(
        caption="Children by pathway",
        columns=("Pathway", "Children"),
        rows=(("Shorter-term PAIR work", "*"), ("Longer-term PAIR work", 2145), ("All", 2760)),
        count_columns=(1,),
        total_row=True,
    )
    refilled = charts.with_table(chart, hidden)
    assert [row["label"] for row in refilled.spec["datasets"]["table"]] == ["*", "2,145"]
    assert refilled.spec["datasets"]["table"][0]["value"] is None
    assert chart.spec["datasets"]["table"][0]["label"] == "613"


def test_a_hand_made_spec_cannot_be_refilled():
    chart = Chart(spec={"mark": "bar"}, table=_pathways(), alt_text="Hand-made.", title="Mine")
    with pytest.raises(ValueError, match="'Mine' was not built by pairsight.core.charts"):
        charts.with_table(chart, _pathways())


def test_a_missing_column_is_named():
    with pytest.raises(ValueError, match="column 4 does not exist"):
        charts.bar_chart(_pathways(), value_column=4, alt_text="Nope.")


def test_a_chart_loads_nothing_named_in_its_spec(recording_server, tmp_path):
    """vl-convert can load data and images from URLs; PAIRsight's charts carry their data,
    so every URL (another server, a file on this one) is refused."""
    secret = tmp_path / "secret.csv"
    secret.write_text("category,value\nSECRET-KEY,1\n", encoding="utf-8")
    table = Table(caption="Families", columns=("Service", "Families"), rows=(("A", 12),))
    chart = charts.bar_chart(table, value_column=1, alt_text="Families by service")
    url = recording_server.url
    specs = [
        {**chart.spec, "layer": [{"mark": "image", "encoding": {"url": {"value": f"{url}/i"}}}]},
        {**chart.spec, "data": {"url": f"{url}/data.csv"}},
        {**chart.spec, "data": {"url": f"file://{secret}"}},
    ]
    for spec in specs:
        hostile = Chart(spec=spec, table=table, alt_text="Families by service")
        for render in (charts.to_svg, charts.to_png):
            try:
                drawn = render(hostile)
            except ValueError as error:
                assert "cannot be drawn" in str(error)
            else:
                assert b"SECRET-KEY" not in (drawn if isinstance(drawn, bytes) else drawn.encode())
    assert recording_server.hits == []


def test_hostile_category_names_are_text_in_the_svg():
    name = '</text><image href="http://127.0.0.1:9/x"/><text>'
    table = Table(caption="Families", columns=("Service", "Families"), rows=((name, 12),))
    svg = charts.to_svg(charts.bar_chart(table, value_column=1, alt_text="Families"))
    root = ElementTree.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("image")]
    assert name in "".join(root.itertext())
