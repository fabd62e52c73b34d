"""Need estimates as a terminal table, CSV and Markdown (JSON is `NeedEstimate.to_dict`)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from pairsight.core.cells import csv_text
from pairsight.population.estimate import NeedEstimate
from pairsight.population.figures import Figure, percent

CAVEAT = "Attachment classifications are population estimates, never a judgement about a family."


def range_text(figure: Figure) -> str:
    return f"{figure.low:,}–{figure.high:,}" if figure.has_range else ""


def staff_range_text(result: NeedEstimate) -> str:
    """Staff needed is shown to a tenth of a WTE, so its range is too."""
    caseload = result.inputs.caseload_per_wte
    unmet = result.unmet_need
    if caseload is None or not unmet.has_range or unmet.low is None or unmet.high is None:
        return ""
    return f"{float(unmet.low / caseload):,.1f}–{float(unmet.high / caseload):,.1f}"


def figures_in_order(result: NeedEstimate) -> Iterator[tuple[str, Figure]]:
    for row in result.rows:
        yield "pathway", row.count
    for figure in result.class_totals.values():
        yield "class_total", figure
    yield "summary", result.specialised_need
    yield "summary", result.capacity
    yield "summary", result.unmet_need
    if result.staff_needed is not None:
        yield "summary", result.staff_needed


def title(result: NeedEstimate) -> str:
    area = result.inputs.area_name or "Area"
    code = f" ({result.inputs.area_code})" if result.inputs.area_code else ""
    return f"{area}{code}: parent-infant relationship need"


def sources(result: NeedEstimate) -> list[str]:
    inputs = result.inputs
    lines = [
        f"Children: {inputs.children:,} — {inputs.reading.description} ({inputs.children_source}).",
        f"Attachment distribution: {inputs.preset.title} — {inputs.preset.source.citation}",
        f"Pathway split: {inputs.split.title} — {inputs.split.source.citation}",
    ]
    if result.weighting is not None:
        lines.append(
            f"Deprivation-weighted: {percent(result.weighting.deprived_share)} of "
            f"{result.weighting.population_label} live in the most deprived neighbourhoods."
        )
    if result.staff_needed is not None and inputs.caseload_per_wte is not None:
        lines.append(
            f"Staff needed assumes {float(inputs.caseload_per_wte):g} families per WTE a year "
            "(entered by the user)."
        )
    lines.append(CAVEAT)
    return lines


def need_table(result: NeedEstimate) -> RenderableType:
    ranged = any(f.has_range for _, f in figures_in_order(result))
    pathways = Table(
        title=title(result), caption=f"Counts are {result.unit}.", title_justify="left"
    )
    pathways.add_column("Pathway")
    pathways.add_column("Attachment")
    pathways.add_column("Share", justify="right")
    pathways.add_column("Children", justify="right")
    if ranged:
        pathways.add_column("Low–high", justify="right")
    for row in result.rows:
        cells = [
            row.pathway.label,
            row.attachment_class.label,
            percent(row.share),
            f"{row.count.value:,}",
        ]
        pathways.add_row(*cells, *([range_text(row.count)] if ranged else []))

    summary = Table(show_header=True, title_justify="left")
    summary.add_column("Figure")
    summary.add_column("Value", justify="right")
    if ranged:
        summary.add_column("Low–high", justify="right")
    for kind, figure in figures_in_order(result):
        if kind == "pathway":
            continue
        label = f"{figure.label} attachment" if kind == "class_total" else figure.label
        value, spread = f"{figure.value:,}", range_text(figure)
        if figure.key == "staff_needed":
            value, spread = f"{float(figure.exact):,.1f}", staff_range_text(result)
        style = "bold" if figure.key in ("specialised_need", "unmet_need") else None
        summary.add_row(label, value, *([spread] if ranged else []), style=style)
        if figure.key == "capacity" and len(result.inputs.capacity) > 1:
            for service in result.inputs.capacity:
                summary.add_row(f"  {service.name}", f"{service.families_per_year:,}")

    notes = Text("\n".join(sources(result)), style="dim")
    return Group(pathways, summary, notes)


def need_csv(result: NeedEstimate) -> str:
    """Every figure with its provenance; labels name services people entered, so every cell
    is neutralised against spreadsheet formulas."""
    rows: list[list[object]] = [
        ["kind", "key", "label", "value", "exact", "low", "high", "provenance"]
    ]
    for kind, figure in figures_in_order(result):
        rows.append(
            [
                kind,
                figure.key,
                figure.label,
                figure.value,
                figure.to_dict()["exact"],
                "" if figure.low is None else figure.low,
                "" if figure.high is None else figure.high,
                figure.provenance.statement,
            ]
        )
    return csv_text(rows)


def need_markdown(result: NeedEstimate) -> str:
    lines = [f"## {title(result)}", "", f"Counts are {result.unit}.", ""]
    lines += ["| Pathway | Attachment | Share | Children | Low–high |", "|---|---|--:|--:|--:|"]
    for row in result.rows:
        lines.append(
            f"| {row.pathway.label} | {row.attachment_class.label} | {percent(row.share)} "
            f"| {row.count.value:,} | {range_text(row.count)} |"
        )
    lines += ["", "| Figure | Value | Low–high |", "|---|--:|--:|"]
    for kind, figure in figures_in_order(result):
        if kind != "pathway":
            lines.append(f"| {figure.label} | {figure.value:,} | {range_text(figure)} |")
    lines += ["", *(f"- {line}" for line in sources(result))]
    return "\n".join(lines) + "\n"
