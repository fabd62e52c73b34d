"""A recommendations register as a table: read from CSV/XLSX, written to CSV/XLSX.

The columns are those of the Word table teams already keep (Birmingham's: Recommendation /
Who is the recommendation for / How can the recommendation be achieved / Next steps), plus
Category. A file is read whole and checked whole: any problem names its row and column and
nothing is returned, so the caller stores all of it or none of it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook

from pairsight.core.cells import neutralise_cell

RECOMMENDATION = "Recommendation"
AUDIENCE = "Who is the recommendation for"
HOW = "How can the recommendation be achieved"
NEXT_STEPS = "Next steps"
CATEGORY = "Category"
REQUIRED = (RECOMMENDATION, AUDIENCE, HOW, NEXT_STEPS, CATEGORY)
OPTIONAL = ("Number", "Title", "Owner", "Priority", "Status", "Evidence")
EXPORT_COLUMNS = (
    "Number",
    CATEGORY,
    "Title",
    RECOMMENDATION,
    AUDIENCE,
    HOW,
    NEXT_STEPS,
    "Owner",
    "Priority",
    "Status",
    "Evidence",
)

MAX_BYTES = 5_000_000
MAX_ROWS = 2_000
MAX_COLUMNS = 50
#: An XLSX is a zip; one that unpacks to far more than it weighs is refused unopened.
MAX_EXPANSION = 100
TITLE_LENGTH = 120


class RegisterFileError(ValueError):
    """The file cannot become a register; `problems` say where, row and column."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class RegisterRow:
    row: int  # the row number in the file (the header is row 1)
    category: str
    title: str
    text: str
    audience: str
    how_achieved: str
    next_steps: str
    owner: str = ""
    priority: str = ""
    status: str = ""


def _clean(value: str) -> str:
    # Keep the lines of a multi-line cell (next steps are often a list), tidy each one.
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def _grid(content: bytes, file_name: str) -> list[list[str]]:
    if len(content) > MAX_BYTES:
        raise RegisterFileError([f"{file_name} is larger than {MAX_BYTES // 1_000_000} MB."])
    if file_name.lower().endswith(".xlsx"):
        return _xlsx_grid(content, file_name)
    if file_name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        return [list(r) for r in csv.reader(io.StringIO(text))]
    raise RegisterFileError([f"{file_name}: choose a .csv or .xlsx file."])


def _xlsx_grid(content: bytes, file_name: str) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > max(len(content), 1) * MAX_EXPANSION:
            raise RegisterFileError([f"{file_name} unpacks to too much data to be a register."])
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise RegisterFileError([f"{file_name} is not a readable Excel file ({error})."]) from None
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
        rows.append(["" if v is None else str(v) for v in values])
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def _category_key(name: str) -> str:
    # "4. Training the workforce" and "training the workforce" name the same category.
    return re.sub(r"^\d+[.)]?\s*", "", " ".join(name.split())).casefold()


def read_register(content: bytes, file_name: str, categories: Iterable[str]) -> list[RegisterRow]:
    """The file's recommendations, or `RegisterFileError` naming every row and column at fault."""
    grid = [row for row in _grid(content, file_name) if any(cell.strip() for cell in row)]
    if not grid:
        raise RegisterFileError([f"{file_name} is empty: row 1 needs the column headings."])
    if len(grid) > MAX_ROWS + 1:
        raise RegisterFileError([f"{file_name} has more than {MAX_ROWS} recommendations."])
    headers = [" ".join(h.split()) for h in grid[0]]
    index = {h.casefold(): i for i, h in enumerate(headers) if h}
    missing = [c for c in REQUIRED if c.casefold() not in index]
    if missing:
        raise RegisterFileError(
            [
                f"Row 1, column {c!r}: this column is missing (the headings are "
                f"{', '.join(REQUIRED)})."
                for c in missing
            ]
        )
    known = {_category_key(name): name for name in categories}
    problems: list[str] = []
    found: list[RegisterRow] = []
    for number, cells in enumerate(grid[1:], start=2):

        def cell(column: str, cells: list[str] = cells) -> str:
            at = index.get(column.casefold())
            return _clean(cells[at]) if at is not None and at < len(cells) else ""

        text = cell(RECOMMENDATION)
        if not text:
            problems.append(
                f"Row {number}, column {RECOMMENDATION!r}: the recommendation is empty."
            )
        category = known.get(_category_key(cell(CATEGORY)))
        if category is None:
            problems.append(
                f"Row {number}, column {CATEGORY!r}: {cell(CATEGORY)!r} is not one of this "
                "register's categories (add it to the category list first)."
            )
        if problems:
            continue
        assert category is not None
        found.append(
            RegisterRow(
                row=number,
                category=category,
                title=cell("Title") or _title_from(text),
                text=text,
                audience=cell(AUDIENCE),
                how_achieved=cell(HOW),
                next_steps=cell(NEXT_STEPS),
                owner=cell("Owner"),
                priority=cell("Priority"),
                status=cell("Status"),
            )
        )
    if problems:
        raise RegisterFileError(problems)
    return found


def _title_from(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rstrip() + "…"


def register_csv(rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows([neutralise_cell(str(v)) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def register_xlsx(rows: Iterable[Sequence[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Recommendations"
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        sheet.append([neutralise_cell(str(v)) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
