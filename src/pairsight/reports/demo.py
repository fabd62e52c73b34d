"""The demonstration assessment's example narrative (executive summary and key messages)."""

from __future__ import annotations

from django.db import transaction

from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment
from pairsight.reports.birmingham import demo_narrative
from pairsight.reports.models import Narrative
from pairsight.reports.narrative import cited_values
from pairsight.reports.queries import report_figures


@transaction.atomic
def add_demo_narrative(assessment: Assessment) -> None:
    """Add the example texts where the demo has none (a team's own text is never replaced)."""
    figures = report_figures(assessment)
    for part, written in demo_narrative().items():
        if Narrative.objects.filter(assessment=assessment, part=part).exists():
            continue
        Narrative.objects.create(
            assessment=assessment,
            part=part,
            text=written.text,
            cited=cited_values(written.text, figures),
            is_example=True,
        )
        record_change(
            actor=None,
            assessment=assessment,
            action="report text saved",
            object_type="report text",
            object_id=part,
            summary=f"Added the example {part.replace('-', ' ')} of the demonstration",
            after={"text": written.text, "example": True},
        )
