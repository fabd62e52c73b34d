"""The first sheet of an .xlsx workbook with cells in it, read by python-calamine.

Survey exports are one flat sheet of text and numbers. calamine (Rust) reads them several
times faster than openpyxl or a Python XML parser, and recognises dates from the number
format as Excel does. It was measured against PAIRsight's own streaming reader, which it
replaced (benchmarks/survey_import.py).

Before calamine sees the file, every part is held to the limits of `core.containers`: the
zip's sizes and ratios, and the furthest cell each sheet names, so that no reference at
column XFD or row 1,048,576 makes it lay out billions of cells. The workbook's list of
sheets is parsed with defusedxml; calamine's own XML reader expands no entities and fetches
nothing (an entity is refused as an error). A hostile workbook is refused in a sentence.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Sequence
from typing import IO

import numpy as np
import numpy.typing as npt
from python_calamine import CalamineError, CalamineWorkbook

from pairsight.core import containers
from pairsight.core.containers import LimitExceeded

Cell = str | int | float | bool | datetime.datetime | None


class WorkbookError(ValueError):
    """The workbook cannot be read; the message says why in a user's words."""


def read_first_sheet(source: IO[bytes]) -> tuple[str, list[int], npt.NDArray[np.object_]]:
    """The first sheet with cells in it: its name, row numbers and rows (a table of values)."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise WorkbookError("the workbook is damaged (not a complete .xlsx file)") from None
    with archive:
        try:
            sheets = _checked_sheets(archive)
        except WorkbookError:
            raise
        except LimitExceeded as error:
            raise WorkbookError(str(error)) from None
        except containers.xml_errors() as error:
            raise WorkbookError(containers.xml_problem(error)) from None
        except (zipfile.BadZipFile, EOFError, ValueError):
            # A part that fails its CRC or ends early: the file was cut short.
            raise WorkbookError("the workbook is damaged (a part of it cannot be read)") from None
    source.seek(0)
    try:
        workbook = CalamineWorkbook.from_filelike(source)
        for index, name in enumerate(sheets):
            numbers, rows = _rows(workbook, index)
            if len(rows):
                return name, numbers, rows
    except CalamineError as error:
        raise WorkbookError(_calamine_problem(error)) from None
    return sheets[0], [], _EMPTY


def _checked_sheets(archive: zipfile.ZipFile) -> list[str]:
    containers.check_zip(archive)
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise WorkbookError("it is not an Excel workbook")
    try:
        sheets = containers.sheet_parts(archive)
    except LookupError:
        raise WorkbookError("the workbook has no sheets") from None
    for sheet_name, sheet_path in sheets:
        if sheet_path not in names:
            raise WorkbookError(f"its sheet {sheet_name!r} is missing from the file")
        containers.check_sheet_extent(archive, sheet_path)
    return [name for name, _ in sheets]


def _rows(workbook: CalamineWorkbook, index: int) -> tuple[list[int], npt.NDArray[np.object_]]:
    sheet = workbook.get_sheet_by_index(index)
    start = sheet.start
    if start is None:
        return [], _EMPTY
    first_row, first_column = start
    raw = sheet.to_python(skip_empty_area=True)
    width = max(map(len, raw), default=0)
    if not width:
        return [], _EMPTY
    grid = _laid_out(raw, width)
    # calamine writes "" for an empty cell (and for an error such as #N/A): no answer;
    # and a date-and-time at midnight as a date, which Excel shows as the date-and-time.
    # Both are found across the whole grid at once (one comparison per cell in C).
    empty = grid == ""
    grid[empty] = None
    dates = np.asarray(_type_of(grid) == datetime.date, dtype=bool)
    if dates.any():
        midnights = np.empty(int(dates.sum()), dtype=object)
        midnights[:] = [_midnight(day) for day in grid[dates]]
        grid[dates] = midnights
    kept = ~empty.all(axis=1)
    if first_column:
        grid = np.hstack([np.full((grid.shape[0], first_column), None, dtype=object), grid])
    numbers = (np.flatnonzero(kept) + first_row + 1).tolist()
    return numbers, grid[kept]


def _laid_out(raw: Sequence[Sequence[object]], width: int) -> npt.NDArray[np.object_]:
    """The rows as one table of cells (a row shorter than the widest ends in empties)."""
    if all(len(row) == width for row in raw):  # calamine's rows are of one width
        grid: npt.NDArray[np.object_] = np.array(raw, dtype=object)
        if grid.shape == (len(raw), width):
            return grid
    grid = np.empty((len(raw), width), dtype=object)
    for index, row in enumerate(raw):
        grid[index, : len(row)] = row
        grid[index, len(row) :] = ""
    return grid


_type_of = np.frompyfunc(type, 1, 1)
_EMPTY: npt.NDArray[np.object_] = np.empty((0, 0), dtype=object)


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day)


def _calamine_problem(error: Exception) -> str:
    text = repr(error)  # calamine's message can be a bare tag name; its kind is in the repr
    if "entity" in text.lower():
        return "it declares XML entities, which no spreadsheet needs (refused for safety)"
    if "xml" in text.lower():
        return "its XML is malformed; the file may be damaged, so export or download it again"
    return "the workbook is damaged (a part of it cannot be read)"
