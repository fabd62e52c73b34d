"""From an uploaded file to a `Grid`: what kind of file it is, its encoding, its cells.

People upload whatever their survey tool gave them, and sometimes the wrong thing (the
Word report, a PDF, a picture of a chart). Each of those gets a sentence saying what the
file is and what to upload instead, before any parsing is tried.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt
import pandas as pd
from charset_normalizer import from_bytes

from pairsight.core import containers
from pairsight.core.containers import LimitExceeded
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.export import Grid
from pairsight.surveys.importers.xlsx import WorkbookError, read_first_sheet

logger = logging.getLogger(__name__)

# What xlrd raises, besides its own XLRDError, for a file cut short or damaged.
XLS_DAMAGED = (struct.error, AssertionError, IndexError, KeyError, ValueError, EOFError, OSError)

EXPORT_ADVICE = "export the responses from your survey tool as Excel (.xlsx) or CSV"
_OTHER_FILES = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "a Rich Text document"),
]
_DELIMITERS = ",;\t|"

Source = Path | str | bytes | BinaryIO


def read_grid(source: Source, name: str | None = None) -> Grid:
    """The first sheet of a workbook, or the rows of a CSV file, with spreadsheet row numbers."""
    content, name = _content(source, name)
    try:
        return _read_content(content, name)
    except LimitExceeded as error:
        raise SurveyImportError(f"{name} is refused: {error}.") from None


def refuse_other_files(content: bytes, name: str) -> None:
    """Raise SurveyImportError for a file that is plainly no export (empty, a PDF, a picture).

    It looks at the first bytes only, so an upload can be refused at once; whether a
    workbook or CSV file holds responses takes reading all of it.
    """
    if not content.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise SurveyImportError(f"{name} is empty: {EXPORT_ADVICE}.")
    if content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return
    for magic, what in _OTHER_FILES:
        if content.startswith(magic):
            raise SurveyImportError(f"{name} is {what}, not a survey export: {EXPORT_ADVICE}.")
    head = content[:4096]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SurveyImportError(f"{name} is not a spreadsheet or text file: {EXPORT_ADVICE}.")


def _read_content(content: bytes, name: str) -> Grid:
    containers.check_file_size(len(content))
    refuse_other_files(content, name)
    if content.startswith(b"PK\x03\x04"):
        return _read_zip(content, name)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_xls(content, name)
    text, encoding = decode(content, name)
    stripped = text.lstrip()[:200].lower()
    if stripped.startswith(("<!doctype html", "<html")):
        raise SurveyImportError(f"{name} is a web page, not a survey export: {EXPORT_ADVICE}.")
    if stripped.startswith(("{", "[")):
        raise SurveyImportError(
            f"{name} is a JSON file; PAIRsight reads survey exports as Excel (.xlsx) or CSV."
        )
    return _read_csv(text, name, encoding)


def _content(source: Source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "the uploaded file"
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            try:
                containers.check_file_size(path.stat().st_size)
            except LimitExceeded as error:
                raise SurveyImportError(f"{name or path.name} is refused: {error}.") from None
            return path.read_bytes(), name or path.name
        except FileNotFoundError:
            raise SurveyImportError(f"{path} does not exist.") from None
        except IsADirectoryError:
            raise SurveyImportError(f"{path} is a folder, not a file.") from None
    # One byte past the limit is enough to know the file is over it.
    return (
        source.read(containers.LIMITS.file_bytes + 1),
        name or str(getattr(source, "name", "the uploaded file")),
    )


def decode(content: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM), UTF-16, Windows-1252."""
    if content.startswith(codecs.BOM_UTF8):
        return content[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16"), "utf-16"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Excel's "CSV" on Windows: the commonest non-UTF-8 export in the NHS and councils.
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(content).best()
    if guess is None:
        raise SurveyImportError(
            f"{name} is not in a text encoding PAIRsight recognises; save it as CSV UTF-8."
        )
    return str(guess), guess.encoding


def _read_zip(content: bytes, name: str) -> Grid:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = set(archive.namelist())
        containers.check_zip(archive)
    except zipfile.BadZipFile:
        raise SurveyImportError(f"{name} is damaged (an incomplete Excel or zip file).") from None
    if "word/document.xml" in members:
        raise SurveyImportError(f"{name} is a Word document, not a survey export: {EXPORT_ADVICE}.")
    if any(m.startswith("ppt/") for m in members):
        raise SurveyImportError(f"{name} is a PowerPoint file, not a survey export.")
    if "mimetype" in members and "content.xml" in members:
        raise SurveyImportError(
            f"{name} is an OpenDocument file: save it as Excel (.xlsx) or CSV first."
        )
    try:
        sheet, numbers, rows = read_first_sheet(io.BytesIO(content))
    except WorkbookError as error:
        raise SurveyImportError(f"{name} cannot be read: {error}.") from None
    return Grid(name, "xlsx", _frame(numbers, rows), sheet=sheet)


def _read_xls(content: bytes, name: str) -> Grid:
    try:
        frame = pd.read_excel(io.BytesIO(content), header=None, dtype=object, engine="xlrd")
    except Exception as error:
        # xlrd's own error, or what it raises on a file cut short, means a file it cannot
        # read; anything else is logged for a look.
        if not isinstance(error, XLS_DAMAGED) and type(error).__name__ != "XLRDError":
            logger.exception("xlrd failed on %s", name)
        raise SurveyImportError(
            f"{name} is an old-style Office file that PAIRsight cannot read as a workbook: "
            "save it as Excel (.xlsx) or CSV."
        ) from None
    frame = frame.astype(object).where(frame.notna(), None)
    rows = frame.values.tolist()
    numbers = [int(i) + 1 for i in frame.index]
    keep = [i for i, row in enumerate(rows) if any(v not in (None, "") for v in row)]
    return Grid(name, "xls", _frame([numbers[i] for i in keep], [rows[i] for i in keep]))


def _read_csv(text: str, name: str, encoding: str) -> Grid:
    delimiter = _delimiter(text)
    numbers: list[int] = []
    rows: list[list[object]] = []
    limits = containers.LIMITS
    csv.field_size_limit(limits.cell_chars)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells = 0
    try:
        for number, row in enumerate(reader, start=1):
            if len(row) > limits.columns:
                containers.check_column(len(row) - 1, f"row {number:,}")
            if any(cell.strip() for cell in row):
                numbers.append(number)
                rows.append([cell if cell.strip() else None for cell in row])
                cells += len(row)
                if cells > limits.cells or len(rows) > limits.rows:
                    containers.check_rows(len(rows))
                    containers.check_cells(len(rows), cells // len(rows) + 1)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            # Python's reader stops at the same size as the cell limit (131,072 characters).
            raise SurveyImportError(
                f"{name} is refused: row {reader.line_num:,} has a cell longer than the limit "
                f"of {limits.cell_chars:,} characters for one cell."
            ) from None
        raise SurveyImportError(
            f"{name}, row {reader.line_num}: not valid CSV ({error})."
        ) from None
    return Grid(name, "csv", _frame(numbers, rows), encoding=encoding)


def _delimiter(text: str) -> str:
    sample = text[:65536]
    first_line = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and found in first_line:
        return found
    # The header line decides: the delimiter that splits it into the most columns.
    return (
        max(_DELIMITERS, key=first_line.count) if any(d in first_line for d in _DELIMITERS) else ","
    )


def _frame(
    numbers: list[int], rows: Sequence[Sequence[object]] | npt.NDArray[np.object_]
) -> pd.DataFrame:
    if isinstance(rows, np.ndarray):  # a workbook's table, laid out already
        width = rows.shape[1]
    else:
        width = max((len(row) for row in rows), default=0)
    containers.check_cells(len(rows), width)
    if not isinstance(rows, np.ndarray) and any(len(row) != width for row in rows):
        rows = [list(row) + [None] * (width - len(row)) for row in rows]
    frame = pd.DataFrame(rows, index=pd.Index(numbers, name="row"), dtype=object)
    if frame.empty:
        return frame
    # Trailing empty columns: a trailing ";" on every line, or formatting far to the right.
    # Every reader gives an empty cell as None; only the columns from the right are looked
    # at, up to the first one in use.
    last = width - 1
    while last >= 0 and frame[last].isna().all():
        last -= 1
    frame = frame.iloc[:, : last + 1]
    frame.columns = pd.RangeIndex(frame.shape[1])
    return frame
