"""The survey pages: upload and match, findings, questionnaire, as each role sees them.

Every bad file is tried through the pages with responses already stored, and the stored
rows are compared before and after.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from html import unescape
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pairsight.assessments.models import AuditEvent
from pairsight.surveys import actions
from pairsight.surveys.demo import add_demo_surveys
from pairsight.surveys.importers.export import SYNTHETIC_COLUMN
from pairsight.surveys.models import Answer, PendingUpload, Response, StarredFinding, Survey
from pairsight.surveys.responses import SurveyResponses

from .conftest import PROFESSION_HEADER, ROLE_HEADER, column_of, import_first
from .test_actions import stored_rows

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    """A browser of its own, signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def url(name: str, survey: Any, **kwargs: Any) -> str:
    return reverse(
        f"surveys:{name}",
        kwargs={"assessment_id": survey.assessment_id, "kind": survey.kind, **kwargs},
    )


def text_of(response: Any) -> str:
    """The page's text with tags removed and spaces collapsed, as a person reads it."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def upload(
    client: Any, survey: Any, content: bytes, name: str = "responses.xlsx", **data: Any
) -> Any:
    return client.post(url("upload", survey), {"file": SimpleUploadedFile(name, content), **data})


def match_page(client: Any, survey: Any) -> Any:
    pending = PendingUpload.objects.filter(survey=survey).latest("uploaded_at")
    return client.get(url("match", survey, upload_id=pending.pk)), pending


def selects(response: Any) -> dict[str, str]:
    """The matching form's selects, as the browser would post them unchanged."""
    html = response.content.decode()
    found = {}
    for name, body in re.findall(
        r'<select[^>]*name="(column_\d+)"[^>]*>(.*?)</select>', html, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        found[name] = chosen.group(1) if chosen else ""
    return found


# The survey list and starting a survey ---------------------------------------------------


def test_the_surveys_page_shows_both_surveys_and_who_can_start_them(team: Any) -> None:
    page = signed_in(team.lead).get(reverse("surveys:list", args=[team.assessment.pk]))
    assert page.status_code == 200
    text = text_of(page)
    assert "Workforce survey" in text and "Parents' survey" in text
    assert text.count("Not started") == 2
    overview = signed_in(team.editor).get(
        reverse("surveys:survey", args=[team.assessment.pk, "parents"])
    )
    assert "Ask a lead of this assessment to start it" in text_of(overview)


def test_a_lead_starts_the_parents_survey_and_an_editor_cannot(team: Any) -> None:
    start = reverse("surveys:start", args=[team.assessment.pk, "parents"])
    assert signed_in(team.editor).post(start).status_code == 403
    assert not Survey.objects.exists()
    response = signed_in(team.lead).post(start)
    assert response.status_code == 302
    assert Survey.objects.get().kind == "parents"
    page = signed_in(team.lead).get(response["Location"])
    assert "Parents and carers survey, version 1.0" in text_of(page)


def test_an_unknown_survey_kind_is_not_found(team: Any) -> None:
    page = signed_in(team.lead).get(reverse("surveys:survey", args=[team.assessment.pk, "pets"]))
    assert page.status_code == 404


# Upload and match ------------------------------------------------------------------------


def test_a_lead_uploads_fixes_a_match_and_imports(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    def renamed(sheet: Any) -> None:
        sheet.cell(row=1, column=column_of(sheet, ROLE_HEADER)).value = "Job type"

    client = signed_in(team.lead)
    response = upload(client, workforce, forms_export(practitioners, renamed))
    assert response.status_code == 302
    page, pending = match_page(client, workforce)
    assert page.status_code == 200
    text = text_of(page)
    assert "renamed" not in text  # the file name is the one uploaded
    assert "Column I Job type" in text and "Not matched" in text
    assert "Email, Name: dropped on import" in text
    assert "Questions with no column 4. Which best describes your role?" in text
    assert "Import 89 responses" in text  # a question may be missing from an export
    chosen = selects(page)
    assert chosen["column_3"] == ""  # column I, the renamed one
    chosen["column_3"] = "role"
    saved = client.post(page.request["PATH_INFO"], {**chosen, "action": "check"})
    assert saved.status_code == 302
    page, _ = match_page(client, workforce)
    assert "Import 89 responses" in text_of(page)
    done = client.post(page.request["PATH_INFO"], {**selects(page), "action": "import"})
    assert done.status_code == 302
    assert done["Location"] == url("findings", workforce)
    assert Response.objects.filter(survey=workforce).count() == 89
    assert not PendingUpload.objects.exists()
    findings = client.get(done["Location"])
    assert "89 responses have been imported" in text_of(findings)


def test_reimporting_through_the_pages_adds_nothing(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    content = forms_export(practitioners)
    actions.import_file(actor=team.lead, survey=workforce, content=content, file_name="a.xlsx")
    before = stored_rows(workforce)
    client = signed_in(team.editor)
    upload(client, workforce, content, name="a.xlsx")
    page, _ = match_page(client, workforce)
    text = text_of(page)
    assert "89, of which 89 are already stored and will be left as they are" in text
    assert "importing it again would add nothing" in text
    client.post(page.request["PATH_INFO"], {**selects(page), "action": "import"})
    assert stored_rows(workforce) == before


def _headers_only(sheet: Any) -> None:
    sheet.delete_rows(2, sheet.max_row)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("report.pdf", lambda make, r: b"%PDF-1.5\n1 0 obj\n", "report.pdf is a PDF document"),
        ("empty.csv", lambda make, r: b"", "The file is empty"),
        (
            "headings.xlsx",
            lambda make, r: make(r, _headers_only),
            "headings.xlsx has column headings but no responses below them",
        ),
    ],
    ids=["wrong file type", "empty file", "header-only file"],
)
def test_a_file_that_is_not_an_export_is_refused_at_upload(
    name: str,
    make: Callable[..., bytes],
    message: str,
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    import_first(team, workforce, practitioners, forms_export, rows=10)
    before = stored_rows(workforce)
    response = upload(signed_in(team.editor), workforce, make(forms_export, practitioners), name)
    assert response.status_code == 200
    text = text_of(response)
    assert text.startswith("Error: Upload responses")
    assert "There is a problem" in text and message in text
    assert not PendingUpload.objects.exists()
    assert stored_rows(workforce) == before


def test_columns_that_match_no_question_are_shown_before_anything_is_stored(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    def nonsense(sheet: Any) -> None:
        for cell in sheet[1][5:]:
            cell.value = f"Field {cell.column}"

    import_first(team, workforce, practitioners, forms_export, rows=10)
    before = stored_rows(workforce)
    client = signed_in(team.editor)
    assert upload(client, workforce, forms_export(practitioners, nonsense)).status_code == 302
    page, _ = match_page(client, workforce)
    text = text_of(page)
    assert "The file cannot be imported yet" in text
    assert "None of the 13 columns in responses.xlsx matches a question" in text
    refused = client.post(page.request["PATH_INFO"], {**selects(page), "action": "import"})
    assert refused.status_code == 400
    assert "Nothing was imported" in text_of(refused)
    assert stored_rows(workforce) == before


def test_an_unknown_option_in_row_37_is_listed_with_its_row_and_column(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    def astronaut(sheet: Any) -> None:
        sheet.cell(row=37, column=column_of(sheet, ROLE_HEADER)).value = "Astronaut"

    import_first(team, workforce, practitioners, forms_export, rows=10)
    before = stored_rows(workforce)
    client = signed_in(team.editor)
    upload(client, workforce, forms_export(practitioners, astronaut))
    page, _ = match_page(client, workforce)
    text = text_of(page)
    assert "Answers that do not fit the questionnaire (1)" in text
    assert re.search(r"37 I \(Which best describes your role\?\) “Astronaut” is not one", text)
    assert "Import 79 responses" not in text
    refused = client.post(page.request["PATH_INFO"], {**selects(page), "action": "import"})
    assert refused.status_code == 400
    refused_text = text_of(refused)
    assert "Nothing was imported" in refused_text
    assert "row 37, column I" in refused_text and "Astronaut" in refused_text
    assert stored_rows(workforce) == before


def test_two_columns_matched_to_one_question_are_refused_on_the_page(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    client = signed_in(team.editor)
    upload(client, workforce, forms_export(practitioners, rows=5))
    page, pending = match_page(client, workforce)
    chosen = selects(page)
    chosen["column_3"] = chosen["column_0"]
    refused = client.post(page.request["PATH_INFO"], {**chosen, "action": "import"})
    assert refused.status_code == 400
    assert "Column I is matched to the same question as column F" in text_of(refused)
    assert not Response.objects.exists()
    pending.refresh_from_db()
    assert pending.mapping_json == ""


def test_only_a_lead_can_keep_names_and_addresses(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    content = forms_export(practitioners, rows=3)
    editor = signed_in(team.editor)
    assert "Keep names and e-mail addresses" not in text_of(editor.get(url("upload", workforce)))
    upload(editor, workforce, content, keep_personal="on")
    assert not PendingUpload.objects.get().keep_personal
    PendingUpload.objects.all().delete()
    lead = signed_in(team.lead)
    upload(lead, workforce, content, keep_personal="on")
    page, _ = match_page(lead, workforce)
    assert "Email, Name: kept , as a lead chose" in text_of(page)


def test_an_htmx_upload_is_sent_on_to_the_matching_screen(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    client = signed_in(team.editor)
    response = client.post(
        url("upload", workforce),
        {"file": SimpleUploadedFile("a.xlsx", forms_export(practitioners, rows=3))},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    pending = PendingUpload.objects.get()
    assert response["HX-Redirect"] == url("match", workforce, upload_id=pending.pk)
    bad = client.post(
        url("upload", workforce),
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")},
        headers={"HX-Request": "true"},
    )
    assert b"<html" not in bad.content  # only the form is sent back, with its error
    assert "a.pdf is a PDF document" in text_of(bad)


def test_a_viewer_cannot_upload_or_see_uploaded_files(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    pending = actions.upload_export(
        actor=team.editor,
        survey=workforce,
        file_name="a.xlsx",
        content=forms_export(practitioners, rows=3),
    )
    viewer = signed_in(team.viewer)
    assert viewer.get(url("upload", workforce)).status_code == 403
    assert upload(viewer, workforce, forms_export(practitioners)).status_code == 403
    assert viewer.get(url("match", workforce, upload_id=pending.pk)).status_code == 403
    assert PendingUpload.objects.count() == 1
    assert not Response.objects.exists()
    overview = text_of(viewer.get(url("survey", workforce)))
    assert "Upload responses" not in overview and "a.xlsx" not in overview


def test_discarding_an_upload_imports_nothing(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    pending = actions.upload_export(
        actor=team.editor,
        survey=workforce,
        file_name="a.xlsx",
        content=forms_export(practitioners, rows=3),
    )
    response = signed_in(team.editor).post(url("discard", workforce, upload_id=pending.pk))
    assert response.status_code == 302
    assert not PendingUpload.objects.exists() and not Response.objects.exists()
    assert AuditEvent.objects.filter(action="survey file discarded").exists()


# Findings ---------------------------------------------------------------------------------


@pytest.fixture
def imported(team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Any) -> Any:
    actions.import_file(
        actor=team.lead, survey=workforce, content=forms_export(practitioners), file_name="a.xlsx"
    )
    return workforce


def test_the_findings_page_has_a_chart_and_a_table_for_each_question(
    team: Any, imported: Any, practitioners: SurveyResponses
) -> None:
    page = signed_in(team.viewer).get(url("findings", imported))
    assert page.status_code == 200
    html = page.content.decode()
    text = text_of(page)
    assert "89 people answered the survey" in text
    assert "SYNTHETIC" not in text
    # Choice, scale and ranking questions have charts; each chart has its table.
    assert html.count("data-vega-spec=") == 10
    assert html.count('class="nhsuk-table app-finding-table"') == 11
    profession = practitioners.frame["profession"].value_counts()
    visitors = int(profession["Health visitor"])
    assert f"Health visitor {visitors} {100 * visitors / 89:.0f}%" in text
    # A viewer reads the findings but cannot star them.
    assert "Star question" not in text


def test_the_findings_page_follows_every_import_and_deleted_import(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Any
) -> None:
    """Each finding is rendered once per state of the survey; a change shows at once."""
    from pairsight.surveys.models import ImportBatch

    client = signed_in(team.viewer)
    first = import_first(team, workforce, practitioners, forms_export, rows=10)
    assert "10 people answered the survey" in text_of(client.get(url("findings", workforce)))
    assert "10 people answered the survey" in text_of(client.get(url("findings", workforce)))
    actions.import_file(
        actor=team.lead,
        survey=workforce,
        content=forms_export(practitioners),
        file_name="all.xlsx",
    )
    text = text_of(client.get(url("findings", workforce)))
    assert "89 people answered the survey" in text
    visitors = int(practitioners.frame["profession"].value_counts()["Health visitor"])
    assert f"Health visitor {visitors} {100 * visitors / 89:.0f}%" in text
    actions.delete_import(actor=team.lead, batch=ImportBatch.objects.get(pk=first.batch.pk))
    text = text_of(client.get(url("findings", workforce)))
    assert "79 people answered the survey" in text


def test_findings_can_be_filtered_by_a_one_answer_question(
    team: Any, imported: Any, practitioners: SurveyResponses
) -> None:
    managers = int((practitioners.frame["role"] == "Manager or supervisor").sum())
    page = signed_in(team.viewer).get(
        url("findings", imported), {"only": "role::Manager or supervisor"}
    )
    text = text_of(page)
    assert (
        f"{managers} of the 89 people who answered the survey answered “Manager or supervisor”"
        in text
    )
    assert f"Manager or supervisor {managers} 100%" in text
    wrong = signed_in(team.viewer).get(url("findings", imported), {"only": "role::Astronaut"})
    assert "Choose an answer from the list" in text_of(wrong)


def test_a_finding_is_starred_for_the_report_in_place(team: Any, imported: Any) -> None:
    client = signed_in(team.editor)
    response = client.post(
        url("star", imported),
        {"question_id": "training_received", "star": "on"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Starred for the report" in text_of(response)
    assert list(StarredFinding.objects.values_list("question_id", flat=True)) == [
        "training_received"
    ]
    plain = client.post(
        url("star", imported), {"question_id": "training_received", "only": "role::Practitioner"}
    )
    assert plain.status_code == 302
    assert plain["Location"].endswith("?only=role%3A%3APractitioner#finding-training_received")
    assert not StarredFinding.objects.exists()
    assert (
        signed_in(team.viewer)
        .post(url("star", imported), {"question_id": "role", "star": "on"})
        .status_code
        == 403
    )
    assert (
        client.post(url("star", imported), {"question_id": "nope", "star": "on"}).status_code == 404
    )


def test_findings_without_responses_say_how_to_add_them(team: Any, workforce: Any) -> None:
    text = text_of(signed_in(team.editor).get(url("findings", workforce)))
    assert "No responses have been imported yet. Upload the responses" in text


def test_synthetic_responses_are_marked_on_every_page_and_download(team: Any) -> None:
    add_demo_surveys(team.assessment, team.lead)
    client = signed_in(team.viewer)
    for kind in ("workforce", "parents"):
        survey = Survey.objects.get(kind=kind)
        for name in ("survey", "findings"):
            page = client.get(url(name, survey))
            assert "SYNTHETIC DATA" in text_of(page), (kind, name)
        findings_csv = client.get(url("findings_download", survey))
        assert findings_csv["Content-Disposition"].endswith('-synthetic-findings.csv"')
        first_line, second_line = findings_csv.content.decode().splitlines()[:2]
        assert first_line.startswith("synthetic_data,")
        assert second_line.startswith("SYNTHETIC DATA: generated by PAIRsight")
        signed_in(team.editor).post(url("responses_file_start", survey))
        workbook = client.get(url("responses_download", survey))
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
        headers = [cell.value for cell in sheet[1]]
        assert headers[-1] == SYNTHETIC_COLUMN
        assert str(sheet.cell(row=2, column=len(headers)).value).startswith("SYNTHETIC DATA")
    surveys_page = text_of(client.get(reverse("surveys:list", args=[team.assessment.pk])))
    assert surveys_page.count("Synthetic data") == 2
    exports = AuditEvent.objects.filter(kind="export", actor=team.viewer)
    assert exports.count() == 4


# Imports ----------------------------------------------------------------------------------


def test_an_editor_deletes_an_import_after_confirming(team: Any, imported: Any) -> None:
    batch = imported.imports.get()
    client = signed_in(team.editor)
    confirm = client.get(url("import_delete", imported, batch_id=batch.pk))
    assert "This deletes the 89 responses it added" in text_of(confirm)
    assert (
        signed_in(team.viewer).post(url("import_delete", imported, batch_id=batch.pk)).status_code
        == 403
    )
    assert client.post(url("import_delete", imported, batch_id=batch.pk)).status_code == 302
    assert not Response.objects.exists()


# The questionnaire ------------------------------------------------------------------------


def test_the_questionnaire_prints_and_exports_for_microsoft_forms(
    team: Any, workforce: Any
) -> None:
    client = signed_in(team.viewer)
    page = text_of(client.get(url("questionnaire", workforce)))
    assert "Practitioners and managers survey" in page and "What is your profession?" in page
    assert "Edit the questionnaire" not in page
    printed = client.get(url("questionnaire_print", workforce))
    assert printed["Content-Security-Policy"].startswith("default-src 'none'")
    assert "<h1>Practitioners and managers survey</h1>" in printed.content.decode()
    pdf = client.get(url("questionnaire_pdf", workforce))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    forms_list = client.get(url("questionnaire_forms", workforce)).content.decode()
    assert (
        '1. What is your profession? [Choice, one answer, add "Other" option, required]'
        in forms_list
    )


def test_a_lead_edits_the_questionnaire_and_sees_mistakes_at_their_line(
    team: Any, workforce: Any
) -> None:
    assert signed_in(team.editor).get(url("questionnaire_edit", workforce)).status_code == 403
    client = signed_in(team.lead)
    original = workforce.instrument_yaml
    broken = original.replace(
        "    kind: free_text\n    text: Which service",
        "    kind: freetext\n    text: Which service",
    )
    line = broken.split("\n").index("    kind: freetext") + 1
    response = client.post(url("questionnaire_edit", workforce), {"yaml_text": broken})
    assert response.status_code == 400
    text = text_of(response)
    assert f"Line {line}, question “service”: kind 'freetext' is not one of" in text
    assert f"{line} kind: freetext" in text  # the line itself, numbered, beside the message
    workforce.refresh_from_db()
    assert workforce.instrument_yaml == original
    fixed = original.replace('version: "1.0"', 'version: "1.1"')
    saved = client.post(url("questionnaire_edit", workforce), {"yaml_text": fixed})
    assert saved.status_code == 302
    workforce.refresh_from_db()
    assert workforce.instrument.version == "1.1"


def test_a_profession_column_renamed_in_the_file_keeps_its_answers(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    """A column whose heading was shortened still matches by its wording, with its score."""

    def shortened(sheet: Any) -> None:
        sheet.cell(row=1, column=column_of(sheet, PROFESSION_HEADER)).value = "Your profession"

    client = signed_in(team.editor)
    upload(client, workforce, forms_export(practitioners, shortened))
    page, _ = match_page(client, workforce)
    row = re.search(r'data-column="F">(.*?)</tr>', page.content.decode(), re.S)
    assert row is not None
    assert "Your profession" in row.group(1)
    assert re.search(r"\d+% alike", row.group(1))
    chosen = selects(page)
    assert "profession" in chosen.values()  # proposed, not left for the person to find
    done = client.post(page.request["PATH_INFO"], {**chosen, "action": "import"})
    assert done.status_code == 302
    # Every answer of the renamed column is stored under the profession question, as given.
    stored = Counter(
        Answer.objects.filter(response__survey=workforce, question_id="profession").values_list(
            "value", flat=True
        )
    )
    given = Counter(practitioners.frame["profession"].dropna().astype(str))
    assert stored == given and sum(stored.values()) > 0


def test_a_real_export_for_a_synthetic_survey_is_refused_before_import(
    team: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    add_demo_surveys(team.assessment, team.lead)
    survey = Survey.objects.get(kind="workforce")
    before = stored_rows(survey)
    client = signed_in(team.editor)
    upload(client, survey, forms_export(practitioners, rows=5), name="real.xlsx")
    page, _ = match_page(client, survey)
    text = text_of(page)
    assert "real.xlsx holds real responses, and this survey holds synthetic ones" in text
    assert "Import 5 responses" not in text
    refused = client.post(page.request["PATH_INFO"], {**selects(page), "action": "import"})
    assert refused.status_code == 400
    assert stored_rows(survey) == before
