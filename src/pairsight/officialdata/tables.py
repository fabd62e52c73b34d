"""Reading published tables: what kind of file it is, its sheets, its rows, its header row.

ONS and MHCLG publish the same tables as .xls, .xlsx and .csv, with a title block above a
header row whose position moves between releases. Everything here turns those files into
plain rows, or into one clear sentence when the file is the wrong kind or cut short.
A file past the limits of `core.containers` (size, zip expansion, rows, columns) is
refused before it is read, as an uploaded survey export is.
"""

from __future__ import annotations

import csv
import enum
import io
import logging
import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from pairsight.core import containers
from pairsight.core.containers import LimitExceeded
from pairsight.officialdata.errors import SourceFileError

logger = logging.getLogger(__name__)

Cell = object
Row = list[Cell]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HEADER_SEARCH_ROWS = 40

_KNOWN_BINARY = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}


class FileKind(enum.StrEnum):
    XLSX = "xlsx"
    XLS = "xls"
    CSV = "csv"

    @property
    def label(self) -> str:
        return {
            FileKind.XLSX: "Excel workbook (.xlsx)",
            FileKind.XLS: "Excel 97-2003 workbook (.xls)",
            FileKind.CSV: "CSV file",
        }[self]


def sniff(path: Path) -> FileKind:
    """The kind of file from its first bytes, not its name (downloads are often renamed)."""
    if not path.exists():
        raise SourceFileError(f"{path} does not exist.")
    if path.is_dir():
        raise SourceFileError(f"{path} is a folder, not a data file.")
    _within_limits(path, containers.check_file_size, path.stat().st_size)
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        raise SourceFileError(f"{path.name} is empty (0 bytes); download it again.")
    if head.startswith(OLE2_MAGIC):
        return FileKind.XLS
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    for magic, what in _KNOWN_BINARY.items():
        if head.startswith(magic):
            raise SourceFileError(
                f"{path.name} is {what}, not a spreadsheet or CSV file of published statistics."
            )
    if b"\x00" in head:
        raise SourceFileError(
            f"{path.name} is not a spreadsheet or CSV file (it holds binary data); "
            "choose the .xls, .xlsx or .csv file as published."
        )
    return FileKind.CSV


def _zip_kind(path: Path) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            _within_limits(path, containers.check_zip, archive)
    except zipfile.BadZipFile:
        raise SourceFileError(
            f"{path.name} is cut short or damaged (its zip structure is incomplete); "
            "download it again."
        ) from None
    if "xl/workbook.xml" in names:
        return FileKind.XLSX
    if "word/document.xml" in names:
        raise SourceFileError(f"{path.name} is a Word document, not a spreadsheet.")
    if "ppt/presentation.xml" in names:
        raise SourceFileError(f"{path.name} is a PowerPoint file, not a spreadsheet.")
    listed = ", ".join(sorted(names)[:3])
    raise SourceFileError(
        f"{path.name} is a zip archive ({listed}), not a spreadsheet; unzip it and choose "
        "the data file inside."
    )


def _within_limits(path: Path, check: Callable[..., None], *args: object) -> None:
    try:
        check(*args)
    except LimitExceeded as error:
        raise SourceFileError(f"{path.name} is refused: {error}.") from None


@dataclass(frozen=True)
class Table:
    """The rows of one sheet (or of a CSV file), as published."""

    path: Path
    kind: FileKind
    sheet: str  # "" for a CSV file
    rows: list[Row]

    @property
    def where(self) -> str:
        return f"sheet '{self.sheet}' of {self.path.name}" if self.sheet else self.path.name


def sheet_names(path: Path) -> list[str]:
    kind = sniff(path)
    if kind is FileKind.CSV:
        return []
    if kind is FileKind.XLSX:
        return list(_open_xlsx(path)[1])
    book = _open_xls(path)
    try:
        return list(book.sheet_names())
    finally:
        book.release_resources()


