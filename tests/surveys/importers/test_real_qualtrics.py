"""Qualtrics exports from QualtricsTools' sample surveys (tests/surveys/real/qualtrics/),
made by Qualtrics in 2016-17: the legacy layout (V1...V10) and the first ImportId layout,
whose third row is written with single quotes. Counts by plain pandas on the files."""

from __future__ import annotations

from pairsight.surveys.importers.export import ExportFormat

from .real_corpus import REAL, analysed, chosen, question_id, raw

FOLDER = REAL / "qualtrics"


def test_legacy_multiple_answer_columns_are_one_question_each() -> None:
    path = FOLDER / "qualtricstools_multiple_answer_mc_legacy.csv"
    sheet = raw(path)
    codes, texts, body = sheet.iloc[0], sheet.iloc[1], sheet.iloc[2:]
    assert len(body) == 5
    # Q2_1..Q2_3 hold 1 when the box was ticked; the text is "Question-Statement".
    q2 = {texts[c].split("-", 1)[1]: int((body[c] == "1").sum()) for c in (10, 11, 12)}
    assert q2 == {"Click to write Statement 1": 4, "Click to write Statement 2": 4,
                  "Click to write Statement 3": 5}  # fmt: skip
    variables = {code.rsplit("_", 1)[0] for code in codes[10:32]}
    assert variables == {"Q2", "Q4", "Q3", "Q5", "mc_question_five", "mc_question_five_2"}

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.QUALTRICS
    assert len(result.survey.frame) == 5
    # Five variables, five questions: the _TEXT box is the "Other" of mc_question_five.
    assert len(instrument.questions) == 5
    assert all(q.kind == "multiple_choice" for q in instrument.questions)
    first = instrument.questions[0]
    assert first.text == "Click to write the question text"
    assert dict(chosen(result, first.id)) == q2
    roles = {c.header: c.role for c in export.columns}
    assert roles["ResponseID"] == "key"
    assert {"IPAddress", "LocationLatitude", "LocationLongitude"} <= {
        h for h, r in roles.items() if r == "personal"
    }


def test_legacy_single_answer_export_of_numbers() -> None:
    path = FOLDER / "qualtricstools_single_answer_mc_legacy.csv"
    sheet = raw(path)
    assert len(sheet) - 2 == 5
    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.QUALTRICS
    assert len(result.survey.frame) == 5
    assert len(instrument.questions) == 6  # Q2, Q4, Q3, Q5, mc_question_five and its _TEXT
    # Recoded values are numbers, as exported: Q4 has 12 three times, 11 once, 10 once.
    q4 = instrument.questions[1]
    values = sorted(result.survey.frame[q4.id].dropna().tolist())
    assert values == [10, 11, 12, 12, 12]


def test_import_id_row_in_single_quotes_is_a_header_row() -> None:
    path = FOLDER / "qualtricstools_better_sample_survey.csv"
    sheet = raw(path)
    assert sheet.iloc[2, 0] == "{'ImportId': 'responseId'}"
    body = sheet.iloc[3:]
    assert len(body) == 10
    volunteer = {sheet.iloc[1, c].rsplit("-", 1)[1]: int((body[c] == "1").sum())
                 for c in range(21, 25)}  # fmt: skip
    assert volunteer == {"Cantaloupe": 1, "Kiwi": 0, "Pomegranate": 1, "None of the above": 5}

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.QUALTRICS
    assert len(result.survey.frame) == 10
    assert not export.notes  # the ImportId row was found
    eat = instrument.question(question_id(instrument, "Please select the fruit you would"))
    assert eat.kind == "multiple_choice"
    assert {o.label: chosen(result, eat.id)[o.label] for o in eat.options} == volunteer
