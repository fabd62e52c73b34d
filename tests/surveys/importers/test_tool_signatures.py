"""The rules the real exports taught, each on the smallest file that shows it (written here
in the tool's own layout), so that a change to a rule fails here and not only on the corpus."""

from __future__ import annotations

import pytest

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.export import ExportFormat
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.inference import infer_instrument


def _csv(*rows: str) -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode()


@pytest.mark.parametrize("tags", ['"#loc+name";"";"#indicator+diet"', '"#sector";"";""'])
def test_kobo_hxl_row_is_a_header_not_a_response(tags: str) -> None:
    export = read_export(
        _csv(
            '"Restaurant";"_id";"Diet";"_uuid";"_submission_time"',
            tags.replace(';""', "") + ';"";""' * (5 - tags.count(";") - 1),
            '"Taco Truck";"1";"vegan";"a-1";"2020-01-01"',
            '"Harvest";"2";"none";"a-2";"2020-01-02"',
        ),
        "kobo.csv",
    )
    assert export.format is ExportFormat.KOBO
    assert len(export.body) == 2


def test_kobo_first_answer_that_is_not_a_hashtag_stays_a_response() -> None:
    export = read_export(
        _csv(
            '"Diet";"_id";"_uuid"',
            '"#vegan";"1";"a-1"',  # starts with # but beside cells that are answers
            '"none";"2";"a-2"',
        ),
        "kobo.csv",
    )
    assert len(export.body) == 2


def test_split_geopoint_says_kobo_even_without_underscore_columns() -> None:
    export = read_export(
        _csv(
            "where;_where_latitude;_where_longitude;_where_altitude;_where_precision;Q",
            "51.5 -0.1 0 5;51.5;-0.1;0;5;Yes",
        ),
        "kobo.csv",
    )
    assert export.format is ExportFormat.KOBO
    assert [c.header for c in export.answer_columns] == ["Q"]


def test_qualtrics_import_id_row_in_single_quotes() -> None:
    export = read_export(
        _csv(
            "ResponseID,StartDate,EndDate,Q1",
            "ResponseID,StartDate,EndDate,Which service?",
            "{'ImportId': 'responseId'},{'ImportId': 'startDate'},{'ImportId': 'endDate'},"
            "{'ImportId': 'QID1'}",
            "R_1,2017-01-01,2017-01-01,Health visiting",
        ),
        "q.csv",
    )
    assert export.format is ExportFormat.QUALTRICS
    assert len(export.body) == 1
    assert not export.notes


def test_qualtrics_bare_hyphen_splits_at_what_sibling_columns_share() -> None:
    # The question holds a hyphen of its own ("well-being"): the split is after it.
    export = read_export(
        _csv(
            "V1,V2,V3,Q2_1,Q2_2,Q2_3,Q2_3_TEXT",
            "ResponseID,StartDate,EndDate,Your well-being-Sleep,Your well-being-Food,"
            "Your well-being-Other,Your well-being-Other-TEXT",
            "R_1,2016-01-01,2016-01-01,1,,1,Walking",
            "R_2,2016-01-01,2016-01-01,1,1,,",
        ),
        "legacy.csv",
    )
    assert export.format is ExportFormat.QUALTRICS
    parts = [(c.label, c.sublabel) for c in export.answer_columns]
    assert parts == [
        ("Your well-being", "Sleep"),
        ("Your well-being", "Food"),
        ("Your well-being", "Other"),
        ("Your well-being", "Other (please specify)"),
    ]
    instrument, mapping = infer_instrument(export)
    (question,) = instrument.questions
    assert question.kind == "multiple_choice"
    result = import_responses(export, instrument, mapping=mapping)
    answers = list(result.survey.frame[question.id])
    named = [sorted(set(a) & {"Sleep", "Food", "Other"}) for a in answers]
    assert named == [["Other", "Sleep"], ["Food", "Sleep"]]


def test_qualtrics_lone_sub_question_keeps_its_whole_text() -> None:
    export = read_export(
        _csv(
            "V1,V2,V3,Q2_1,Q3",
            "ResponseID,StartDate,EndDate,Self-care,Age",
            "R_1,2016-01-01,2016-01-01,1,30",
        ),
        "legacy.csv",
    )
    assert export.answer_columns[0].label == "Self-care"


@pytest.mark.parametrize(
    "heading",
    [
        "Group time: About you",
        "Question time: age",
        "groupTime8020",
        "{if(age.NAOK > 65, 1, 0)}",
        "filecount - Upload a photo",
        "Total time",
    ],
)
def test_limesurvey_own_columns_are_not_questions(heading: str) -> None:
    export = read_export(
        _csv(
            f'"Response ID","Date submitted","Last page","Start language","Age","{heading}"',
            '"1","2022-01-01","2","en","30","12.5"',
        ),
        "lime.csv",
    )
    assert export.format is ExportFormat.LIMESURVEY
    assert [c.header for c in export.answer_columns] == ["Age"]


def test_limesurvey_question_mentioning_time_is_still_a_question() -> None:
    export = read_export(
        _csv(
            '"Response ID","Date submitted","Last page","Start language","Group time: how long?"'
            ',"What {name} said"',
            '"1","2022-01-01","2","en","an hour","fine"',
        ),
        "lime.csv",
    )
    # "Group time: " is LimeSurvey's own prefix; a heading with braces inside is text.
    assert [c.header for c in export.answer_columns] == ["What {name} said"]