def read_table(path: Path, sheet: str | None = None, *, purpose: str = "") -> Table:
    """Every row of `sheet` (or the CSV file). A missing sheet is named with those present."""
    kind = sniff(path)
    if kind is FileKind.CSV:
        if sheet:
            raise SourceFileError(
                f"{path.name} is a CSV file, which has no sheets; "
                f"read it without a sheet name, or choose the {purpose or 'workbook'}."
            )
        return Table(path, kind, "", _csv_rows(path))
    if sheet is None:
        raise SourceFileError(f"{path.name} is a workbook: name the sheet to read.")
    if kind is FileKind.XLSX:
        return Table(path, kind, sheet, _xlsx_rows(path, sheet, purpose))
    return Table(path, kind, sheet, _xls_rows(path, sheet, purpose))


def _missing_sheet(path: Path, sheet: str, present: Sequence[str], purpose: str) -> SourceFileError:
    shown = ", ".join(f"'{s}'" for s in present[:8]) + (" …" if len(present) > 8 else "")
    return SourceFileError(
        f"{path.name} has no sheet '{sheet}' (its sheets are {shown}); is this the "
        f"{purpose or 'right file'}, or is the sheet named differently (--sheet)?"
    )


def _open_xlsx(path: Path) -> tuple[bytes, dict[str, str]]:
    """The workbook's bytes and its sheets' parts, once the zip is within the limits."""
    content = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            containers.check_zip(archive)
            return content, dict(containers.sheet_parts(archive))
    except LimitExceeded as error:
        raise SourceFileError(f"{path.name} is refused: {error}.") from None
    except containers.xml_errors() as error:
        raise SourceFileError(f"{path.name} is refused: {containers.xml_problem(error)}.") from None
    except (zipfile.BadZipFile, KeyError, LookupError, EOFError):
        raise SourceFileError(
            f"{path.name} cannot be opened as an Excel workbook; it may be cut short or "
            "damaged, so download it again."
        ) from None


def _xlsx_rows(path: Path, sheet: str, purpose: str) -> list[Row]:
    """Every row of the sheet from A1 (so row numbers are the sheet's), read by calamine
    once the sheet's furthest cell is known to be within the limits."""
    content, parts = _open_xlsx(path)
    if sheet not in parts:
        raise _missing_sheet(path, sheet, list(parts), purpose)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            containers.check_sheet_extent(archive, parts[sheet])
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        grid = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except LimitExceeded as error:
        raise SourceFileError(f"{path.name} is refused: {error}.") from None
    except (CalamineError, zipfile.BadZipFile, EOFError) as error:
        if "entity" in repr(error).lower():
            raise SourceFileError(
                f"{path.name} is refused: it declares XML entities, which no spreadsheet "
                "needs (refused for safety)."
            ) from None
        raise SourceFileError(
            f"Sheet '{sheet}' of {path.name} cannot be read to the end; the file may be "
            "cut short or damaged, so download it again."
        ) from None
    # calamine writes "" for an empty cell; the loaders read None as empty.
    return [[None if v == "" else v for v in row] for row in grid]


def _bounded_rows(path: Path, rows: Iterable[Sequence[Cell]]) -> list[Row]:
    limits = containers.LIMITS
    kept: list[Row] = []
    cells = 0
    for row in rows:
        cells += len(row)
        if len(row) > limits.columns:
            _within_limits(path, containers.check_column, len(row) - 1, f"row {len(kept) + 1:,}")
        if cells > limits.cells or len(kept) >= limits.rows:
            _within_limits(path, containers.check_rows, len(kept) + 1)
            _within_limits(path, containers.check_cells, len(kept) + 1, cells // (len(kept) + 1))
        kept.append(list(row))
    return kept


# What xlrd raises, besides its own XLRDError, for a file cut short or damaged: a damaged
# file, not a fault to log.
XLS_DAMAGED = (struct.error, AssertionError, IndexError, KeyError, ValueError, EOFError, OSError)


def _open_xls(path: Path):  # type: ignore[no-untyped-def]
    import xlrd
    import xlrd.biffh

    damaged = SourceFileError(
        f"{path.name} cannot be opened as an Excel 97-2003 workbook; it may be cut short "
        "or damaged, so download it again."
    )
    try:
        return xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.biffh.XLRDError, *XLS_DAMAGED):
        raise damaged from None
    except Exception:
        # Not what a damaged file raises: worth a look in the log, told the same way.
        logger.exception("xlrd failed on %s", path.name)
        raise damaged from None


