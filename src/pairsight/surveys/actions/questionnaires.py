"""Starting a survey and editing its questionnaire."""

from __future__ import annotations

from importlib import resources

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments.access import require
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.surveys.instruments.loader import SHIPPED_FOLDER, SHIPPED_PACKAGE
from pairsight.surveys.models import (
    Response,
    StarredFinding,
    Survey,
    SurveyKind,
    parsed_instrument,
)
from pairsight.surveys.queries import stored_responses


def _template_text(kind: SurveyKind) -> str:
    folder = resources.files(SHIPPED_PACKAGE) / SHIPPED_FOLDER
    return (folder / f"{kind.template}.yaml").read_text(encoding="utf-8")


@transaction.atomic
def start_survey(*, actor: User | None, assessment: Assessment, kind: str) -> Survey:
    """The assessment's survey of this kind, with a copy of the shipped questionnaire."""
    survey_kind = SurveyKind(kind)
    require(actor, assessment, Role.LEAD)
    if Survey.objects.filter(assessment=assessment, kind=survey_kind).exists():
        raise ValidationError(f"The {survey_kind.label.lower()} has already been started")
    survey = Survey.objects.create(
        assessment=assessment,
        kind=survey_kind,
        instrument_yaml=_template_text(survey_kind),
        created_by=actor,
    )
    instrument = survey.instrument
    record_change(
        actor=actor,
        assessment=assessment,
        action="survey started",
        object_type="survey",
        object_id=survey.pk,
        summary=f"Started the {survey_kind.label.lower()} from the template "
        f"{instrument.title}, version {instrument.version}",
        after={"kind": survey.kind, "instrument": instrument.id, "version": instrument.version},
    )
    return survey


@transaction.atomic
def edit_instrument(*, actor: User, survey: Survey, yaml_text: str) -> Survey:
    """Save an edited questionnaire.

    Raises InstrumentError (each problem at its line) when the YAML is not a questionnaire,
    and ValidationError when responses already stored would no longer fit it.
    """
    require(actor, survey.assessment, Role.LEAD)
    text = yaml_text.replace("\r\n", "\n")
    instrument = parsed_instrument(text)
    if Response.objects.filter(survey=survey).exists():
        try:
            stored_responses(survey, instrument)
        except ValueError as error:
            raise ValidationError(
                {
                    "yaml_text": "The stored responses would no longer fit the questionnaire "
                    f"({error}). Keep the questions and options they answer, or delete "
                    "those imports first."
                }
            ) from None
    before = survey.instrument
    if text == survey.instrument_yaml:
        return survey
    dropped = list(
        StarredFinding.objects.filter(survey=survey)
        .exclude(question_id__in=[q.id for q in instrument.questions])
        .values_list("question_id", flat=True)
    )
    StarredFinding.objects.filter(survey=survey, question_id__in=dropped).delete()
    previous_text = survey.instrument_yaml
    survey.instrument_yaml = text
    survey.save(update_fields=["instrument_yaml", "updated_at"])
    survey.__dict__.pop("instrument", None)  # parsed again from the new text when next read
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="questionnaire edited",
        object_type="survey",
        object_id=survey.pk,
        summary=f"Edited the questionnaire of the {survey.get_kind_display().lower()} "
        f"(now version {instrument.version})",
        before={"version": before.version, "yaml": previous_text},
        after={"version": instrument.version, "yaml": text, "unstarred": dropped},
    )
    return survey
