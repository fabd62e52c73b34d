"""Cut real ONS workbooks (mid-year estimates, births) down to excerpts kept in this folder.

The published workbooks run to several MB. An excerpt keeps every sheet,
in order and under its own name, and every row that is not an area (titles, notes, header
rows, footnotes) exactly as published; of the area rows it keeps only those whose code is in
AREAS (the UK and its countries, the West Midlands region and its metropolitan districts,
two London boroughs and one area from each of Wales, Scotland and Northern Ireland).
Cell values are copied as they are (text stays text, numbers stay numbers); cell formatting,
hyperlinks and column widths are not copied. No figure is changed or computed.

    .venv/bin/python tests/officialdata/real/make_excerpts.py ORIGINAL.xls|ORIGINAL.xlsx OUT

Sources are named in SOURCE.md beside each excerpt. CSV excerpts (SNPP, IMD File 7) were
cut by hand, whole published lines only, as their SOURCE.md says.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

AREAS = frozenset(
    {
        "K02000001", "K03000001", "K04000001", "E92000001", "W92000004", "S92000003",
        "N92000002", "E12000005", "E11000005", "E08000025", "E08000026", "E08000027",
        "E08000028", "E08000029", "E08000030", "E08000031", "E09000001", "E09000033",
        "W06000015", "S12000036", "N09000003",
    }
)  # fmt: skip
_CODE = re.compile(r"^[EKNSW]\d{8}$")


def keep(first_cells: list[object]) -> bool:
    """Keep a row unless it is an area row for an area not in AREAS."""
    codes = [str(c).strip() for c in first_cells if _CODE.match(str(c or "").strip())]
    return not codes or codes[0] in AREAS


def excerpt_xls(source: Path, target: Path) -> None:
    import xlrd
    import xlwt

    book = xlrd.open_workbook(str(source))
    out = xlwt.Workbook()
    for sheet in book.sheets():
        written = out.add_sheet(sheet.name, cell_overwrite_ok=False)
        row_out = 0
        for r in range(sheet.nrows):
            values = sheet.row_values(r)
            if not keep(values[:3]):
                continue
            for c, cell in enumerate(sheet.row(r)):
                if cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER):
                    written.write(row_out, c, cell.value)
            row_out += 1
    out.save(str(target))


def excerpt_xlsx(source: Path, target: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    out = openpyxl.Workbook(write_only=True)
    for sheet in book.worksheets:
        written = out.create_sheet(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells = list(row)
            if keep(cells[:3]):
                written.append(cells)
    out.save(target)


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    (excerpt_xls if source.suffix == ".xls" else excerpt_xlsx)(source, target)


if __name__ == "__main__":
    main()