def _xls_rows(path: Path, sheet: str, purpose: str) -> list[Row]:
    book = _open_xls(path)
    try:
        if sheet not in book.sheet_names():
            raise _missing_sheet(path, sheet, book.sheet_names(), purpose)
        cut_short = SourceFileError(
            f"Sheet '{sheet}' of {path.name} cannot be read to the end; the file may be "
            "cut short or damaged, so download it again."
        )
        try:
            xs = book.sheet_by_name(sheet)
            return [xs.row_values(i) for i in range(xs.nrows)]
        except XLS_DAMAGED:
            raise cut_short from None
        except Exception:
            logger.exception("xlrd failed reading sheet %r of %s", sheet, path.name)
            raise cut_short from None
    finally:
        book.release_resources()


def decode_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceFileError(f"{path.name} is not a text CSV file in a known encoding.")


def _csv_rows(path: Path) -> list[Row]:
    text = decode_text(path)
    try:
        return _bounded_rows(path, csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise SourceFileError(f"{path.name} is not a readable CSV file ({error}).") from None


def cell_text(value: Cell) -> str:
    """A header or label cell as text: 0.0 from an .xls file reads as '0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def find_header_row(
    rows: Sequence[Row], is_header: Callable[[list[str]], bool], limit: int = HEADER_SEARCH_ROWS
) -> int | None:
    for index, row in enumerate(rows[:limit]):
        if is_header([cell_text(c).lower() for c in row]):
            return index
    return None


_COUNT = re.compile(r"^-?\d+(\.0+)?$")


def whole_number(value: Cell, *, where: str) -> int:
    """A published count, from an int, a float with no fraction, or text like '1,234'."""
    if isinstance(value, bool):
        raise SourceFileError(f"{where}: expected a number of people, found {value!r}.")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise SourceFileError(f"{where}: expected a whole number of people, found {value}.")
        number = int(value)
    else:
        text = cell_text(value).replace(",", "")
        if not text:
            raise SourceFileError(
                f"{where} is empty; the file may be cut short, so download it again."
            )
        if not _COUNT.match(text):
            raise SourceFileError(f"{where}: expected a number of people, found '{text}'.")
        number = int(float(text))
    if number < 0:
        raise SourceFileError(f"{where}: a count of people cannot be negative ({number}).")
    return number


GSS_CODE = re.compile(r"^[EWSNKJL]\d{8}$")


def is_area_code(value: Cell) -> bool:
    return bool(GSS_CODE.match(cell_text(value)))


def column_index(header: Sequence[str], accept: Callable[[str], bool]) -> int | None:
    for index, name in enumerate(header):
        if accept(name):
            return index
    return None


#: Cells above a table that link elsewhere in the workbook, not its title (the mid-2019
#: MYE2 sheet starts with a "Contents" link above the title).
_NAVIGATION = re.compile(
    r"^((back|return|go back) to )?(the )?(contents|index|top|notes|cover sheet)( page)?\.?$",
    re.IGNORECASE,
)


def first_title(rows: Iterable[Row]) -> str:
    """The first text above a table that is not a link back to the contents: ONS workbooks
    put the release title there."""
    for row in rows:
        for cell in row:
            text = cell_text(cell)
            if text and not _NAVIGATION.match(text):
                return text
    return ""


def texts_above(rows: Iterable[Row]) -> list[str]:
    """Every text above a table, in order: where a release's year may be written."""
    return [t for row in rows for t in (cell_text(c) for c in row) if t]
