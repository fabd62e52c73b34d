"""The population need section of the report, built from a `NeedEstimate`.

Pure: it turns the model's figures into report blocks and never touches Django, so the CLI,
the web app's `report.py` and tests all build the same section.
"""

from __future__ import annotations

from fractions import Fraction

from pairsight.core import charts
from pairsight.core.disclosure import MODELLED_ESTIMATES_STATEMENT
from pairsight.core.document import (
    Assumption,
    Callout,
    Cell,
    Headline,
    Input,
    Paragraph,
    Section,
    Source,
    Table,
)
from pairsight.population.estimate import NeedEstimate, Reading
from pairsight.population.figures import Figure, percent
from pairsight.population.render import CAVEAT, range_text, staff_range_text

HEADING = "Population need"
USER_ENTERED = "entered by the user"


def need_section(
    estimate: NeedEstimate, *, heading: str = HEADING, capacity_source: str | None = None
) -> Section:
    """The report section for one need estimate: tables, chart, notes and provenance.

    `capacity_source` says where the existing services' figures came from, when it is not
    the source given with them in the inputs.
    """
    inputs = estimate.inputs
    if capacity_source is None:
        capacity_source = inputs.capacity_source
    area = inputs.area_name or "the area"
    pathway_table = _pathway_table(estimate)
    chart = charts.bar_chart(
        pathway_table,
        value_column=3,
        title=f"Children by pathway of support, {area}",
        value_title="Children",
        alt_text=(
            f"Bar chart of the estimated children under two in {area} on each pathway of "
            "support. "
            + "; ".join(f"{row.pathway.label}: {row.count.value:,}" for row in estimate.rows)
            + ". The same figures are in the table above."
        ),
    )
    unmet = estimate.unmet_need
    specialised = estimate.specialised_need
    summary = (
        f"An estimated {specialised.value:,}{_range_phrase(specialised)} {_families(estimate)} "
        f"in {area} need specialised parent-infant relationship (PAIR) support. "
        f"Existing services see about {estimate.capacity.value:,}, which leaves "
        f"{unmet.value:,}{_range_phrase(unmet)} without it."
    )
    if estimate.staff_needed is not None:
        summary += (
            f" Meeting that need would take about {float(estimate.staff_needed.exact):,.1f} "
            "whole-time-equivalent practitioners."
        )
    return Section(
        heading=heading,
        key="population-need",
        blocks=(
            Paragraph(_introduction(estimate)),
            Paragraph(summary),
            Callout(CAVEAT, title="How to read these figures"),
            # The chart carries the pathway table: every renderer prints it beside the chart.
            chart,
        ),
        subsections=(
            Section(
                heading="Specialised and unmet need",
                key="specialised-and-unmet-need",
                blocks=(_unmet_table(estimate),),
            ),
            Section(
                heading="Attachment distribution",
                key="attachment-distribution",
                blocks=(
                    Paragraph(
                        f"Attachment distribution used: {inputs.preset.title}. "
                        f"{inputs.preset.description}"
                    ),
                    _class_table(estimate),
                ),
            ),
            Section(
                heading="How each figure was worked out",
                key="how-each-need-figure-was-worked-out",
                blocks=(_provenance_table(estimate),),
            ),
        ),
        method_notes=_method_notes(estimate),
        sources=_sources(estimate),
        assumptions=_assumptions(estimate),
        inputs=_inputs(estimate, capacity_source),
        headlines=_headlines(estimate),
    )


def _area(estimate: NeedEstimate) -> str:
    return estimate.inputs.area_name or "the area"


def _families(estimate: NeedEstimate) -> str:
    per_year = "per year" in estimate.unit
    return "families a year" if per_year else "children under two"


def _range_phrase(figure: Figure) -> str:
    return f" (range {range_text(figure)})" if figure.has_range else ""


def _introduction(estimate: NeedEstimate) -> str:
    inputs = estimate.inputs
    what = "births a year" if inputs.reading is Reading.BIRTHS else "children under two"
    method = (
        "weighted by deprivation"
        if estimate.weighting is not None
        else f"the {inputs.preset.title} attachment distribution"
    )
    return (
        f"This section estimates how many of the {inputs.children:,} {what} in "
        f"{inputs.area_name or 'the area'} may need each kind of parent-infant relationship "
        f"support, using {method} and the {inputs.split.title}. Counts are {estimate.unit}."
    )


def _ranged(estimate: NeedEstimate) -> bool:
    return any(row.count.has_range for row in estimate.rows) or estimate.unmet_need.has_range


