"""Each supported export, built here from known answers, imports to exactly those answers."""

from __future__ import annotations

import pandas as pd
import pytest

from pairsight.surveys.importers.export import ExportFormat
from pairsight.surveys.importers.pipeline import import_responses

from ..known_answers import EMAILS, IDS, INSTRUMENT, expected_frame
from . import exports_by_hand as by_hand

KEYED = {
    "msforms": [f"ID:{i}" for i in IDS],
    "surveymonkey": [f"Respondent ID:{i}" for i in IDS],
    "qualtrics": [f"ResponseId:R_{i}" for i in IDS],
}


def check_imported_answers(result, expected_format: ExportFormat) -> None:
    assert result.export_format is expected_format
    assert result.problems == []
    assert result.mapping.unmatched == []
    actual = result.responses.reset_index(drop=True)
    pd.testing.assert_frame_equal(
        actual, expected_frame(list(range(len(IDS)))).reset_index(drop=True)
    )


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_microsoft_forms(tmp_path, suffix):
    rows = by_hand.microsoft_forms()
    path = tmp_path / f"forms.{suffix}"
    write = by_hand.write_xlsx if suffix == "xlsx" else by_hand.write_csv
    result = import_responses(write(rows, path), INSTRUMENT)
    check_imported_answers(result, ExportFormat.MICROSOFT_FORMS)
    assert list(result.responses.index) == KEYED["msforms"]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_surveymonkey_with_two_header_rows(tmp_path, suffix):
    path = tmp_path / f"monkey.{suffix}"
    write = by_hand.write_xlsx if suffix == "xlsx" else by_hand.write_csv
    result = import_responses(write(by_hand.surveymonkey(), path), INSTRUMENT)
    check_imported_answers(result, ExportFormat.SURVEYMONKEY)
    assert list(result.responses.index) == KEYED["surveymonkey"]


def test_qualtrics_with_three_header_rows_and_commas_inside_an_option(tmp_path):
    path = by_hand.write_csv(by_hand.qualtrics(), tmp_path / "qualtrics.csv", encoding="utf-8-sig")
    result = import_responses(path, INSTRUMENT)
    check_imported_answers(result, ExportFormat.QUALTRICS)
    assert list(result.responses.index) == KEYED["qualtrics"]


@pytest.mark.parametrize("codes", [False, True], ids=["question-text-headings", "codes"])
def test_limesurvey(tmp_path, codes):
    path = by_hand.write_csv(by_hand.limesurvey(codes), tmp_path / "limesurvey.csv")
    check_imported_answers(import_responses(path, INSTRUMENT), ExportFormat.LIMESURVEY)


@pytest.mark.parametrize("labels", [False, True], ids=["raw", "labels"])
def test_redcap(tmp_path, labels):
    path = by_hand.write_csv(by_hand.redcap(labels), tmp_path / "redcap.csv")
    check_imported_answers(import_responses(path, INSTRUMENT), ExportFormat.REDCAP)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_kobo(tmp_path, suffix):
    path = tmp_path / f"kobo.{suffix}"
    if suffix == "xlsx":
        by_hand.write_xlsx(by_hand.kobo(), path)
    else:  # Kobo's CSV export separates fields with ";"
        by_hand.write_csv(by_hand.kobo(), path, delimiter=";")
    check_imported_answers(import_responses(path, INSTRUMENT), ExportFormat.KOBO)


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";")]
)
def test_plain_csv_in_any_encoding_with_blank_rows_and_trailing_delimiters(
    tmp_path, encoding, delimiter
):
    path = by_hand.write_csv(
        by_hand.plain(),
        tmp_path / "plain.csv",
        encoding=encoding,
        delimiter=delimiter,
        trailing_delimiter=True,
        blank_rows_after=(0, 2),
    )
    result = import_responses(path, INSTRUMENT)
    check_imported_answers(result, ExportFormat.PLAIN)
    assert result.responses.loc[result.responses.index[3], "comment"] == "Café – naïve ‘quotes’"


def test_plain_xlsx(tmp_path):
    path = by_hand.write_xlsx(by_hand.plain(), tmp_path / "plain.xlsx", blank_rows_after=(1,))
    check_imported_answers(import_responses(path, INSTRUMENT), ExportFormat.PLAIN)


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path):
    path = by_hand.write_xlsx(by_hand.microsoft_forms(), tmp_path / "f.xlsx", blank_rows_after=(2,))
    result = import_responses(path, INSTRUMENT)
    assert result.source_rows.tolist() == [2, 3, 5, 6, 7]


def test_personal_fields_are_dropped_unless_kept(tmp_path):
    path = by_hand.write_xlsx(by_hand.microsoft_forms(), tmp_path / "forms.xlsx")
    dropped = import_responses(path, INSTRUMENT)
    assert dropped.personal is None
    frame_text = dropped.responses.astype(str).to_string()
    assert not any(email in frame_text for email in EMAILS)
    kept = import_responses(path, INSTRUMENT, keep_personal=True)
    assert kept.personal is not None
    assert kept.personal["Email"].tolist() == EMAILS
    assert list(kept.personal.columns) == ["Email", "Name"]


def test_reimporting_the_same_file_gives_the_same_keys(tmp_path):
    path = by_hand.write_csv(by_hand.plain(), tmp_path / "plain.csv")
    first = import_responses(path, INSTRUMENT).responses.index
    again = import_responses(path, INSTRUMENT).responses.index
    assert list(first) == list(again)
    assert first.is_unique


def test_identical_rows_without_an_id_keep_distinct_keys(tmp_path):
    rows = by_hand.plain()
    rows.append(list(rows[-1]))
    result = import_responses(by_hand.write_csv(rows, tmp_path / "twice.csv"), INSTRUMENT)
    keys = list(result.responses.index)
    assert len(set(keys)) == len(keys) == 6
    assert keys[-1] == f"{keys[-2]}#2"
