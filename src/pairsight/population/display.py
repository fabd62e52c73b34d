"""A need estimate shaped for a web page: rows, headline figures, provenance and the chart.

Pure (no Django): the web views render these values, and tests check them directly.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from pairsight.core import charts
from pairsight.core.document import Chart, Table
from pairsight.population.estimate import NeedEstimate, Reading
from pairsight.population.figures import Figure, percent
from pairsight.population.render import CAVEAT, range_text, staff_range_text

CHART_COLUMNS = ("Pathway", "Children")


@dataclass(frozen=True)
class Working:
    """Where one figure comes from: the calculation, the inputs and the assumptions."""

    statement: str
    inputs: tuple[str, ...]
    assumptions: tuple[tuple[str, str, str], ...]  # name, value, source


@dataclass(frozen=True)
class ShownFigure:
    key: str
    label: str
    value: str
    range: str
    working: Working


@dataclass(frozen=True)
class PathwayLine:
    figure: ShownFigure
    attachment: str
    share: str
    specialised: bool


@dataclass(frozen=True)
class EstimatePage:
    unit: str
    what: str
    children: str
    children_source: str
    capacity_source: str
    method: str
    split_title: str
    split_is_local: bool
    pathways: tuple[PathwayLine, ...]
    classes: tuple[tuple[ShownFigure, str], ...]  # figure, share of children
    specialised_need: ShownFigure
    capacity: ShownFigure
    unmet_need: ShownFigure
    staff_needed: ShownFigure | None
    has_ranges: bool
    caveat: str
    chart_spec: dict[str, Any]
    chart_text: str


def working(figure: Figure) -> Working:
    provenance = figure.provenance
    return Working(
        statement=provenance.statement,
        inputs=provenance.inputs,
        assumptions=tuple((a.name, a.value, a.source.citation) for a in provenance.assumptions),
    )


def shown(figure: Figure, *, value: str | None = None, spread: str | None = None) -> ShownFigure:
    return ShownFigure(
        key=figure.key,
        label=figure.label,
        value=value if value is not None else f"{figure.value:,}",
        range=spread if spread is not None else range_text(figure),
        working=working(figure),
    )


@functools.lru_cache(maxsize=1)
def _chart_template() -> Chart:
    # Building a spec with Altair takes tens of milliseconds; refilling its data does not.
    table = Table(caption="Children by pathway", columns=CHART_COLUMNS, rows=(("", 0),))
    return charts.bar_chart(
        table, value_column=1, alt_text="Children by pathway", value_title="Children", width=360
    )


def pathway_chart(result: NeedEstimate) -> dict[str, Any]:
    table = Table(
        caption="Children by pathway",
        columns=CHART_COLUMNS,
        rows=tuple((row.pathway.label, row.count.value) for row in result.rows),
        count_columns=(1,),
        modelled=True,
    )
    spec = charts.embed_spec(charts.with_table(_chart_template(), table))
    # Taller bars than the printed report's, so the labels read easily on screen.
    spec["height"] = {"step": 30}
    return spec


def estimate_page(result: NeedEstimate) -> EstimatePage:
    inputs = result.inputs
    staff = result.staff_needed
    method = (
        f"Weighted by deprivation ({percent(result.weighting.deprived_share)} of children in "
        "the most deprived 10% of neighbourhoods take the high-adversity distribution)"
        if result.weighting is not None
        else inputs.preset.title
    )
    pathways = tuple(
        PathwayLine(
            figure=shown(row.count),
            attachment=row.attachment_class.label,
            share=percent(row.share),
            specialised=row.pathway.is_specialised,
        )
        for row in result.rows
    )
    figures = [row.count for row in result.rows] + [result.unmet_need]
    return EstimatePage(
        unit=result.unit,
        what="Births in a year" if inputs.reading is Reading.BIRTHS else "Children under two",
        children=f"{inputs.children:,}",
        children_source=inputs.children_source,
        capacity_source=inputs.capacity_source,
        method=method,
        split_title=inputs.split.title,
        split_is_local=inputs.split.source.local_assumption,
        pathways=pathways,
        classes=tuple(
            (shown(figure), percent(result.distribution.share(c)))
            for c, figure in result.class_totals.items()
        ),
        specialised_need=shown(result.specialised_need),
        capacity=shown(result.capacity),
        unmet_need=shown(result.unmet_need),
        staff_needed=(
            shown(
                staff,
                value=f"{float(staff.exact):,.1f}",
                spread=staff_range_text(result),
            )
            if staff is not None
            else None
        ),
        has_ranges=any(f.has_range for f in figures),
        caveat=CAVEAT,
        chart_spec=pathway_chart(result),
        chart_text=(
            "Bar chart of children on each pathway of support: "
            + "; ".join(f"{line.figure.label}: {line.figure.value}" for line in pathways)
            + ". The same figures are in the table."
        ),
    )


@dataclass(frozen=True)
class ComparedRow:
    label: str
    values: tuple[str, ...]
    differs: bool
    is_heading: bool = False


def compare_rows(results: list[NeedEstimate]) -> list[ComparedRow]:
    """One row per input and figure, one column per estimate, for scenarios side by side."""

    def row(label: str, values: list[str]) -> ComparedRow:
        return ComparedRow(label, tuple(values), differs=len(set(values)) > 1)

    def with_range(figure: Figure) -> str:
        spread = range_text(figure)
        return f"{figure.value:,}" + (f" ({spread})" if spread else "")

    rows = [ComparedRow("Inputs", (), False, is_heading=True)]
    rows.append(
        row(
            "What the number counts",
            [
                "Births in a year" if r.inputs.reading is Reading.BIRTHS else "Children under two"
                for r in results
            ],
        )
    )
    rows.append(row("Number of children", [f"{r.inputs.children:,}" for r in results]))
    rows.append(row("Attachment distribution", [estimate_page_method(r) for r in results]))
    rows.append(row("Pathway split", [r.inputs.split.title for r in results]))
    rows.append(
        row(
            "Existing services",
            [
                "; ".join(f"{c.name}: {c.families_per_year:,}" for c in r.inputs.capacity)
                or "None entered"
                for r in results
            ],
        )
    )
    rows.append(
        row(
            "Families per practitioner a year",
            [
                f"{float(r.inputs.caseload_per_wte):g}"
                if r.inputs.caseload_per_wte is not None
                else "Not entered"
                for r in results
            ],
        )
    )
    rows.append(ComparedRow("Children by pathway", (), False, is_heading=True))
    for index, line in enumerate(results[0].rows):
        rows.append(row(line.pathway.label, [with_range(r.rows[index].count) for r in results]))
    rows.append(ComparedRow("Need", (), False, is_heading=True))
    rows.append(row("Specialised PAIR need", [with_range(r.specialised_need) for r in results]))
    rows.append(row("Existing specialised capacity", [f"{r.capacity.value:,}" for r in results]))
    rows.append(row("Unmet specialised need", [with_range(r.unmet_need) for r in results]))
    rows.append(
        row(
            "Staff needed (whole-time equivalents)",
            [
                f"{float(r.staff_needed.exact):,.1f}"
                if r.staff_needed is not None
                else "Not worked out"
                for r in results
            ],
        )
    )
    rows.append(row("Counts are", [r.unit for r in results]))
    return rows


def estimate_page_method(result: NeedEstimate) -> str:
    if result.weighting is not None:
        return f"Weighted by deprivation ({percent(result.weighting.deprived_share)} most deprived)"
    return result.inputs.preset.title