def _pathway_table(estimate: NeedEstimate) -> Table:
    ranged = _ranged(estimate)
    columns = ("Pathway", "Attachment", "Share of children", "Children")
    rows: list[tuple[Cell, ...]] = []
    for row in estimate.rows:
        cells: tuple[Cell, ...] = (
            row.pathway.label,
            row.attachment_class.label,
            percent(row.share),
            row.count.value,
        )
        rows.append(cells + ((range_text(row.count),) if ranged else ()))
    total: tuple[Cell, ...] = ("All children", "", "100%", estimate.inputs.children)
    rows.append(total + (("",) if ranged else ()))
    return Table(
        caption=f"Estimated children by pathway of support, {_area(estimate)}",
        columns=columns + (("Range (low–high)",) if ranged else ()),
        rows=tuple(rows),
        count_columns=(3,),
        modelled=True,
        total_row=True,
        notes=(
            f"Counts are {estimate.unit}.",
            "Modelled estimates: each figure is worked out exactly and rounded once to the "
            "nearest whole child, so the rows may not add up exactly to the total.",
        ),
    )


def _class_table(estimate: NeedEstimate) -> Table:
    ranged = any(f.has_range for f in estimate.class_totals.values())
    rows = []
    for attachment_class, figure in estimate.class_totals.items():
        share = estimate.distribution.share(attachment_class)
        cells: tuple[Cell, ...] = (attachment_class.label, percent(share), figure.value)
        rows.append(cells + ((range_text(figure),) if ranged else ()))
    return Table(
        caption="Estimated children by attachment classification",
        columns=("Attachment", "Share (central)", "Children")
        + (("Range (low–high)",) if ranged else ()),
        rows=tuple(rows),
        count_columns=(2,),
        modelled=True,
        notes=(CAVEAT,),
    )


def _unmet_table(estimate: NeedEstimate) -> Table:
    ranged = _ranged(estimate)
    rows: list[tuple[Cell, ...]] = []

    def add(label: str, figure: Figure | int, spread: str = "") -> None:
        value: Cell = figure.value if isinstance(figure, Figure) else figure
        rows.append((label, value) + ((spread,) if ranged else ()))

    for row in estimate.rows:
        if row.pathway.is_specialised:
            add(row.pathway.label, row.count, range_text(row.count))
    add("Specialised PAIR need", estimate.specialised_need, range_text(estimate.specialised_need))
    for service in estimate.inputs.capacity:
        add(f"Already seen: {service.name}", service.families_per_year)
    if not estimate.inputs.capacity:
        add("Already seen: no existing specialised service entered", 0)
    add("Unmet specialised need", estimate.unmet_need, range_text(estimate.unmet_need))
    if estimate.staff_needed is not None:
        rows.append(
            (
                "Staff needed (whole-time equivalents)",
                f"{float(estimate.staff_needed.exact):,.1f}",
            )
            + ((staff_range_text(estimate),) if ranged else ())
        )
    return Table(
        caption=f"Specialised and unmet need, {_area(estimate)}",
        columns=("Figure", "Number") + (("Range (low–high)",) if ranged else ()),
        rows=tuple(rows),
        count_columns=(1,),
        modelled=True,
        notes=(
            f"Counts are {estimate.unit}.",
            "Unmet need is specialised need minus the families existing services already "
            "see, and is never below zero.",
        ),
    )


def _figures(estimate: NeedEstimate) -> list[Figure]:
    figures = [row.count for row in estimate.rows]
    figures += list(estimate.class_totals.values())
    figures += [estimate.specialised_need, estimate.capacity, estimate.unmet_need]
    if estimate.staff_needed is not None:
        figures.append(estimate.staff_needed)
    return figures


def _provenance_table(estimate: NeedEstimate) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for figure in _figures(estimate):
        label = figure.label
        if figure in estimate.class_totals.values():
            label = f"{label} attachment"
        shown: Cell = (
            f"{float(figure.exact):,.1f}" if figure.key == "staff_needed" else figure.value
        )
        rows.append((label, shown, figure.provenance.statement))
    return Table(
        caption="How each population figure was worked out",
        columns=("Figure", "Published value", "Calculation"),
        rows=tuple(rows),
        count_columns=(1,),
        modelled=True,
    )


def _headlines(estimate: NeedEstimate) -> tuple[Headline, ...]:
    unit = _families(estimate)
    inputs = estimate.inputs
    what = "Births a year" if inputs.reading is Reading.BIRTHS else "Children under two"
    headlines = [
        Headline(what, f"{inputs.children:,}", f"in {_area(estimate)}"),
        Headline(
            "Specialised PAIR need",
            f"{estimate.specialised_need.value:,}",
            f"{unit}{_range_phrase(estimate.specialised_need)}",
        ),
        Headline(
            "Already seen by existing services",
            f"{estimate.capacity.value:,}",
            "; ".join(c.name for c in inputs.capacity) or "none entered",
        ),
        Headline(
            "Unmet specialised need",
            f"{estimate.unmet_need.value:,}",
            f"{unit}{_range_phrase(estimate.unmet_need)}",
        ),
    ]
    if estimate.staff_needed is not None:
        headlines.append(
            Headline(
                "Practitioners needed",
                f"{float(estimate.staff_needed.exact):,.1f}",
                "whole-time equivalents",
            )
        )
    return tuple(headlines)


