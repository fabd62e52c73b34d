"""A streaming reader for the first sheet of an .xlsx workbook.

Survey exports are one flat sheet of text and numbers. Reading the sheet's XML directly is
several times faster than openpyxl (which pandas.read_excel uses): a 100,000-response Forms
export loads in a fraction of the time, and the importer reads the file once only. Dates
are recognised from the cell's number format as Excel does.

Every part is held to the limits of `core.containers` before it is read, and parsed with
defusedxml: a workbook is someone else's file, and a hostile one is refused in a sentence.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import zipfile
from typing import IO
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from pairsight.core import containers
from pairsight.core.containers import LimitExceeded

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_BUILTIN_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_DIGITS = "0123456789"
_EPOCH_1900 = datetime.datetime(1899, 12, 30)
_EPOCH_1904 = datetime.datetime(1904, 1, 1)

Cell = str | int | float | bool | datetime.datetime | None


class WorkbookError(ValueError):
    """The workbook cannot be read; the message says why in a user's words."""


def read_first_sheet(source: IO[bytes]) -> tuple[str, list[int], list[list[Cell]]]:
    """The first sheet with cells in it: its name, row numbers and rows (lists of values)."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise WorkbookError("the workbook is damaged (not a complete .xlsx file)") from None
    with archive:
        try:
            return _read(archive)
        except WorkbookError:
            raise
        except LimitExceeded as error:
            raise WorkbookError(str(error)) from None
        except containers.xml_errors() as error:
            raise WorkbookError(containers.xml_problem(error)) from None
        except (zipfile.BadZipFile, EOFError, IndexError, ValueError):
            # A part that fails its CRC or ends early, or a cell naming a string that is
            # not there: the file was cut short or edited by hand.
            raise WorkbookError("the workbook is damaged (a part of it cannot be read)") from None


def _read(archive: zipfile.ZipFile) -> tuple[str, list[int], list[list[Cell]]]:
    containers.check_zip(archive)
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise WorkbookError("it is not an Excel workbook")
    sheets, date1904 = _sheets(archive)
    strings = _shared_strings(archive) if "xl/sharedStrings.xml" in names else []
    date_styles = _date_styles(archive) if "xl/styles.xml" in names else frozenset()
    # The first sheet with anything in it: a cover sheet or an emptied first sheet is
    # passed over, as a person opening the file would.
    for sheet_name, sheet_path in sheets:
        if sheet_path not in names:
            raise WorkbookError(f"its sheet {sheet_name!r} is missing from the file")
        with archive.open(sheet_path) as sheet:
            numbers, rows = _rows(sheet, strings, date_styles, date1904)
        if rows:
            return sheet_name, numbers, rows
    return sheets[0][0], [], []


def _sheets(archive: zipfile.ZipFile) -> tuple[list[tuple[str, str]], bool]:
    """Each sheet's name and part, in the workbook's order, and the date system."""
    workbook = ElementTree.fromstring(containers.read_part(archive, "xl/workbook.xml"))
    properties = workbook.find(f"{MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904") in {"1", "true"}
    listed = workbook.find(f"{MAIN}sheets")
    if listed is None or not len(listed):
        raise WorkbookError("the workbook has no sheets")
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        rels = ElementTree.fromstring(containers.read_part(archive, "xl/_rels/workbook.xml.rels"))
        targets = {
            rel.get("Id", ""): rel.get("Target", "") for rel in rels.iter(f"{RELS}Relationship")
        }
    sheets = []
    for number, sheet in enumerate(listed, start=1):
        target = targets.get(sheet.get(f"{DOC_RELS}id", ""), "") or f"worksheets/sheet{number}.xml"
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        sheets.append((sheet.get("name", f"Sheet{number}"), posixpath.normpath(path)))
    return sheets, date1904


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _, element in ElementTree.iterparse(handle):
            if element.tag == f"{MAIN}si":
                strings.append(_text(element))
                element.clear()
    return strings


def _text(element: Element) -> str:
    """A string item's text: its own <t>, or its rich-text runs, never phonetic hints."""
    direct = element.find(f"{MAIN}t")
    if direct is not None:
        return direct.text or ""
    return "".join((t.text or "") for r in element.iter(f"{MAIN}r") for t in r.iter(f"{MAIN}t"))


def _date_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    styles = ElementTree.fromstring(containers.read_part(archive, "xl/styles.xml"))
    custom_dates = set()
    formats = styles.find(f"{MAIN}numFmts")
    for number_format in formats if formats is not None else []:
        code = _QUOTED.sub("", number_format.get("formatCode", ""))
        if _DATE_CODE.search(code):
            custom_dates.add(int(number_format.get("numFmtId", "-1")))
    cell_formats = styles.find(f"{MAIN}cellXfs")
    dates = set()
    for index, xf in enumerate(cell_formats if cell_formats is not None else []):
        format_id = int(xf.get("numFmtId", "0"))
        if format_id in _BUILTIN_DATE_FORMATS or format_id in custom_dates:
            dates.add(index)
    return frozenset(dates)


def _rows(
    sheet: IO[bytes], strings: list[str], date_styles: frozenset[int], date1904: bool
) -> tuple[list[int], list[list[Cell]]]:
    numbers: list[int] = []
    rows: list[list[Cell]] = []
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    row_tag, value_tag, inline_tag = f"{MAIN}row", f"{MAIN}v", f"{MAIN}is"
    last_row = 0
    cells = 0
    positions: dict[str, int] = {}  # column letters → position, worked out once each
    for _, element in ElementTree.iterparse(sheet):
        if element.tag != row_tag:
            continue
        number = int(element.get("r") or last_row + 1)
        last_row = number
        values: list[Cell] = []
        for cell in element:
            ref = cell.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                position = positions.get(letters)
                if position is None:
                    position = positions[letters] = containers.column_position(letters)
                if position > len(values):
                    values.extend([None] * (position - len(values)))
            kind = cell.get("t")
            if kind == "s":
                raw = cell.findtext(value_tag)
                values.append(None if raw is None else strings[int(raw)])
                continue
            if kind == "inlineStr":
                inline = cell.find(inline_tag)
                values.append(_text(inline) if inline is not None else None)
                continue
            raw = cell.findtext(value_tag)
            if raw is None or kind == "e":
                values.append(None)  # an empty cell, or #N/A and friends: no answer
            elif kind == "str":
                values.append(raw)
            elif kind == "b":
                values.append(raw == "1")
            elif kind == "d":
                values.append(_iso_date(raw))
            else:
                values.append(_number(raw, cell.get("s"), date_styles, epoch))
        element.clear()
        if any(v is not None and v != "" for v in values):
            numbers.append(number)
            rows.append(values)
            cells += len(values)
            if cells > containers.LIMITS.cells:
                containers.check_cells(len(rows), cells // len(rows) + 1)
            if len(rows) > containers.LIMITS.rows:
                containers.check_rows(len(rows))
    return numbers, rows


def _number(
    raw: str, style: str | None, date_styles: frozenset[int], epoch: datetime.datetime
) -> Cell:
    try:
        value = float(raw)
    except ValueError:
        return raw
    if style is not None and int(style) in date_styles:
        # Serial days carry float error: round to the millisecond, as Excel displays them.
        return epoch + datetime.timedelta(milliseconds=round(value * 86_400_000))
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _iso_date(raw: str) -> Cell:
    try:
        return datetime.datetime.fromisoformat(raw)
    except ValueError:
        return raw
