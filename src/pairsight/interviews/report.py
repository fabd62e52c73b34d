"""The interviews' section of the assessment's report, from the stored, merged coding."""

from __future__ import annotations

from django.db.models import Count

from pairsight.assessments.models import Assessment
from pairsight.core.document import Section
from pairsight.interviews import queries
from pairsight.interviews.models import Participant, Transcript
from pairsight.interviews.section import interviews_section


def interviews_report_section(assessment: Assessment) -> Section:
    interviewed = (
        Participant.objects.filter(assessment=assessment, transcripts__isnull=False)
        .distinct()
        .values("group")
        .annotate(count=Count("id", distinct=True))
    )
    return interviews_section(
        queries.coded_excerpts(assessment),
        queries.theme_order(assessment),
        {row["group"]: row["count"] for row in interviewed},
        transcripts=Transcript.objects.filter(assessment=assessment).count(),
        agreement=queries.double_coded(assessment),
        answers=queries.coded_answers(assessment),
    )
