"""SurveyMonkey exports that FiveThirtyEight published (tests/surveys/real/surveymonkey/).

All three are the older layout: `RespondentID` and no Collector ID, two header rows. The
expected counts were worked out with plain pandas on the file (the sums below) and written
down before the importer was run; the literals are what those sums gave.
"""

from __future__ import annotations

from .real_corpus import REAL, analysed, chosen, question_id, raw

FOLDER = REAL / "surveymonkey"
# FiveThirtyEight's files hold a few Windows/Mac characters: plain pandas reads them as
# Latin-1 so that nothing is lost before counting.
LATIN = "latin-1"


def test_star_wars_respondents_one_answer_and_films_seen() -> None:
    path = FOLDER / "fivethirtyeight_star_wars.csv"
    sheet = raw(path, encoding=LATIN)
    body = sheet.iloc[2:]  # row 1 the questions, row 2 "Response" or the option
    assert len(body) == 1186
    seen_any = body[1].value_counts().to_dict()
    assert seen_any == {"Yes": 936, "No": 250}
    # Films seen: six columns, each holding the film's name when ticked.
    films = {sheet.iloc[1, c]: int((body[c] != "").sum()) for c in range(3, 9)}
    assert films["Star Wars: Episode V The Empire Strikes Back"] == 758
    assert sum(films.values()) == 673 + 571 + 550 + 607 + 758 + 738

    export, instrument, result = analysed(path)
    assert export.format.label == "SurveyMonkey"
    assert len(result.survey.frame) == 1186
    assert "Response" not in chosen(result, question_id(instrument, "Have you seen any"))
    assert chosen(result, question_id(instrument, "Have you seen any")) == seen_any
    films_q = instrument.question(question_id(instrument, "Which of the following Star Wars"))
    assert films_q.kind == "multiple_choice"  # six columns rebuilt into one question
    assert dict(chosen(result, films_q.id)) == films
    gender = chosen(result, question_id(instrument, "Gender"))
    assert (
        gender
        == body[33][body[33] != ""].value_counts().to_dict()
        == {
            "Female": 549,
            "Male": 497,
        }
    )
    # The film ranking (1 to 6 in six columns) is one ranking question.
    assert instrument.question(question_id(instrument, "Please rank")).kind == "ranking"
    roles = {c.header: c.role for c in export.columns}
    assert roles["RespondentID"] == "key"
    assert all(c.header != "RespondentID" for c in export.answer_columns)


def test_steak_risk_every_question_one_answer() -> None:
    path = FOLDER / "fivethirtyeight_steak_risk.csv"
    sheet = raw(path, encoding=LATIN)
    body = sheet.iloc[2:]
    assert len(body) == 550
    assert (sheet.iloc[1, 1:] == "Response").all()  # the whole second row says "Response"
    steak = body[9][body[9] != ""].value_counts().to_dict()
    assert steak == {"Medium rare": 166, "Medium": 132, "Medium Well": 75, "Well": 36,
                     "Rare": 23}  # fmt: skip

    export, instrument, result = analysed(path)
    assert export.format.label == "SurveyMonkey"
    assert len(result.survey.frame) == 550
    assert len(instrument.questions) == 14  # 15 columns less RespondentID
    assert chosen(result, question_id(instrument, "How do you like your steak")) == steak
    smoke = chosen(result, question_id(instrument, "Do you ever smoke"))
    assert smoke == {"No": 453, "Yes": 84}


def test_midwest_expanded_export_rebuilds_spread_questions() -> None:
    path = FOLDER / "fivethirtyeight_midwest.csv"
    sheet = raw(path, encoding=LATIN)
    body = sheet.iloc[2:]
    assert len(body) == 2778
    # "How much do you identify as a Midwesterner?": one column per answer (C to F).
    identify = {sheet.iloc[1, c]: int((body[c] != "").sum()) for c in range(2, 6)}
    assert identify == {"A lot": 770, "Some": 587, "Not much": 346, "Not at all": 1075}
    states = {sheet.iloc[1, c]: int((body[c] != "").sum()) for c in range(6, 26)}
    assert states["Iowa"] == 1986 and states["Pennsylvania"] == 120

    export, instrument, result = analysed(path)
    assert export.format.label == "SurveyMonkey"
    assert len(result.survey.frame) == 2778
    assert dict(chosen(result, question_id(instrument, "How much, if at all"))) == identify
    assert dict(chosen(result, question_id(instrument, "Which of the following states"))) == (
        states
    )
    # Nine questions: two open-ended, seven spread over their options' columns.
    assert len(instrument.questions) == 9
    kinds = [q.kind for q in instrument.questions]
    assert kinds.count("free_text") == 2
