"""The sheet extent check: the furthest column and row a sheet names, and the cells it opens,
bounded before a reader lays the sheet out. Expected sizes are counted by hand from the XML."""

from __future__ import annotations

import io
import zipfile

import pytest

from pairsight.core.containers import LimitExceeded, Limits, check_sheet_extent

#: 100 cells: a 10 × 10 sheet fits exactly.
SMALL = Limits(cells=100)
#: Room for a few more cells, but not for an eleventh column or row of the table.
ROOMY = Limits(cells=105)
PART = "xl/worksheets/sheet1.xml"


def _archive(sheet: str) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(PART, sheet)
    return zipfile.ZipFile(buffer)


def _square(extra: str = "") -> str:
    """Rows 1-10, columns A-J: 100 cells, then `extra` inside the last row."""
    rows = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{c}{n}"><v>1</v></c>' for c in "ABCDEFGHIJ")
        + (extra if n == 10 else "") + "</row>"
        for n in range(1, 11)
    )  # fmt: skip
    return f"<worksheet><sheetData>{rows}</sheetData></worksheet>"


def test_a_sheet_exactly_at_the_cell_limit_is_accepted() -> None:
    check_sheet_extent(_archive(_square()), PART, SMALL)


@pytest.mark.parametrize(
    ("extra", "rows", "columns"),
    [
        ('<c r="K10"><v>1</v></c>', 10, 11),
        ('<c r="k3"/>', 10, 11),  # lower-case letters name the same column
        ('<c r="B11"/>', 11, 10),
        ('</row><row r="11">', 11, 10),  # a row number alone
        ('<c\tr="L2"/>', 10, 12),  # after a tab: legal XML that Excel never writes
    ],
)
def test_one_reference_past_the_square_is_refused_naming_the_table(
    extra: str, rows: int, columns: int
) -> None:
    with pytest.raises(LimitExceeded) as refused:
        check_sheet_extent(_archive(_square(extra)), PART, ROOMY)
    assert f"{rows:,} rows by {columns:,} columns" in str(refused.value)


def test_a_column_past_xfd_is_refused_by_its_letters() -> None:
    with pytest.raises(LimitExceeded) as refused:
        check_sheet_extent(_archive(_square('<c r="XFE1"/>')), PART)
    assert "column XFE is past the limit of 16,384 columns" in str(refused.value)


def test_the_dimension_counts_even_without_cells_there() -> None:
    sheet = _square().replace("<sheetData>", '<dimension ref="A1:J11"/><sheetData>')
    with pytest.raises(LimitExceeded) as refused:
        check_sheet_extent(_archive(sheet), PART, ROOMY)
    assert "11 rows by 10 columns" in str(refused.value)


def test_cells_without_references_are_counted() -> None:
    # 101 cells with no "r": Excel lays them out one after another.
    cells = "<c><v>1</v></c>" * 101
    sheet = f"<worksheet><sheetData><row>{cells}</row></sheetData></worksheet>"
    with pytest.raises(LimitExceeded) as refused:
        check_sheet_extent(_archive(sheet), PART, SMALL)
    assert "101 rows by 1 columns" in str(refused.value)


def test_a_reference_cut_by_the_read_buffer_is_still_read_whole() -> None:
    # The part is read 4 MB at a time: put the far reference across that boundary.
    head = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    filler = "x" * (4 * 1024 * 1024 - len(head) - len('</t></is></c><c r="Z'))
    sheet = f'{head}{filler}</t></is></c><c r="ZZ1"/></row></sheetData></worksheet>'
    assert sheet.index('r="ZZ') < 4 * 1024 * 1024 < sheet.index('ZZ1"') + 3
    with pytest.raises(LimitExceeded) as refused:
        check_sheet_extent(_archive(sheet), PART, Limits(cells=701))
    assert "1 rows by 702 columns" in str(refused.value)  # ZZ is column 702
