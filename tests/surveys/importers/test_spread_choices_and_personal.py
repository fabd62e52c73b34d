"""Two general rules, each from the tool's own signature (synthetic files written here):
a one-answer question that SurveyMonkey spread over option columns is read as one answer,
and every tool's columns about who answered (name, e-mail, phone, address, postcode, IP,
location, referrer, access code) are personal, never analysed."""

from __future__ import annotations

import pytest

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.export import ExportFormat
from pairsight.surveys.importers.mapping import propose_mapping
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.instruments.model import Instrument

from .synthetic_files import csv_bytes, inferred


def _monkey(question: str, options: list[str], rows: list[list[str]]) -> bytes:
    """An older SurveyMonkey export: RespondentID, then one column per option."""
    head = ",".join(["RespondentID", question] + [""] * (len(options) - 1))
    second = ",".join([""] + options)
    body = [",".join([str(100 + n)] + row) for n, row in enumerate(rows)]
    return csv_bytes(head, second, *body)


AGES = ["Under 3 months", "3 to 6 months", "Over 6 months"]


def _baby_age() -> Instrument:
    """A questionnaire that asks the baby's age as a one-answer question."""
    question = {"id": "age", "kind": "single_choice", "text": "How old is your baby?"}
    return Instrument.model_validate(
        {"id": "baby", "version": "1", "title": "Baby's age",
         "questions": [{**question, "options": AGES}]}
    )  # fmt: skip


def test_spread_question_that_says_choose_one_is_single_choice_with_its_counts() -> None:
    rows = [
        ["Under 3 months", "", ""],
        ["", "3 to 6 months", ""],
        ["", "3 to 6 months", ""],
        ["", "", ""],  # skipped the question
        ["", "", "Over 6 months"],
    ]
    export, instrument, result = inferred(_monkey("How old is your baby? (select one)", AGES, rows))
    assert export.format is ExportFormat.SURVEYMONKEY
    (question,) = instrument.questions
    assert question.kind == "single_choice"
    assert [o.label for o in question.options] == AGES
    answers = result.survey.frame[question.id]
    # By hand: 1, 2 and 1 answers; one person skipped it.
    assert answers.value_counts().to_dict() == {
        "3 to 6 months": 2,
        "Under 3 months": 1,
        "Over 6 months": 1,
    }
    assert int(answers.isna().sum()) == 1
    assert result.ok


def test_spread_question_that_ten_people_answered_once_each_is_single_choice() -> None:
    ages = ["Under 3 months"] * 3 + ["Over 6 months"] * 7
    rows = [[a if a == option else "" for option in AGES] for a in ages]
    _, instrument, result = inferred(_monkey("How old is your baby?", AGES, rows))
    (question,) = instrument.questions
    assert question.kind == "single_choice"
    assert result.survey.frame[question.id].tolist() == ages


def test_a_few_people_answering_once_each_is_not_enough_to_say_one_answer() -> None:
    rows = [["Under 3 months", "", ""], ["", "", "Over 6 months"], ["", "", "Over 6 months"]]
    _, instrument, _ = inferred(_monkey("How old is your baby?", AGES, rows))
    assert instrument.questions[0].kind == "multiple_choice"


def test_spread_question_with_two_ticks_in_a_row_stays_multiple_choice() -> None:
    rows = [["Under 3 months", "3 to 6 months", ""], ["", "", "Over 6 months"]]
    _, instrument, _ = inferred(_monkey("Which ages? (select one)", AGES, rows))
    assert instrument.questions[0].kind == "multiple_choice"


def test_spread_question_with_blanks_and_no_wording_stays_multiple_choice() -> None:
    # Nobody ticked two, but some ticked none and the question does not say "one":
    # a tick-all-that-apply question answered sparsely looks just like this.
    rows = [["Under 3 months", "", ""], ["", "", ""], ["", "3 to 6 months", ""]]
    _, instrument, _ = inferred(_monkey("Which services do you use?", AGES, rows))
    assert instrument.questions[0].kind == "multiple_choice"


def test_other_tools_option_columns_are_never_made_single_choice() -> None:
    # REDCap writes a checkbox question one column per option: its type is "tick all".
    content = csv_bytes(
        "record_id,services___1,services___2,services___3",
        "1,1,0,0",
        "2,0,1,0",
        "3,0,0,1",
    )
    export, instrument, _ = inferred(content)
    assert export.format is ExportFormat.REDCAP
    assert instrument.questions[0].kind == "multiple_choice"


