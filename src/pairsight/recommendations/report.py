"""The recommendations section of the report: the register by category, each with its evidence.

Evidence reads as it was cited (the frozen copy), and says when the finding has since moved,
so a published report never shows a figure the team did not see when it agreed the text.
"""

from __future__ import annotations

from pairsight.assessments.models import Assessment
from pairsight.core.document import Callout, Paragraph, Section, Source, Table
from pairsight.recommendations import queries
from pairsight.recommendations.consultation.report import consultation_part
from pairsight.recommendations.models import Recommendation

SECTION_KEY = "recommendations"
HEADING = "Recommendations"
COLUMNS = (
    "Number",
    "Recommendation",
    "Who is the recommendation for",
    "How can the recommendation be achieved",
    "Next steps",
    "Evidence",
)


def _evidence(recommendation: Recommendation) -> str:
    parts = []
    for item in queries.cited_evidence(recommendation):
        citation = item.citation
        text = f"{citation.label}: {citation.value} ({citation.source})"
        if item.movement.moved or item.movement.gone:
            text += f"; {item.movement.describe()}"
        parts.append(text)
    return "; ".join(parts) or "None cited"


def recommendations_section(assessment: Assessment) -> Section:
    groups = [g for g in queries.by_category(assessment) if g.items]
    if not groups:
        return Section(
            heading=HEADING,
            key=SECTION_KEY,
            blocks=(
                Callout(
                    "No recommendations have been written yet.",
                    title="Not ready yet",
                    tone="warning",
                ),
                Paragraph(
                    "Write them on the recommendations page, or import the register "
                    "from a CSV or Excel file; each cites the findings it rests on."
                ),
            ),
        )
    total = sum(len(g.items) for g in groups)
    examples = any(item.example for g in groups for item in g.items)
    blocks: list[Callout | Paragraph] = [
        Paragraph(
            f"{total} recommendation{'s' if total != 1 else ''} in {len(groups)} "
            f"categor{'ies' if len(groups) != 1 else 'y'}, each with who it is for, how it "
            "can be achieved, the next steps and the evidence it cites."
        )
    ]
    if examples:
        blocks.append(
            Callout(
                "Recommendations marked as examples were written by PAIRsight to show how "
                "the register works. They are not Birmingham's own recommendations.",
                title="Examples",
            )
        )
    subsections = tuple(
        Section(
            heading=f"{group.number}. {group.heading}",
            key=f"{SECTION_KEY}-{group.number}",
            blocks=(
                Table(
                    caption=f"Recommendations: {group.heading}",
                    columns=COLUMNS,
                    rows=tuple(
                        (
                            item.number,
                            f"{item.title}{' (example)' if item.example else ''}. {item.text}",
                            item.audience,
                            item.how_achieved,
                            item.next_steps,
                            _evidence(item),
                        )
                        for item in group.items
                    ),
                ),
            ),
        )
        for group in groups
    )
    consultation, method_notes = consultation_part(assessment)
    return Section(
        heading=HEADING,
        key=SECTION_KEY,
        blocks=tuple(blocks),
        subsections=subsections + ((consultation,) if consultation is not None else ()),
        method_notes=method_notes,
        sources=(
            Source(
                "Recommendations register of this assessment",
                note="Evidence is shown as cited; a later change to a cited figure is noted.",
            ),
        ),
    )
