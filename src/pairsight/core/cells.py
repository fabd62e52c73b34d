"""Cells of the spreadsheets PAIRsight writes (CSV and XLSX), safe to open in Excel.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and
LibreOffice as a formula (or a DDE call that can run programs). Survey answers, question
texts, names of services and areas all come from people or files, so every exporter passes
every cell through `neutralise_cell`, which follows OWASP's rule for CSV injection: such a
text gets a leading apostrophe and is shown as text. Numbers stay numbers, including
negative ones and figures already formatted as text ("-2,420").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TypeVar

#: The characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})

# A plain number with an optional sign, thousands separators, decimals and percent sign:
# a spreadsheet reads it as that number, never as a formula.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")

T = TypeVar("T")


def neutralise_cell(value: T) -> T:
    """`value` as a spreadsheet must hold it: text that would start a formula gets a leading
    apostrophe; numbers, empty cells and other values are returned unchanged."""
    if not isinstance(value, str) or value[:1] not in FORMULA_STARTS:
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value  # type: ignore[return-value]


def restore_cell(text: str) -> str:
    """The text a neutralised cell stood for, so that a file PAIRsight exported imports back
    to the same answers (it is neutralised again on every export)."""
    if text[:1] == "'" and neutralise_cell(text[1:]) == text:
        return text[1:]
    return text


def neutralise_row(cells: Iterable[object]) -> list[object]:
    return [neutralise_cell(cell) for cell in cells]


def csv_text(rows: Iterable[Iterable[object]], *, lineterminator: str = "\n") -> str:
    """Rows (the header first) as CSV text, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    for row in rows:
        writer.writerow(neutralise_row(row))
    return out.getvalue()
