"""Answers that fit no option are listed with their spreadsheet row and column, all of them."""

from __future__ import annotations

import openpyxl
import pytest

from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.instruments import load_instrument

from ..known_answers import INSTRUMENT, QUESTION


def _forms(path, answers: list[dict[str, object]], questions=("role", "ease", "age")):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["ID", "Start time", "Completion time", "Email", "Name"] + [QUESTION[q] for q in questions]
    )
    for n, row in enumerate(answers, start=1):
        sheet.append([n, None, None, None, None] + [row.get(q) for q in questions])
    workbook.save(path)
    return path


def _forty(path, bad_row: int | None = None, value: str = "Sometimes"):
    answers = [{"role": "Midwife", "ease": "Very easy", "age": 3} for _ in range(40)]
    if bad_row is not None:
        answers[bad_row - 2]["ease"] = value  # row 1 is the header
    return _forms(path, answers)


def test_an_unknown_option_in_row_37_is_named_with_its_column(tmp_path):
    with pytest.raises(SurveyImportError) as caught:
        import_responses(_forty(tmp_path / "forms.xlsx", bad_row=37), INSTRUMENT)
    message = str(caught.value)
    assert message.startswith(
        "forms.xlsx, row 37, column G (“How easy is it to understand how infants communicate?”): "
        "“Sometimes” is not one of the options for question 3 (ease)."
    )
    assert message.endswith("Nothing was imported.")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value, problem.question_id) == (
        37,
        "G",
        "Sometimes",
        "ease",
    )


def test_every_bad_answer_is_listed_not_just_the_first(tmp_path):
    answers = [{"role": "Midwife", "ease": "Very easy", "age": 3} for _ in range(6)]
    answers[1]["ease"] = "Sometimes"
    answers[4]["ease"] = "sometimes "
    answers[2]["age"] = 31
    answers[3]["age"] = "six"
    result = import_responses(_forms(tmp_path / "f.xlsx", answers), INSTRUMENT, strict=False)
    assert [(p.row, p.column) for p in result.problems] == [(3, "G"), (4, "H"), (5, "H"), (6, "G")]
    assert "outside the allowed range (from 0 to 24)" in result.problems[1].message
    assert "not a number" in result.problems[2].message
    with pytest.raises(SurveyImportError, match="4 answers do not fit the questionnaire"):
        result.raise_for_problems()
    with pytest.raises(SurveyImportError):
        _ = result.survey  # no analysis of responses that did not import


def test_a_long_list_of_problems_is_summarised_in_the_message(tmp_path):
    answers = [{"role": "Midwife", "ease": "Often", "age": 3} for _ in range(30)]
    with pytest.raises(SurveyImportError) as caught:
        import_responses(_forms(tmp_path / "f.xlsx", answers), INSTRUMENT)
    assert len(caught.value.problems) == 30
    assert str(caught.value).splitlines()[-1] == "- and 10 more"


def test_answers_in_another_case_or_with_extra_spaces_are_the_same_answer(tmp_path):
    answers = [{"role": "  MIDWIFE ", "ease": "very   EASY", "age": "7"}]
    result = import_responses(_forms(tmp_path / "f.xlsx", answers), INSTRUMENT)
    row = result.responses.iloc[0]
    assert (row["role"], row["ease"], row["age"]) == ("Midwife", "Very easy", 7.0)


def test_typographic_apostrophes_match_plain_ones(tmp_path):
    instrument = load_instrument("parents")
    workbook = openpyxl.Workbook()
    factors = instrument.question("factors")
    workbook.active.append(["ID", "Start time", f"{factors.text}.{factors.statements[0].text}"])
    workbook.active.append([1, None, "Don’t know"])
    workbook.save(tmp_path / "p.xlsx")
    result = import_responses(tmp_path / "p.xlsx", instrument)
    assert result.responses.iloc[0]["factors.cuddles"] == "Don't know"


def test_an_unknown_answer_to_a_question_with_other_is_the_other_answer(tmp_path):
    result = import_responses(_forms(tmp_path / "f.xlsx", [{"role": "Dietitian"}]), INSTRUMENT)
    row = result.responses.iloc[0]
    assert (row["role"], row["role.other"]) == ("Other (please specify)", "Dietitian")


def test_the_same_id_twice_is_a_problem(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["ID", "Start time", QUESTION["role"]])
    for key in (7, 8, 7):
        workbook.active.append([key, None, "Midwife"])
    workbook.save(tmp_path / "f.xlsx")
    result = import_responses(tmp_path / "f.xlsx", INSTRUMENT, strict=False)
    (problem,) = result.problems
    assert (problem.row, problem.column) == (4, "A")
    assert "ID 7 appears twice (also in row 2)" in problem.message


def test_a_rank_given_twice_is_a_problem(tmp_path):
    path = tmp_path / "ranks.csv"
    header = ",".join(
        f'"{QUESTION["format"]} [{t}]"'
        for t in ("Face-to-face course", "Live online session", "E-learning at my own pace")
    )
    path.write_text(f"{header}\n1,2,3\n1,1,3\n", encoding="utf-8")
    result = import_responses(path, INSTRUMENT, strict=False)
    (problem,) = result.problems
    assert problem.row == 3 and "the same rank is given to two items" in problem.message


def test_questions_missing_from_the_file_are_reported(tmp_path):
    result = import_responses(
        _forms(tmp_path / "f.xlsx", [{"role": "Midwife"}], ("role",)), INSTRUMENT
    )
    assert result.questions_not_in_file == ["levels", "ease", "factors", "format", "age", "comment"]
    assert result.responses["ease"].isna().all()
