"""The layouts that were misread, written as the tools write them: each read with its tool
named, the right number of respondents, and the tool's own columns left out."""

from __future__ import annotations

from pairsight.surveys.importers.export import ExportFormat

from .synthetic_files import csv_bytes, inferred

SURVEYMONKEY_OLD = csv_bytes(
    "RespondentID,CollectorID,StartDate,EndDate,IP Address,Email Address,First Name,LastName,"
    "Custom Data,Which services do you use?,,,How old is your baby?",
    ",,,,,,,,,Health visiting,Children's centre,GP,Response",
    "101,7,2016-01-04,2016-01-04,1.2.3.4,,,,,Health visiting,,GP,3 months",
    "102,7,2016-01-05,2016-01-05,1.2.3.5,,,,,,Children's centre,,6 months",
    "103,7,2016-01-06,2016-01-06,1.2.3.6,,,,,Health visiting,Children's centre,,3 months",
)


def test_surveymonkey_respondentid_second_row_and_multiple_choice_rebuilt() -> None:
    export, instrument, result = inferred(SURVEYMONKEY_OLD)
    assert export.format is ExportFormat.SURVEYMONKEY
    assert len(export.body) == 3  # three respondents; the second header row is not one
    question = instrument.questions[0]
    assert question.kind == "multiple_choice"
    assert [o.label for o in question.options] == ["Health visiting", "Children's centre", "GP"]
    ages = instrument.questions[1]
    assert ages.kind == "single_choice"
    # "Response" is a header, never an answer.
    assert "Response" not in {o.label for o in ages.options}
    assert len(instrument.questions) == 2


def test_surveymonkey_without_an_id_column() -> None:
    content = csv_bytes(
        "Which services do you use?,,How old is your baby?,Anything else?",
        "Health visiting,GP,Response,Open-Ended Response",
        "Health visiting,,3 months,More groups",
        ",GP,6 months,",
    )
    export, instrument, result = inferred(content)
    assert export.format is ExportFormat.SURVEYMONKEY
    assert len(export.body) == 2
    assert [q.kind for q in instrument.questions][:2] == ["multiple_choice", "single_choice"]


def test_kobo_select_multiple_and_kobo_own_columns() -> None:
    content = csv_bytes(
        "start,end,transport,transport/ambulance,transport/bicycle,transport/car,"
        "_location_latitude,_location_longitude,instanceID,_id,_uuid,_submission_time,"
        "_index,_parent_index,_tags,_notes",
        "2020-01-01,2020-01-01,ambulance bicycle,1,1,0,52.4,-1.9,uuid:a,1,a,2020-01-01,1,-1,,",
        "2020-01-02,2020-01-02,car,0,0,1,52.4,-1.9,uuid:b,2,b,2020-01-02,2,-1,,",
        "2020-01-03,2020-01-03,bicycle car,0,1,1,52.4,-1.9,uuid:c,3,c,2020-01-03,3,-1,,",
    )
    export, instrument, result = inferred(content)
    assert export.format is ExportFormat.KOBO
    assert [c.header for c in export.answer_columns] == ["transport"]
    (question,) = instrument.questions
    assert question.kind == "multiple_choice"
    assert {o.label for o in question.options} == {"ambulance", "bicycle", "car"}
    frame = result.survey.frame
    # By hand: ambulance 1, bicycle 2, car 2.
    chosen = [option for answer in frame[question.id] for option in answer]
    assert {o: chosen.count(o) for o in set(chosen)} == {"ambulance": 1, "bicycle": 2, "car": 2}


def test_limesurvey_numeric_array_is_not_a_ranking() -> None:
    content = csv_bytes(
        "id,submitdate,lastpage,startlanguage,Q1[SQ001],Q1[SQ002],Q1[SQ003]",
        "1,2021-03-01,2,en,3,3,5",
        "2,2021-03-02,2,en,1,2,2",
        "3,2021-03-03,2,en,2,1,3",
    )
    export, instrument, result = inferred(content)
    assert export.format is ExportFormat.LIMESURVEY
    assert len(export.body) == 3
    assert all(q.kind != "ranking" for q in instrument.questions)
    assert result.ok


def test_a_number_column_with_na_and_dont_know_is_never_refused() -> None:
    rows = [f"{n},{n * 2}" for n in range(1, 40)] + ["40,N/A", "41,Don't know"]
    content = csv_bytes("participant_id,Years in post", *rows)
    export, instrument, result = inferred(content)
    assert result.ok
    (question,) = instrument.questions  # participant_id is not a question
    assert question.kind == "number"
    assert set(question.missing) == {"N/A", "Don't know"}
    numbers = result.survey.frame[question.id]
    # By hand: 39 numbers given, 2 "no number".
    assert int(numbers.notna().sum()) == 39
    assert "counted as no number" in (question.help or "")


def test_identifier_and_row_number_columns_are_not_questions() -> None:
    rows = [f"{n},{1000 + n * 7},Yes" for n in range(1, 13)]
    content = csv_bytes(",record_id,Did anyone ask?", *rows)
    export, instrument, _ = inferred(content)
    assert [q.text for q in instrument.questions] == ["Did anyone ask?"]
