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
