"""What the team sets for its report: the disclosure rule and the narrative text."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.access import require
from pairsight.assessments.audit import Actor, record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.reports import queries
from pairsight.reports.actions.builds import _user
from pairsight.reports.models import Disclosure, Narrative, ReportSettings
from pairsight.reports.narrative import cited_values, unknown_keys


@transaction.atomic
def set_disclosure(
    *, actor: Actor, assessment: Assessment, disclosure: Disclosure | str
) -> ReportSettings:
    """Choose the small-number rule the assessment's report applies to counts of people."""
    require(actor, assessment, Role.EDITOR)
    chosen = Disclosure(disclosure)
    report_settings, _ = ReportSettings.objects.select_for_update().get_or_create(
        assessment=assessment
    )
    before = report_settings.disclosure
    if before == chosen:
        return report_settings
    report_settings.disclosure = chosen
    report_settings.save(update_fields=["disclosure", "updated_at"])
    record_change(
        actor=actor,
        assessment=assessment,
        action="report disclosure changed",
        object_type="report settings",
        object_id=report_settings.pk,
        summary=f"Changed the report's small-number rule to: {chosen.label}",
        before={"disclosure": before},
        after={"disclosure": chosen.value},
    )
    return report_settings


MAX_NARRATIVE = 20_000


@transaction.atomic
def save_narrative(*, actor: Actor, assessment: Assessment, part: str, text: str) -> Narrative:
    """Save one part of the report's narrative, with the values of the figures it cites now
    (so the editor can say when one has moved since)."""
    access.require(actor, assessment, Role.EDITOR)
    known = {p.part for p in queries.narrative_parts(assessment)}
    if part not in known:
        raise ValidationError({"part": f"The report has no part called {part!r} to write."})
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_NARRATIVE:
        raise ValidationError(
            {"text": f"The text must be {MAX_NARRATIVE:,} characters or fewer ({len(text):,})"}
        )
    figures = queries.report_figures(assessment)
    unknown = unknown_keys(text, figures)
    if unknown:
        listed = ", ".join(sorted({k for k in figures}))
        raise ValidationError(
            {
                "text": f"{{{{ figure:{unknown[0]} }}}} is not a figure of this report. "
                f"The figures you can use are: {listed or 'none yet'}"
            }
        )
    narrative = (
        Narrative.objects.select_for_update().filter(assessment=assessment, part=part).first()
    )
    before = {"text": narrative.text, "example": narrative.is_example} if narrative else None
    if narrative is None:
        narrative = Narrative(assessment=assessment, part=part)
    narrative.text = text
    narrative.cited = cited_values(text, figures)
    narrative.is_example = False
    narrative.updated_by = _user(actor)
    narrative.save()
    record_change(
        actor=actor,
        assessment=assessment,
        action="report text saved",
        object_type="report text",
        object_id=part,
        summary=f"Saved the report's {part.replace('-', ' ')} text",
        before=before,
        after={"text": text, "cited": narrative.cited},
    )
    return narrative
