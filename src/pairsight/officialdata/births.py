"""Live births by area of usual residence of the mother (ONS birth registrations).

ONS publishes these in workbooks whose table sits under a title block, on a sheet such as
`Table_1` (recent releases) or `Table 1`, with columns like "Area of usual residence Code",
"Area of usual residence Name" and "Number of live births" (some releases add Sex and
Registration type, one row for each). The loader finds the sheet and header row itself and
keeps the all-births, all-registrations row for each area. A CSV with a code column and a
live-births column (a Nomis extract, or a table saved as CSV) reads the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pairsight.officialdata.areas import AreaIndex, area_index
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.provenance import SourceFile, source_file
from pairsight.officialdata.tables import (
    FileKind,
    Table,
    cell_text,
    find_header_row,
    first_title,
    is_area_code,
    read_table,
    sheet_names,
    sniff,
    whole_number,
)

DATASET = "ONS live births by area of usual residence of mother"
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_ALL = ("all", "persons", "total")


def _is_code(name: str) -> bool:
    return "code" in name


def _is_births(name: str) -> bool:
    return "live births" in name or name in {"births", "live_births", "obs_value"}


def _is_births_header(cells: list[str]) -> bool:
    return any(_is_code(c) for c in cells) and any(_is_births(c) for c in cells)


@dataclass(frozen=True)
class AreaBirths:
    code: str
    name: str
    births: int
    period: str
    source: SourceFile

    def describe(self) -> str:
        period = f" in {self.period}" if self.period else ""
        return (
            f"{self.births:,} live births{period} to mothers living in {self.name} "
            f"({self.code}), from {self.source.describe()}"
        )


@dataclass(frozen=True)
class Births:
    source: SourceFile
    period: str
    areas: AreaIndex
    counts: npt.NDArray[np.int64]

    def area(self, code: str) -> AreaBirths:
        index = self.areas.position(code)
        return AreaBirths(
            code=self.areas.codes[index],
            name=self.areas.names[index],
            births=int(self.counts[index]),
            period=self.period,
            source=self.source,
        )


def load_births(path: Path | str, sheet: str | None = None) -> Births:
    path = Path(path)
    if sniff(path) is FileKind.CSV:
        return _read(read_table(path))
    if sheet is not None:
        return _read(
            read_table(path, sheet, purpose="ONS births by area of usual residence workbook")
        )
    names = sheet_names(path)
    if any(n.upper().startswith(("MYE1", "MYE2", "MYE3", "MYE4", "MYE5")) for n in names):
        # MYE3's "Births" column counts births in the year to mid-year, by the estimates'
        # method: not the registered live births this loader stands for.
        raise SourceFileError(
            f"{path.name} is the ONS mid-year population estimates workbook (its sheets "
            "include MYE2 and MYE3), not births by area of usual residence; give it to --mye, "
            "and give --births-file the ONS live births workbook."
        )
    for name in names:
        table = read_table(path, name)
        if find_header_row(table.rows, _is_births_header) is not None:
            return _read(table)
    raise SourceFileError(
        f"No sheet of {path.name} has a table with an area code column and a live births "
        "column; is this the ONS births by area of usual residence workbook?"
    )


def _read(table: Table) -> Births:
    rows = table.rows
    header_at = find_header_row(rows, _is_births_header)
    if header_at is None:
        raise SourceFileError(
            f"{table.where} has no header row with an area code column and a live births "
            "column in its first 40 rows; is this the ONS births by area workbook?"
        )
    header = [cell_text(c).lower() for c in rows[header_at]]
    code_col = next(i for i, h in enumerate(header) if _is_code(h))
    births_col = next(i for i, h in enumerate(header) if _is_births(h))
    name_col = next(
        (i for i, h in enumerate(header) if "name" in h and i != code_col),
        code_col,
    )
    filters = [i for i, h in enumerate(header) if h in {"sex", "registration type", "gender_name"}]
    year_col = next((i for i, h in enumerate(header) if h in {"year", "date", "date_name"}), None)

    codes: list[str] = []
    names: list[str] = []
    counts: list[int] = []
    years: set[str] = set()
    seen: set[str] = set()
    width = max([code_col, births_col, name_col, *filters]) + 1
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if len(row) <= code_col or not is_area_code(row[code_col]):
            continue
        code = cell_text(row[code_col])
        if len(row) < width:
            raise SourceFileError(
                f"Row {number} of {table.where} ({code}) stops after {len(row)} columns; the "
                "file looks cut short, so download it again."
            )
        if not all(_is_all(row[i]) for i in filters):
            continue
        if year_col is not None:
            years.add(cell_text(row[year_col]))
        if code in seen:
            raise SourceFileError(
                f"{table.where} lists area {code} twice (row {number}); keep one year, or "
                "one row per area."
            )
        seen.add(code)
        codes.append(code)
        names.append(cell_text(row[name_col]))
        counts.append(
            whole_number(row[births_col], where=f"Row {number} of {table.where} ({code}), births")
        )
    if not codes:
        raise SourceFileError(
            f"{table.where} has a births header (row {header_at + 1}) but no area rows with "
            "ONS codes below it; the file may be cut short."
        )
    title = first_title(rows[:header_at])
    period = ", ".join(sorted(years)) if years else _year(title, table.sheet, table.path.name)
    return Births(
        source=source_file(
            table.path,
            DATASET,
            table.kind.value,
            sheet=table.sheet,
            header_row=header_at + 1,
            title=title,
        ),
        period=period,
        areas=area_index(codes, names, table.where),
        counts=np.asarray(counts, dtype=np.int64),
    )


def _is_all(value: object) -> bool:
    # Only the row for all births and all registration types counts; blank means no split.
    text = cell_text(value).lower()
    return not text or text.startswith(_ALL)


def _year(*texts: str) -> str:
    for text in texts:
        match = _YEAR.search(text)
        if match:
            return match.group(0)
    return ""
