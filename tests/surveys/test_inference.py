"""Without a questionnaire, each column's kind is inferred from its answers."""

from __future__ import annotations

import csv
import io

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.inference import infer_instrument

from .importers import exports_by_hand as by_hand

AGREE = ["Strongly agree", "Somewhat agree", "Strongly disagree", "Neither agree nor disagree"]
JOBS = ["Midwife", "Health visitor", "GP"]


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def _plain_export(n: int = 40) -> bytes:
    rows: list[list[object]] = [
        [
            "Timestamp",
            "Profession",
            "My relationship matters",
            "Training wanted",
            "Caseload",
            "Comments",
            "Age group",
        ]  # fmt: skip
    ]
    for i in range(n):
        rows.append(
            [f"2022-01-{i % 28 + 1:02d} 10:00", JOBS[i % 3],
             AGREE[i % 4].upper() if i == 5 else AGREE[i % 4],
             ["Course;", "Course;Mentoring;", "Mentoring;"][i % 3], str(i * 3),
             f"Free comment number {i}" if i % 2 else "", ["0-5", "6-11", "12-24"][i % 3]]
        )  # fmt: skip
    return _csv(rows)


def test_kinds_are_inferred_from_the_answers():
    instrument, mapping = infer_instrument(read_export(_plain_export(), "plain.csv"))
    kinds = {q.text: q.kind for q in instrument.questions}
    assert kinds == {
        "Profession": "single_choice",
        "My relationship matters": "scale",
        "Training wanted": "multiple_choice",
        "Caseload": "number",
        "Comments": "free_text",
        "Age group": "single_choice",
    }
    scale = instrument.question("my_relationship_matters").scale
    assert scale.labels[0] == "Strongly disagree" and scale.neutral == "Neither agree nor disagree"
    assert instrument.question("training_wanted").labels == ("Course", "Mentoring")
    assert all(m.confirmed for m in mapping.matches)


def test_inferred_questionnaire_imports_its_own_file_without_problems():
    export = read_export(_plain_export(), "plain.csv")
    instrument, mapping = infer_instrument(export)
    result = import_responses(export, instrument, mapping=mapping)
    assert result.problems == []
    assert result.responses["my_relationship_matters"].iloc[5] == "Somewhat agree"
    assert result.responses["training_wanted"].iloc[1] == ("Course", "Mentoring")


def test_rare_answers_become_other_answers_when_most_answers_repeat():
    rows = [["Profession"]] + [[JOBS[i % 3]] for i in range(45)] + [[f"Job {i}"] for i in range(9)]
    rows += [["Nurse"], ["Nurse"]]
    instrument, mapping = infer_instrument(read_export(_csv(rows), "jobs.csv"))
    question = instrument.question("profession")
    assert question.kind == "single_choice" and question.other
    assert set(question.labels) == {*JOBS, "Nurse"}


def test_columns_a_tool_split_per_option_or_statement_are_put_back_together(tmp_path):
    path = by_hand.write_csv(by_hand.surveymonkey(), tmp_path / "monkey.csv")
    instrument, _ = infer_instrument(read_export(path))
    kinds = {q.text: q.kind for q in instrument.questions}
    assert kinds["Which levels of need does your service work with? (Tick all that apply)"] == (
        "multiple_choice"
    )
    assert (
        kinds["How positive or negative is each of these for a baby's development?"]
        == "rating_grid"
    )
    assert kinds["Put these ways of learning in order"] == "ranking"
