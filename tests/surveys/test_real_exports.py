"""Real exports that public projects publish (tests/surveys/real/, each folder with its SOURCE
and LICENCE): each reads with its tool named, the right number of respondents and the
right answer columns. Expected values are read off the files by hand or with plain pandas,
written here before the importer was run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.export import ExportFormat
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.inference import infer_instrument

REAL = Path(__file__).parent / "real"


def _analysed(path: Path) -> tuple[object, object]:
    export = read_export(path)
    instrument, mapping = infer_instrument(export)
    result = import_responses(export, instrument, mapping=mapping)
    return export, result


def test_qualtrics_legacy_export_has_one_response_and_two_questions() -> None:
    path = REAL / "qualtrics" / "qualtrics_legacy_sample.csv"
    raw = pd.read_csv(path, header=None, dtype=str)
    # By hand: two header rows (V1..V10 and the names), then one respondent.
    assert len(raw) - 2 == 1
    export, result = _analysed(path)
    assert export.format is ExportFormat.QUALTRICS
    assert len(export.body) == 1
    assert [c.header for c in export.answer_columns] == [
        "This is a multiple choice question.",
        "This is a free text question.",
    ]
    roles = {c.header: c.role for c in export.columns}
    assert roles["ResponseID"] == "key"
    assert roles["IPAddress"] == "personal"
    assert roles["LocationLatitude"] == "personal"
    assert roles["LocationLongitude"] == "personal"
    keys = list(result.responses.index)  # type: ignore[attr-defined]
    assert len(keys) == 1 and keys[0].endswith(":R_2YPOQ602ER1jkf1")


def test_qualtrics_export_with_import_ids_has_one_response_and_two_questions() -> None:
    path = REAL / "qualtrics" / "qualtrics_sample.csv"
    raw = pd.read_csv(path, header=None, dtype=str)
    assert len(raw) - 3 == 1  # codes, labels, ImportId rows, then one respondent
    export, result = _analysed(path)
    assert export.format is ExportFormat.QUALTRICS
    assert len(export.body) == 1
    assert [c.code for c in export.answer_columns] == ["Q1", "Q2"]
    keys = list(result.responses.index)  # type: ignore[attr-defined]
    assert len(keys) == 1 and keys[0].endswith(":R_2YPOQ602ER1jkf1")


# REDCap (REDCapR's test data) ----------------------------------------------------------


def test_redcap_checkbox_fields_become_two_multiple_choice_questions() -> None:
    path = REAL / "redcap" / "redcapr_checkboxes_data.csv"
    raw = pd.read_csv(path, dtype=str)
    assert len(raw) == 4
    # Expected ticks per option, by plain pandas on the 0/1 columns.
    expected = {
        field: {
            c.split("___")[1]: int(raw[c].astype(int).sum()) for c in raw if c.startswith(field)
        }
        for field in ("check_one", "check_two")
    }
    assert expected["check_one"] == {"1": 2, "2": 1, "3": 1, "4": 1}
    export, result = _analysed(path)
    assert export.format is ExportFormat.REDCAP
    assert len(export.body) == 4
    frame = result.survey.frame  # type: ignore[attr-defined]
    for field, ticks in expected.items():
        chosen = [option for answer in frame[field].dropna() for option in answer]
        assert {code: chosen.count(code) for code in ticks} == ticks


def test_redcap_simple_project_keeps_people_out_of_the_questions() -> None:
    path = REAL / "redcap" / "redcapr_simple_data.csv"
    raw = pd.read_csv(path, dtype=str)
    assert len(raw) == 5  # answers hold line breaks: five records, not more
    export, result = _analysed(path)
    assert export.format is ExportFormat.REDCAP
    assert len(export.body) == 5
    roles = {c.header: c.role for c in export.columns}
    assert roles["record_id"] == "key"
    personal = {"name_first", "name_last", "address", "telephone", "email", "dob"}
    assert {h for h, r in roles.items() if r == "personal"} == personal
    # By hand: 24 columns less the key, six personal and three "_complete" columns.
    assert len(export.answer_columns) == 24 - 1 - 6 - 3


def test_redcap_survey_project_uses_its_first_column_as_the_record_id() -> None:
    path = REAL / "redcap" / "redcapr_survey_data.csv"
    raw = pd.read_csv(path, dtype=str)
    assert len(raw) == 2
    export, result = _analysed(path)
    assert export.format is ExportFormat.REDCAP
    assert export.columns[0].role == "key"
    keys = list(result.responses.index)  # type: ignore[attr-defined]
    assert [k.rsplit(":", 1)[-1] for k in keys] == ["1", "2"]
    # By hand: 33 columns; key 1, personal 7 (survey identifier, dob, email, first and last
    # name, address, telephone_1), bookkeeping 7 (three timestamps, four "_complete").
    assert len(export.answer_columns) == 33 - 1 - 7 - 7
