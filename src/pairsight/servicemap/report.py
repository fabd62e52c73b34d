"""The service-mapping section of the assessment's report.

Built from the confirmed services only. The need per pathway, when the population workstream
has a chosen estimate, is handed in by `pairsight.reports` (this workstream never imports
the population model), so capacity and need stand side by side with the gap per level.
"""

from __future__ import annotations

from pairsight.assessments.models import Assessment
from pairsight.core.document import (
    Bullets,
    Callout,
    Cell,
    Headline,
    Input,
    Paragraph,
    Section,
    Source,
    Table,
)
from pairsight.servicemap import queries
from pairsight.servicemap.gaps import Gaps, PathwayNeed
from pairsight.servicemap.matrix import Matrix, matrix_rows
from pairsight.servicemap.register import Focus

HEADING = "Service mapping"
SECTION_KEY = "service-mapping"
METHOD = Source(
    citation="Parent-Infant Foundation, mapping tool for parent-infant relationship services: "
    "levels of need and parent-infant focus, as used by Birmingham's 2022 needs assessment.",
)


def services_section(assessment: Assessment, need: PathwayNeed | None = None) -> Section:
    services = list(queries.mapped_services(assessment))
    if not services:
        return Section(
            heading=HEADING,
            key=SECTION_KEY,
            blocks=(
                Callout(
                    "No services have been confirmed for the map yet.",
                    title="Not ready yet",
                    tone="warning",
                ),
                Paragraph(
                    "On the service mapping pages, import the area's service directory (Open "
                    "Referral UK) or a spreadsheet, confirm the services for conception to two "
                    "in triage and classify them; this section then shows the matrix and gaps."
                ),
            ),
        )
    matrix = queries.matrix(assessment)
    gaps = queries.gaps(assessment, need)
    blocks: list[object] = []
    if any(s.synthetic for s in services):
        blocks.append(
            Callout(
                "Some services in this section are SYNTHETIC: made up for demonstration.",
                title="SYNTHETIC DATA",
                tone="warning",
            )
        )
    blocks += [
        Paragraph(
            f"{len(services)} services from conception to age two are on the map. "
            f"{matrix.headline()}."
        ),
        _matrix_table(matrix),
        _capacity_table(gaps, need),
    ]
    said = gaps.statements()
    blocks.append(
        Bullets(tuple(said)) if said else Paragraph("No gaps were found in what is recorded.")
    )
    register_rows: list[tuple[Cell, ...]] = [
        (
            s.display_name,
            s.provider or "Not recorded",
            ", ".join(s.level_labels()) or "Not classified",
            Focus(s.focus).short_label if s.focus else "Not classified",
            s.capacity,
            s.caseload_under_two,
        )
        for s in services
    ]
    register = Section(
        heading="The service register",
        key="service-register",
        blocks=(
            Table(
                caption="Services on the map",
                columns=(
                    "Service",
                    "Provider",
                    "Levels of need",
                    "Parent-infant focus",
                    "Capacity (families a year)",
                    "0–2s on caseload",
                ),
                rows=tuple(register_rows),
                count_columns=(5,),
            ),
        ),
    )
    sources = tuple(
        Input(
            name=f"Services from {source.get_kind_display().lower()}",
            value=f"{source.services_read} read, last imported {source.last_import_at:%d %B %Y}"
            if source.last_import_at
            else "not imported",
            origin=source.name,
        )
        for source in queries.sources(assessment)
    )
    return Section(
        heading=HEADING,
        key=SECTION_KEY,
        blocks=tuple(blocks),  # type: ignore[arg-type]
        subsections=(register,),
        sources=(METHOD,),
        inputs=sources,
        method_notes=(
            "Only services the team confirmed in triage are counted. A service that works at "
            "several levels of need is counted at each of them in the matrix; shares by focus "
            "count each service once.",
        ),
        headlines=(Headline("Services mapped", str(matrix.services), matrix.headline()),),
    )


def _matrix_table(matrix: Matrix) -> Table:
    columns = ("Level of need", *(f.short_label for f in Focus), "All")
    rows = tuple(tuple(row) for row in matrix_rows(matrix))
    return Table(
        caption="Services by level of need and parent-infant focus",
        columns=columns,
        rows=rows,
        notes=("Counts of services, not of people.",),
    )


def _capacity_table(gaps: Gaps, need: PathwayNeed | None) -> Table:
    rows = tuple(
        (
            row.pathway,
            row.need,
            row.capacity,
            row.gap,
            row.unknown,
        )
        for row in gaps.capacity
    )
    notes = (
        (f"Need: {need.unit} on each pathway, from {need.source}.",)
        if need
        else ("Need per pathway shows here once the population need estimate is chosen.",)
    )
    return Table(
        caption="Capacity of the services beside the need model's pathways",
        columns=(
            "Pathway",
            "Need",
            "Capacity (families a year)",
            "Gap",
            "Services without a capacity",
        ),
        rows=rows,
        notes=notes,
    )