def test_spread_columns_map_onto_a_questionnaires_single_choice_question() -> None:
    questionnaire = _baby_age()
    rows = [["", "3 to 6 months", ""], ["Under 3 months", "", ""], ["", "", "Over 6 months"]]
    export = read_export(_monkey("How old is your baby?", AGES, rows), "synthetic.csv")
    mapping = propose_mapping(export, questionnaire)
    assert {t.question_id for t in mapping.matched.values()} == {"age"}
    result = import_responses(export, questionnaire, mapping=mapping)
    assert result.survey.frame["age"].tolist() == [
        "3 to 6 months",
        "Under 3 months",
        "Over 6 months",
    ]


def test_two_options_in_a_one_answer_question_are_reported_with_row_and_column() -> None:
    questionnaire = _baby_age()
    rows = [["Under 3 months", "3 to 6 months", ""], ["", "", "Over 6 months"]]
    export = read_export(_monkey("How old is your baby?", AGES, rows), "synthetic.csv")
    result = import_responses(
        export, questionnaire, mapping=propose_mapping(export, questionnaire), strict=False
    )
    (problem,) = result.problems
    assert (problem.row, problem.column) == (3, "C")  # spreadsheet row 3, column C
    assert "Two options" in problem.message


PERSONAL = [
    # (file, heading that must be personal)
    (
        '"Response ID","Date submitted","Last page","Start language","IP address",'
        '"Referrer URL","Access code","Email address","attribute_1","Age"\r\n'
        '"1","2022-01-01","2","en","10.0.0.1","https://x.example","tok","a@b.example",'
        '"Ward 7","30"',
        ["IP address", "Referrer URL", "Access code", "Email address", "attribute_1"],
    ),
    (
        "id,submitdate,lastpage,startlanguage,ipaddr,refurl,token,Age\r\n"
        "1,2022-01-01,2,en,10.0.0.1,https://x.example,tok,30",
        ["ipaddr", "refurl", "token"],
    ),
    (
        "Timestamp,Your name,Email address:,What is your postcode?,Phone number,Latitude,"
        "Longitude,Home address,How many visits?\r\n"
        "2022-01-01,A Person,a@b.example,B1 1AA,0121 000 0000,52.4,-1.9,1 Road,3",
        [
            "Your name",
            "Email address:",
            "What is your postcode?",
            "Phone number",
            "Latitude",
            "Longitude",
            "Home address",
        ],
    ),
]


@pytest.mark.parametrize("content, personal", PERSONAL, ids=["lime_text", "lime_codes", "plain"])
def test_columns_about_who_answered_are_personal_in_every_tool(
    content: str, personal: list[str]
) -> None:
    export = read_export((content + "\r\n").encode(), "synthetic.csv")
    assert {c.header for c in export.columns if c.role == "personal"} == set(personal)
    assert all(c.header.startswith(("Age", "How many")) for c in export.answer_columns)


def test_questions_that_only_mention_a_name_or_an_email_stay_questions() -> None:
    export = read_export(
        csv_bytes(
            "Timestamp,Did you get our email reminders?,Name of your baby's health visitor known?",
            "2022-01-01,Yes,No",
        ),
        "synthetic.csv",
    )
    assert len(export.answer_columns) == 2


def test_the_lines_of_a_contact_details_question_are_personal() -> None:
    # SurveyMonkey's "Contact information" question: one column per line, named in row 2.
    export = read_export(
        csv_bytes(
            "Respondent ID,Collector ID,Your contact details,,,,How many visits?",
            ",,Name,Email Address,ZIP/Postal Code,Phone Number,Response",
            "1,7,A Person,a@b.example,B1 1AA,0121 000 0000,3",
            "2,7,B Person,b@b.example,B2 2BB,0121 000 0001,4",
        ),
        "synthetic.csv",
    )
    assert export.format is ExportFormat.SURVEYMONKEY
    assert [c.header for c in export.answer_columns] == ["How many visits?"]
    lime = read_export(
        csv_bytes(
            '"Response ID","Date submitted","Last page","Start language",'
            '"Contact [Name]","Contact [Email]","Contact [Postcode]","Visits"',
            '"1","2022-01-01","2","en","A Person","a@b.example","B1 1AA","3"',
        ),
        "synthetic.csv",
    )
    assert [c.header for c in lime.answer_columns] == ["Visits"]
