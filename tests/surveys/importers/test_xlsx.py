"""The fast sheet reader gives the same cells as openpyxl, the reference reader."""

from __future__ import annotations

import datetime

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from pairsight.surveys.importers.xlsx import read_first_sheet

cells = st.one_of(
    st.none(),
    # openpyxl writes text starting "=" as a formula with no value; exports hold values.
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20
    ).filter(lambda t: not t.startswith("=")),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(
        min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2040, 1, 1)
    ).map(lambda d: d.replace(microsecond=0)),
)


def _reference(path) -> list[tuple[int, list[object]]]:
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = list(row)
        if any(v is not None and v != "" for v in values):
            while values and values[-1] is None:
                values.pop()
            rows.append((number, values))
    return rows


@settings(max_examples=12, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8), st.booleans())
def test_reads_what_openpyxl_reads(tmp_path_factory, grid, write_only):
    path = tmp_path_factory.mktemp("xlsx") / "sheet.xlsx"
    workbook = openpyxl.Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Answers") if write_only else workbook.active
    for row in grid:
        sheet.append(row)
    workbook.save(path)
    expected = _reference(path)
    with open(path, "rb") as handle:
        _, numbers, table = read_first_sheet(handle)
    trimmed = []
    for row in table.tolist():
        while row and row[-1] is None:
            row = row[:-1]
        trimmed.append(row)
    assert list(zip(numbers, trimmed, strict=True)) == [
        (n, [_as_read(v) for v in values]) for n, values in expected
    ]


def _as_read(value: object) -> object:
    # openpyxl gives whole floats back as floats; a survey cell "3" and 3.0 are the same answer.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def test_sheet_name_gaps_and_dates(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Form1"
    sheet["A1"], sheet["C1"] = "ID", "Start time"
    sheet["A3"], sheet["C3"] = 1, datetime.datetime(2022, 4, 27, 10, 30)
    workbook.save(tmp_path / "f.xlsx")
    with open(tmp_path / "f.xlsx", "rb") as handle:
        name, numbers, table = read_first_sheet(handle)
    assert name == "Form1"
    assert numbers == [1, 3]
    assert table.tolist() == [
        ["ID", None, "Start time"],
        [1, None, datetime.datetime(2022, 4, 27, 10, 30)],
    ]