def _method_notes(estimate: NeedEstimate) -> tuple[str, ...]:
    split = estimate.inputs.split
    notes = [
        "The figures come from a population model: the number of children, times the share "
        "expected in each attachment classification, times the share of each classification "
        "expected on each pathway of support. They are computed exactly and rounded once, to "
        "the nearest whole child (halves rounded up).",
        MODELLED_ESTIMATES_STATEMENT,
        f"The pathway split ({split.title}) is a local assumption: "
        + (
            "no published source for it is known. "
            if split.source.local_assumption
            else f"{split.source.citation}. "
        )
        + "It can be edited for this area, and the report will say it was.",
        f"{CAVEAT} They describe how need is likely to be spread across a population; they "
        "cannot and must not be used to label any child or family.",
    ]
    if "per year" in estimate.unit and estimate.inputs.reading is Reading.UNDER_TWO:
        notes.append(
            "Following the Birmingham 2022 needs assessment, shares are applied to the number "
            "of children under two and the results are reported as families per year, so that "
            "the published figures are reproduced."
        )
    if estimate.weighting is not None:
        weighting = estimate.weighting
        notes.append(
            f"Need is weighted by deprivation: {percent(weighting.deprived_share)} of "
            f"{weighting.population_label} live in the most deprived neighbourhoods and take "
            "the high-adversity distribution; the rest take the standard one."
        )
    return tuple(notes)


def is_entered(citation: str) -> bool:
    """A figure someone typed ("entered by the user", "entered by Jane Smith")."""
    return citation.strip().lower().startswith("entered by")


def _source(citation: str, estimate: NeedEstimate) -> Source:
    split = estimate.inputs.split.source
    if citation == split.citation:
        return Source(split.citation, split.note, local_assumption=split.local_assumption)
    preset = estimate.inputs.preset.source
    if citation == preset.citation:
        return Source(preset.citation, preset.note, local_assumption=preset.local_assumption)
    if is_entered(citation):
        return Source(f"{citation.strip().capitalize()} for this assessment", local_assumption=True)
    return Source(citation)


def _sources(estimate: NeedEstimate) -> tuple[Source, ...]:
    inputs = estimate.inputs
    sources = [_source(inputs.preset.source.citation, estimate)]
    sources.append(_source(inputs.split.source.citation, estimate))
    sources += [assumption.source for assumption in _assumptions(estimate)]
    if not is_entered(inputs.children_source):
        sources.append(Source(inputs.children_source))
    return tuple(dict.fromkeys(sources))


def _assumptions(estimate: NeedEstimate) -> tuple[Assumption, ...]:
    seen: dict[tuple[str, str], Assumption] = {}
    for figure in _figures(estimate):
        for item in figure.provenance.assumptions:
            key = (item.name, item.value)
            if key not in seen:
                seen[key] = Assumption(
                    item.name, item.value, _source(item.source.citation, estimate)
                )
    return tuple(seen.values())


def _inputs(estimate: NeedEstimate, capacity_source: str) -> tuple[Input, ...]:
    inputs = estimate.inputs
    what = "Births a year" if inputs.reading is Reading.BIRTHS else "Children under two"
    items = []
    if inputs.area_name:
        code = f" ({inputs.area_code})" if inputs.area_code else ""
        items.append(Input("Area", f"{inputs.area_name}{code}", "chosen for this assessment"))
    items.append(Input(what, f"{inputs.children:,}", inputs.children_source))
    for service in inputs.capacity:
        items.append(
            Input(
                f"Families seen a year: {service.name}",
                f"{service.families_per_year:,}",
                capacity_source,
            )
        )
    if inputs.caseload_per_wte is not None:
        items.append(
            Input("Caseload per WTE a year", _plain(inputs.caseload_per_wte), USER_ENTERED)
        )
    if inputs.deprivation is not None and estimate.weighting is not None:
        items.append(
            Input(
                "Neighbourhood populations and IMD deciles "
                f"({inputs.deprivation.population_label})",
                f"{estimate.weighting.total_population:,} in total",
                inputs.deprivation.source,
            )
        )
    return tuple(items)


def _plain(value: Fraction) -> str:
    return f"{float(value):g}"
