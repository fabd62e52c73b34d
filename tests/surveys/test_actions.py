"""Writes to the surveys: each all-or-nothing, each in the audit trail.

Bad files are tried against a survey that already holds responses, and the stored rows are
compared before and after: a failed import must leave them exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pairsight.assessments.models import AuditEvent, Progress, WorkstreamStatus
from pairsight.surveys import actions, queries
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.mapping import Target
from pairsight.surveys.instruments import InstrumentError
from pairsight.surveys.models import Answer, ImportBatch, Response, StarredFinding
from pairsight.surveys.responses import SurveyResponses

from .conftest import PROFESSION_HEADER, ROLE_HEADER, column_of, import_first

pytestmark = pytest.mark.django_db


def stored_rows(survey: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """Every stored response, answer and import of the survey, in a comparable form."""
    responses = sorted(
        Response.objects.filter(survey=survey).values_list("pk", "key", "source_row", "personal")
    )
    answers = sorted(
        (key, column, repr(value))
        for key, column, value in Answer.objects.filter(response__survey=survey).values_list(
            "response__key", "column", "value"
        )
    )
    batches = sorted(ImportBatch.objects.filter(survey=survey).values_list("pk", "added"))
    return responses, answers, batches


def same_frames(stored: SurveyResponses, expected: SurveyResponses) -> None:
    """The stored responses read back to exactly the answers that were exported."""
    ours = stored.frame.copy()
    theirs = expected.frame.copy()
    ours.index = [str(k).rsplit(":", 1)[-1] for k in ours.index]
    theirs.index = [str(n) for n in range(1, len(theirs) + 1)]
    pd.testing.assert_frame_equal(ours.sort_index(), theirs.sort_index(), check_names=False)


# Starting and editing the questionnaire ----------------------------------------------


def test_a_lead_starts_a_survey_from_the_shipped_questionnaire(team: Any) -> None:
    survey = actions.start_survey(actor=team.lead, assessment=team.assessment, kind="parents")
    assert survey.instrument.id == "parents"
    # The copy is the template's own text, with its notes to the editor.
    assert survey.instrument_yaml.startswith("# Parents and carers survey")
    event = AuditEvent.objects.get(action="survey started")
    assert event.after == {"kind": "parents", "instrument": "parents", "version": "1.0"}
    with pytest.raises(ValidationError, match="already been started"):
        actions.start_survey(actor=team.lead, assessment=team.assessment, kind="parents")


def test_only_a_lead_starts_a_survey(team: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.start_survey(actor=team.editor, assessment=team.assessment, kind="workforce")
    assert not queries.survey_of(team.assessment, queries.survey_kind("workforce"))


def test_an_edited_questionnaire_is_saved_and_audited(team: Any, workforce: Any) -> None:
    text = workforce.instrument_yaml.replace('version: "1.0"', 'version: "1.1"').replace(
        "      - Midwife\n", "      - Midwife\n      - Doula\n"
    )
    actions.edit_instrument(actor=team.lead, survey=workforce, yaml_text=text)
    workforce.refresh_from_db()
    assert workforce.instrument.version == "1.1"
    assert "Doula" in workforce.instrument.question("profession").labels
    event = AuditEvent.objects.get(action="questionnaire edited")
    assert (event.before["version"], event.after["version"]) == ("1.0", "1.1")


def test_a_broken_questionnaire_is_refused_at_its_line(team: Any, workforce: Any) -> None:
    before = workforce.instrument_yaml
    lines = before.split("\n")
    number = next(i for i, line in enumerate(lines, 1) if "kind: scale" in line)
    lines[number - 1] = lines[number - 1].replace("scale", "slider")
    with pytest.raises(InstrumentError) as caught:
        actions.edit_instrument(actor=team.lead, survey=workforce, yaml_text="\n".join(lines))
    problem = caught.value.problems[0]
    assert problem.line == number
    assert problem.question_id == "infant_communication"
    assert "'slider' is not one of" in problem.message
    workforce.refresh_from_db()
    assert workforce.instrument_yaml == before
    assert not AuditEvent.objects.filter(action="questionnaire edited").exists()


def test_an_edit_that_stored_answers_would_not_fit_is_refused(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    actions.import_file(
        actor=team.editor, survey=workforce, content=forms_export(practitioners), file_name="a.xlsx"
    )
    before = stored_rows(workforce)
    text = workforce.instrument_yaml.replace("      - Health visitor\n", "")
    with pytest.raises(ValidationError, match="no longer fit"):
        actions.edit_instrument(actor=team.lead, survey=workforce, yaml_text=text)
    workforce.refresh_from_db()
    assert "Health visitor" in workforce.instrument.question("profession").labels
    assert stored_rows(workforce) == before


def test_only_a_lead_edits_the_questionnaire(team: Any, workforce: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.edit_instrument(
            actor=team.editor, survey=workforce, yaml_text=workforce.instrument_yaml
        )


# Importing ------------------------------------------------------------------------------


def test_an_import_stores_exactly_the_answers_in_the_file(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    outcome = actions.import_file(
        actor=team.editor,
        survey=workforce,
        content=forms_export(practitioners),
        file_name="practitioners.xlsx",
    )
    assert (outcome.rows_in_file, outcome.added, outcome.already_stored) == (89, 89, 0)
    batch = outcome.batch
    assert batch is not None
    assert (batch.file_name, batch.export_format) == ("practitioners.xlsx", "Microsoft Forms")
    assert not batch.personal_kept and not batch.synthetic
    same_frames(queries.stored_responses(workforce), practitioners)
    # Spreadsheet rows as Excel numbers them: the header is row 1.
    rows = sorted(Response.objects.filter(survey=workforce).values_list("source_row", flat=True))
    assert rows == list(range(2, 91))
    assert not Response.objects.filter(survey=workforce, personal__isnull=False).exists()
    event = AuditEvent.objects.get(action="responses imported")
    assert event.after["added"] == 89 and event.after["file"] == "practitioners.xlsx"
    status = WorkstreamStatus.objects.get(assessment=team.assessment, workstream="workforce")
    assert status.headline_value == "89"
    assert status.progress == Progress.IN_PROGRESS
    # The matches used are kept for the next upload of this survey.
    assert queries.survey_of(team.assessment, workforce.survey_kind).mapping_json


def test_importing_the_same_file_again_adds_nothing(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    content = forms_export(practitioners)
    actions.import_file(actor=team.editor, survey=workforce, content=content, file_name="a.xlsx")
    before = stored_rows(workforce)
    again = actions.import_file(
        actor=team.editor, survey=workforce, content=content, file_name="a.xlsx"
    )
    assert (again.batch, again.added, again.already_stored) == (None, 0, 89)
    assert stored_rows(workforce) == before
    assert AuditEvent.objects.filter(action="responses imported").count() == 1


def test_a_longer_export_adds_only_the_new_responses(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    import_first(team, workforce, practitioners, forms_export, rows=50)
    outcome = actions.import_file(
        actor=team.editor,
        survey=workforce,
        content=forms_export(practitioners),
        file_name="all.xlsx",
    )
    assert (outcome.added, outcome.already_stored) == (39, 50)
    assert Response.objects.filter(survey=workforce).count() == 89
    same_frames(queries.stored_responses(workforce), practitioners)


def _unknown_option_in_row_37(sheet: Any) -> None:
    sheet.cell(row=37, column=column_of(sheet, ROLE_HEADER)).value = "Astronaut"


def _columns_match_nothing(sheet: Any) -> None:
    for cell in sheet[1][5:]:
        cell.value = f"Field {cell.column}"


def _headers_only(sheet: Any) -> None:
    sheet.delete_rows(2, sheet.max_row)


BAD_FILES: dict[str, tuple[Callable[[Callable[..., bytes], SurveyResponses], bytes], str]] = {
    "wrong file type": (
        lambda make, responses: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n",
        r"bad\.xlsx is a PDF document, not a survey export",
    ),
    "empty file": (lambda make, responses: b"", r"bad\.xlsx is empty"),
    "headers only": (
        lambda make, responses: make(responses, _headers_only),
        r"bad\.xlsx has column headings but no responses below them",
    ),
    "columns that match no question": (
        lambda make, responses: make(responses, _columns_match_nothing),
        r"None of the \d+ columns in bad\.xlsx matches a question",
    ),
    "unknown option in row 37": (
        lambda make, responses: make(responses, _unknown_option_in_row_37),
        r"row 37, column I \(“Which best describes your role\?”\): “Astronaut” is not one "
        r"of the options for question 4",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_says_what_and_where_and_changes_nothing(
    case: str,
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    import_first(team, workforce, practitioners, forms_export, rows=20)
    before = stored_rows(workforce)
    events = AuditEvent.objects.count()
    build, message = BAD_FILES[case]
    with pytest.raises(SurveyImportError, match=message):
        actions.import_file(
            actor=team.editor,
            survey=workforce,
            content=build(forms_export, practitioners),
            file_name="bad.xlsx",
        )
    assert stored_rows(workforce) == before
    assert AuditEvent.objects.count() == events


def test_names_and_addresses_are_kept_only_when_a_lead_asks(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    content = forms_export(practitioners, rows=5)
    with pytest.raises(PermissionDenied):
        actions.import_file(
            actor=team.editor,
            survey=workforce,
            content=content,
            file_name="a.xlsx",
            keep_personal=True,
        )
    assert not Response.objects.filter(survey=workforce).exists()
    outcome = actions.import_file(
        actor=team.lead, survey=workforce, content=content, file_name="a.xlsx", keep_personal=True
    )
    assert outcome.batch is not None and outcome.batch.personal_kept
    kept = Response.objects.filter(survey=workforce).values_list("personal", flat=True)
    assert all(person == {"Email": "anonymous"} for person in kept)


def test_synthetic_and_real_responses_are_never_mixed(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    synthetic_practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    actions.import_file(
        actor=team.editor,
        survey=workforce,
        content=forms_export(practitioners, rows=10),
        file_name="real.xlsx",
    )
    before = stored_rows(workforce)
    fake = replace(synthetic_practitioners, frame=synthetic_practitioners.frame.iloc[20:30])
    with pytest.raises(SurveyImportError, match="holds synthetic responses, and this survey"):
        actions.import_file(
            actor=team.editor,
            survey=workforce,
            content=forms_export(fake),
            file_name="synthetic.xlsx",
        )
    assert stored_rows(workforce) == before
    workforce.refresh_from_db()
    assert not workforce.synthetic


def test_a_synthetic_export_makes_the_survey_synthetic_until_it_is_deleted(
    team: Any,
    workforce: Any,
    synthetic_practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    outcome = actions.import_file(
        actor=team.editor,
        survey=workforce,
        content=forms_export(synthetic_practitioners),
        file_name="demo.xlsx",
    )
    workforce.refresh_from_db()
    assert workforce.synthetic and "SYNTHETIC" in workforce.marking
    assert queries.stored_responses(workforce).synthetic
    status = WorkstreamStatus.objects.get(assessment=team.assessment, workstream="workforce")
    assert "Synthetic" in status.headline_detail
    assert outcome.batch is not None
    actions.delete_import(actor=team.editor, batch=outcome.batch)
    workforce.refresh_from_db()
    assert not workforce.synthetic and not workforce.marking
    assert not Response.objects.filter(survey=workforce).exists()
    assert not Answer.objects.filter(response__survey=workforce).exists()
    status.refresh_from_db()
    assert status.headline_value == ""
    event = AuditEvent.objects.get(action="import deleted")
    assert event.before["added"] == 89


def test_deleting_an_import_keeps_the_others(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    first = import_first(team, workforce, practitioners, forms_export, rows=30)
    actions.import_file(
        actor=team.editor,
        survey=workforce,
        content=forms_export(practitioners),
        file_name="all.xlsx",
    )
    assert first.batch is not None
    actions.delete_import(actor=team.editor, batch=first.batch)
    assert Response.objects.filter(survey=workforce).count() == 59
    status = WorkstreamStatus.objects.get(assessment=team.assessment, workstream="workforce")
    assert status.headline_value == "59"


# Uploads and matches --------------------------------------------------------------------


def test_an_upload_is_kept_for_matching_and_its_matches_for_the_next_file(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    def renamed(sheet: Any) -> None:
        sheet.cell(row=1, column=column_of(sheet, PROFESSION_HEADER)).value = "Job"

    upload = actions.upload_export(
        actor=team.editor,
        survey=workforce,
        file_name="renamed.xlsx",
        content=forms_export(practitioners, renamed),
    )
    export = queries.read_upload(upload)
    proposal = queries.proposed_mapping(upload, export)
    assert proposal.match("Job").target is None
    choices = {m.header: m.target for m in proposal.matches}
    choices["Job"] = Target("profession")
    actions.save_mapping(actor=team.editor, upload=upload, mapping=proposal, choices=choices)
    outcome = actions.import_upload(actor=team.editor, upload=upload)
    assert outcome.added == 89
    same_frames(queries.stored_responses(workforce), practitioners)
    assert not type(upload).objects.filter(pk=upload.pk).exists()
    # The next upload of the same layout proposes the confirmed match straight away.
    second = actions.upload_export(
        actor=team.editor,
        survey=workforce,
        file_name="again.xlsx",
        content=forms_export(practitioners, renamed),
    )
    again = queries.proposed_mapping(second, queries.read_upload(second))
    assert again.match("Job").target == Target("profession")
    assert again.match("Job").confirmed


def test_two_columns_cannot_answer_one_question(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    upload = actions.upload_export(
        actor=team.editor,
        survey=workforce,
        file_name="a.xlsx",
        content=forms_export(practitioners, rows=5),
    )
    proposal = queries.proposed_mapping(upload, queries.read_upload(upload))
    choices = {m.header: m.target for m in proposal.matches}
    role_header = next(h for h, t in choices.items() if t == Target("role"))
    choices[role_header] = Target("profession")
    with pytest.raises(ValidationError, match="more than one column"):
        actions.save_mapping(actor=team.editor, upload=upload, mapping=proposal, choices=choices)
    upload.refresh_from_db()
    assert upload.mapping_json == ""


def test_an_upload_that_is_not_an_export_is_not_kept(team: Any, workforce: Any) -> None:
    with pytest.raises(SurveyImportError, match="is a PDF document"):
        actions.upload_export(
            actor=team.editor, survey=workforce, file_name="report.pdf", content=b"%PDF-1.4 x"
        )
    assert not workforce.uploads.exists()


# Starring findings ----------------------------------------------------------------------


def test_starring_and_unstarring_a_finding_is_audited(team: Any, workforce: Any) -> None:
    actions.star_finding(actor=team.editor, survey=workforce, question_id="training_received")
    actions.star_finding(actor=team.editor, survey=workforce, question_id="training_received")
    assert queries.starred_ids(workforce) == ["training_received"]
    actions.unstar_finding(actor=team.editor, survey=workforce, question_id="training_received")
    assert not StarredFinding.objects.exists()
    actions_seen = list(
        AuditEvent.objects.filter(object_type="survey finding").values_list("action", flat=True)
    )
    assert sorted(actions_seen) == ["finding starred", "finding unstarred"]
    with pytest.raises(ValidationError, match="no question 'shoe_size'"):
        actions.star_finding(actor=team.editor, survey=workforce, question_id="shoe_size")
