"""Reading a register from a Word-style table saved as XLSX or CSV, and writing one safely."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from pairsight.recommendations.categories import BIRMINGHAM_CATEGORIES
from pairsight.recommendations.register_table import (
    RegisterFileError,
    read_register,
    register_csv,
    register_xlsx,
)

from .conftest import xlsx

WORD_COLUMNS = [
    "Recommendation",
    "Who is the recommendation for",
    "How can the recommendation be achieved",
    "Next steps",
    "Category",
]


TWO_ROWS = [
    [
        "Create a directory of parent-infant services. Keep it current.",
        "Services, commissioners",
        "Through the local maternity and neonatal system",
        "Agree an owner\nPublish by spring",
        "Training the workforce",
    ],
    [
        "Run awareness campaigns",
        "Commissioners",
        "",
        "",
        "9. Raising public awareness of the importance of the parent-infant relationship",
    ],
]


def test_a_word_style_table_becomes_exactly_its_recommendations() -> None:
    rows = read_register(xlsx(TWO_ROWS, WORD_COLUMNS), "register.xlsx", BIRMINGHAM_CATEGORIES)
    assert [(r.row, r.category, r.title, r.audience) for r in rows] == [
        (
            2,
            "Training the workforce",
            "Create a directory of parent-infant services.",
            "Services, commissioners",
        ),
        (3, BIRMINGHAM_CATEGORIES[8], "Run awareness campaigns", "Commissioners"),
    ]
    assert rows[0].next_steps == "Agree an owner\nPublish by spring"
    assert rows[0].text == "Create a directory of parent-infant services. Keep it current."


def test_a_missing_column_is_named_with_its_row() -> None:
    header = [c for c in WORD_COLUMNS if c != "Next steps"]
    with pytest.raises(RegisterFileError) as caught:
        read_register(
            xlsx([r[:3] + r[4:] for r in TWO_ROWS], header), "r.xlsx", BIRMINGHAM_CATEGORIES
        )
    assert caught.value.problems == (
        "Row 1, column 'Next steps': this column is missing (the headings are "
        "Recommendation, Who is the recommendation for, How can the recommendation be "
        "achieved, Next steps, Category).",
    )


def test_an_unknown_category_is_named_with_its_row_and_column() -> None:
    rows = [TWO_ROWS[0], [*TWO_ROWS[1][:4], "Housing"]]
    with pytest.raises(RegisterFileError) as caught:
        read_register(xlsx(rows, WORD_COLUMNS), "r.xlsx", BIRMINGHAM_CATEGORIES)
    assert caught.value.problems == (
        "Row 3, column 'Category': 'Housing' is not one of this register's categories "
        "(add it to the category list first).",
    )


def test_csv_is_read_the_same_way() -> None:
    out = io.StringIO()
    csv.writer(out).writerows([WORD_COLUMNS, *TWO_ROWS])
    rows = read_register(out.getvalue().encode("utf-8"), "r.csv", BIRMINGHAM_CATEGORIES)
    assert [r.category for r in rows] == ["Training the workforce", BIRMINGHAM_CATEGORIES[8]]


def test_other_files_are_refused() -> None:
    with pytest.raises(RegisterFileError, match="choose a .csv or .xlsx file"):
        read_register(b"x", "register.docx", BIRMINGHAM_CATEGORIES)


# "+44" and "-2" are plain numbers: a spreadsheet shows them as numbers and runs nothing, so
# they are kept as they are (core/cells.py); "-2+3" would run, and is neutralised.
DANGEROUS = ["=1+1", "+44", "-2", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain"]


def test_exports_neutralise_cells_that_would_run_as_formulas() -> None:
    row = [*DANGEROUS, "", "", ""]
    expected = ["'=1+1", "+44", "-2", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "plain"]
    sheet = load_workbook(io.BytesIO(register_xlsx([row]))).active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:8] == expected
    text = register_csv([row]).decode("utf-8-sig")
    assert next(iter(csv.reader(io.StringIO(text, newline=""))))[0] == "Number"
    assert list(csv.reader(io.StringIO(text, newline="")))[1][:8] == expected
