"""The surveys' sections of the assessment's report: workforce, and parents' views.

Each comes from the survey's stored responses and its starred findings (the key findings
when none is starred). Without a survey or responses, the section says so and how to fix it.
"""

from __future__ import annotations

from dataclasses import replace

from pairsight.assessments.models import Assessment
from pairsight.core.document import Callout, Paragraph, Section
from pairsight.surveys import queries
from pairsight.surveys.models import SurveyKind
from pairsight.surveys.representativeness.queries import report_part
from pairsight.surveys.section import SectionText, survey_section

TEXTS = {
    SurveyKind.WORKFORCE: SectionText(
        "Workforce: survey of practitioners and managers",
        "workforce-survey",
        "practitioners and managers",
    ),
    SurveyKind.PARENTS: SectionText(
        "Parents' views: survey of parents and carers",
        "parents-survey",
        "parents and carers",
    ),
}


def workforce_section(assessment: Assessment) -> Section:
    return _section(assessment, SurveyKind.WORKFORCE)


def parents_section(assessment: Assessment) -> Section:
    return _section(assessment, SurveyKind.PARENTS)


def _section(assessment: Assessment, kind: SurveyKind) -> Section:
    text = TEXTS[kind]
    survey = queries.survey_of(assessment, kind)
    if survey is None:
        return _placeholder(
            text,
            f"The {kind.label.lower()} has not been started.",
            "A lead can start it from the assessment's surveys page; once responses are "
            "imported, this section shows the findings the team stars.",
        )
    if not queries.response_count(survey):
        return _placeholder(
            text,
            f"No responses have been imported into the {kind.label.lower()} yet.",
            "Import the survey tool's export on the survey's page; this section then shows "
            "the findings the team stars, or the key findings until then.",
        )
    try:
        responses = queries.stored_responses(survey)
    except ValueError as error:
        return _placeholder(
            text,
            f"The stored responses no longer fit the questionnaire ({error}).",
            "Restore the questions or options they answer, or delete and re-import the files.",
        )
    files = ", ".join(batch.file_name for batch in queries.imports(survey))
    section = survey_section(
        responses,
        text,
        starred=queries.starred_ids(survey),
        origin=("imported from " + files) if files else "",
    )
    who_answered = report_part(survey, responses, key=text.key)
    if who_answered is None:
        return section
    return replace(section, subsections=(who_answered, *section.subsections))


def _placeholder(text: SectionText, problem: str, remedy: str) -> Section:
    return Section(
        heading=text.heading,
        key=text.key,
        blocks=(Callout(problem, title="Not ready yet", tone="warning"), Paragraph(remedy)),
    )
