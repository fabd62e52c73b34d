"""Files that are not survey exports get one clear sentence saying what they are."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.files import decode, read_grid
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.instruments.printable import questionnaire_pdf

from ..known_answers import INSTRUMENT


def _error(path) -> str:
    with pytest.raises(SurveyImportError) as caught:
        import_responses(path, INSTRUMENT)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_word_document_is_named_as_one(tmp_path):
    document = docx.Document()
    document.add_paragraph("Survey results summary")
    document.save(tmp_path / "results.docx")
    message = _error(tmp_path / "results.docx")
    assert message.startswith("results.docx is a Word document, not a survey export")
    assert "Excel (.xlsx) or CSV" in message


def test_a_pdf_is_named_as_one(tmp_path):
    path = tmp_path / "questionnaire.pdf"
    path.write_bytes(questionnaire_pdf(INSTRUMENT))
    assert _error(path).startswith("questionnaire.pdf is a PDF document, not a survey export")


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(bytes(range(256)) * 4)
    assert "is not a spreadsheet or text file" in _error(path)


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_file_says_so(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert _error(path).startswith("empty.csv is empty")


def test_an_empty_workbook_says_so(tmp_path):
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    assert _error(tmp_path / "empty.xlsx") == "empty.xlsx has no rows: it is empty."


def test_a_header_only_file_says_there_are_no_responses(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["ID", "Start time", "Completion time", "Email", "Name", "What?"])
    workbook.save(tmp_path / "forms.xlsx")
    assert _error(tmp_path / "forms.xlsx") == (
        "forms.xlsx has column headings but no responses below them."
    )


def test_columns_matching_no_question_are_named(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Favourite colour,Shoe size\nBlue,5\nRed,7\n", encoding="utf-8")
    message = _error(path)
    assert message.startswith(
        "None of the 2 columns in other.csv matches a question in “Round-trip survey”"
    )
    assert "check that you chose the right questionnaire" in message


def test_a_truncated_workbook_is_called_damaged(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["a", "b"])
    workbook.save(tmp_path / "whole.xlsx")
    data = (tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    assert "cut.xlsx is damaged" in _error(tmp_path / "cut.xlsx")


def test_a_missing_file_is_named(tmp_path):
    assert _error(tmp_path / "nowhere.csv").endswith("nowhere.csv does not exist.")


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        ("Café – ‘naïve’\n".encode(), "utf-8"),
        ("\ufeffCafé – ‘naïve’\n".encode(), "utf-8-sig"),
        ("Café – ‘naïve’\n".encode("cp1252"), "cp1252"),
        ("Café – ‘naïve’\n".encode("utf-16"), "utf-16"),
    ],
)
def test_text_is_decoded_whatever_the_encoding(encoded, encoding):
    text, found = decode(encoded, "x.csv")
    assert text.lstrip("\ufeff") == "Café – ‘naïve’\n"
    assert found == encoding


def test_semicolon_csv_with_trailing_semicolons_has_no_extra_column():
    grid = read_grid(b"Q1;Q2;\r\na;b;\r\n\r\nc;d;\r\n", "kobo.csv")
    assert grid.cells.shape == (3, 2)
    assert grid.cells.index.tolist() == [1, 2, 4]


def test_quoted_cells_with_line_breaks_keep_the_spreadsheet_row_numbers():
    grid = read_grid(b'Q1,Q2\n"two\nlines",b\nc,d\n', "x.csv")
    assert grid.cells.index.tolist() == [1, 2, 3]
    assert grid.cells.iloc[1, 0] == "two\nlines"


def test_export_reads_bytes_with_a_given_name():
    export = read_export(b"What is your profession?\nMidwife\n", "upload.csv")
    assert export.name == "upload.csv"
    assert [c.header for c in export.answer_columns] == ["What is your profession?"]


def test_a_file_where_few_columns_match_is_probably_another_survey(tmp_path):
    path = tmp_path / "parents.csv"
    path.write_text(
        "What is your profession?,Favourite colour,Shoe size,Pet,Car\nMidwife,Blue,5,Cat,Red\n",
        encoding="utf-8",
    )
    assert _error(path).startswith(
        "Only 1 of the 5 columns in parents.csv match a question in “Round-trip survey” "
        "(column A “What is your profession?”)"
    )


def test_a_line_of_text_is_not_described_as_a_spreadsheet(tmp_path):
    (tmp_path / "notes.txt").write_text("Remember to ask the health visitors\n")
    message = _error(tmp_path / "notes.txt")
    assert message.startswith("notes.txt is not a spreadsheet or CSV file of responses")
    assert "column headings" not in message
