"""ONS mid-year population estimates: the MYE2 workbook sheet and the Nomis NM_2002_1 CSV.

The workbook (`MYE2 - Persons`, .xls before mid-2022 and .xlsx since) has a title block
above the header row, and the header row moves between releases (row 5 in mid-2019, row 8
in mid-2020 to mid-2022), so the header is found, not assumed. Its columns are Code, Name,
Geography (Geography1 in older releases), All ages, 0 … 89 and 90+.

Nomis serves the same estimates as dataset NM_2002_1 in long form: one row per area, age
(C_AGE 101 = age 0 … 191 = age 90+, 200 = all ages), sex and date.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pairsight.officialdata.areas import AreaIndex, Tier, area_index, is_local_authority
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.provenance import SourceFile, source_file
from pairsight.officialdata.tables import (
    GSS_CODE,
    Cell,
    FileKind,
    Row,
    Table,
    cell_text,
    find_header_row,
    first_title,
    read_table,
    sniff,
    texts_above,
    whole_number,
)

MYE_SHEET = "MYE2 - Persons"
DATASET = "ONS mid-year population estimates"
NOMIS_DATASET = "ONS mid-year population estimates (Nomis NM_2002_1)"
AGE_LABELS = tuple(str(a) for a in range(90)) + ("90+",)
_PERIOD = re.compile(r"\bmid[- ]?(\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True)
class AreaPopulation:
    """Children aged 0 and 1 in one area, from one file."""

    code: str
    name: str
    geography: str
    age_0: int
    age_1: int
    period: str
    source: SourceFile

    @property
    def under_two(self) -> int:
        return self.age_0 + self.age_1

    def describe(self) -> str:
        period = f"{self.period} " if self.period else ""
        return (
            f"{period}children aged 0 ({self.age_0:,}) + aged 1 ({self.age_1:,}) = "
            f"{self.under_two:,} in {self.name} ({self.code}), from {self.source.describe()}"
        )


@dataclass(frozen=True)
class MidYearEstimates:
    """Every area in the file with its population by single year of age."""

    source: SourceFile
    period: str  # "Mid-2022", or "" when the file does not say
    areas: AreaIndex
    geographies: tuple[str, ...]
    age_labels: tuple[str, ...]
    ages: npt.NDArray[np.int64]  # one row per area, one column per label in age_labels

    def __len__(self) -> int:
        return len(self.areas)

    @property
    def codes(self) -> tuple[str, ...]:
        return self.areas.codes

    @property
    def names(self) -> tuple[str, ...]:
        return self.areas.names

    def age(self, label: str) -> npt.NDArray[np.int64]:
        if label not in self.age_labels:
            raise SourceFileError(
                f"{self.source.describe()} has no figures for age {label}; "
                "download it with ages 0 and 1 included."
            )
        return self.ages[:, self.age_labels.index(label)]

    def under_two_all(self) -> npt.NDArray[np.int64]:
        return self.age("0") + self.age("1")

    def area(self, code: str) -> AreaPopulation:
        index = self.areas.position(code)
        return AreaPopulation(
            code=self.codes[index],
            name=self.names[index],
            geography=self.geographies[index],
            age_0=int(self.age("0")[index]),
            age_1=int(self.age("1")[index]),
            period=self.period,
            source=self.source,
        )

    def local_authorities(self, tier: Tier = Tier.ALL) -> npt.NDArray[np.bool_]:
        return np.fromiter(
            (is_local_authority(c, tier) for c in self.codes), dtype=bool, count=len(self.codes)
        )


def load_mid_year_estimates(path: Path | str, sheet: str = MYE_SHEET) -> MidYearEstimates:
    """The ONS workbook (.xls or .xlsx), a CSV saved from its sheet, or a Nomis NM_2002_1 CSV."""
    path = Path(path)
    kind = sniff(path)
    if kind is FileKind.CSV:
        table = read_table(path)
        if table.rows and "GEOGRAPHY_CODE" in {cell_text(c).upper() for c in table.rows[0]}:
            return _from_nomis(table)
        return _from_wide(table)
    return _from_wide(read_table(path, sheet, purpose="ONS mid-year estimates workbook"))


def _is_mye_header(cells: list[str]) -> bool:
    return "code" in cells and "all ages" in cells and "0" in cells


def _from_wide(table: Table) -> MidYearEstimates:
    rows = table.rows
    header_at = find_header_row(rows, _is_mye_header)
    if header_at is None:
        raise SourceFileError(
            f"{table.where} has no header row with Code, Name, Geography, All ages and ages "
            "0 to 90+ in its first 40 rows; is this the ONS mid-year estimates "
            f"'{MYE_SHEET}' sheet?"
        )
    header = [cell_text(c).lower() for c in rows[header_at]]
    row_number = header_at + 1

    def column(label: str, *, startswith: bool = False) -> int:
        for index, name in enumerate(header):
            if name == label or (startswith and name.startswith(label)):
                return index
        raise SourceFileError(
            f"The header row (row {row_number}) of {table.where} has no '{label}' column."
        )

    code_col = column("code")
    name_col = column("name")
    geography_col = column("geography", startswith=True)
    first_at: dict[str, int] = {}
    for index, name in enumerate(header):
        first_at.setdefault(name, index)
    age_cols = []
    for label in AGE_LABELS:
        accepted = [label.lower(), *(("90 and over", "90 +") if label == "90+" else ())]
        found = min((first_at[a] for a in accepted if a in first_at), default=None)
        if found is None:
            raise SourceFileError(
                f"The header row (row {row_number}) of {table.where} has no column for "
                f"age {label}; the mid-year estimates need every age from 0 to 90+."
            )
        age_cols.append(found)

    codes: list[str] = []
    names: list[str] = []
    geographies: list[str] = []
    picked: list[tuple[Cell, ...]] = []
    numbers: list[int] = []
    pick = operator.itemgetter(*age_cols)
    width = max(age_cols) + 1
    for offset, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if len(row) <= code_col:
            continue
        code = cell_text(row[code_col])
        if not GSS_CODE.match(code):
            continue
        if len(row) < width:
            raise SourceFileError(
                f"Row {offset} of {table.where} ({code}) stops after {len(row)} of "
                f"{width} columns; the file looks cut short, so download it again."
            )
        picked.append(pick(row))
        numbers.append(offset)
        codes.append(code)
        names.append(cell_text(row[name_col]))
        geographies.append(cell_text(row[geography_col]))
    if not codes:
        raise SourceFileError(
            f"{table.where} has a header row (row {row_number}) but no area rows with ONS "
            "codes below it; the file may be cut short."
        )
    _refuse_duplicates(codes, table.where)
    title = first_title(rows[:header_at])
    return MidYearEstimates(
        source=source_file(
            table.path,
            DATASET,
            table.kind.value,
            sheet=table.sheet,
            header_row=row_number,
            title=title,
        ),
        period=_period(title, *texts_above(rows[:header_at]), table.sheet, table.path.name),
        areas=area_index(codes, names, table.where),
        geographies=tuple(geographies),
        age_labels=AGE_LABELS,
        ages=_ages(picked, numbers, codes, table.where),
    )


def _ages(
    picked: Sequence[tuple[Cell, ...]], numbers: Sequence[int], codes: Sequence[str], where: str
) -> npt.NDArray[np.int64]:
    """The counts as one array. Published counts are all int (xlsx) or all integral float
    (xls), which numpy checks at once; any other cell sends its row through the careful
    parse, which names the row, area and age."""
    kinds = set(map(type, itertools.chain.from_iterable(picked)))
    if kinds <= {int, float}:
        array = np.asarray(picked, dtype=np.float64 if float in kinds else np.int64)
        if array.size == 0 or array.min() >= 0:
            if float not in kinds:
                return array.astype(np.int64, copy=False)
            if (np.mod(array, 1) == 0).all() and array.max() < 2**53:  # exact in a float
                return array.astype(np.int64)
    values = [
        _counts(row, f"Row {number} of {where} ({code})")
        for row, number, code in zip(picked, numbers, codes, strict=True)
    ]
    return np.asarray(values, dtype=np.int64)


def _counts(row: Sequence[Cell], where: str) -> list[int]:
    counts = []
    for value, label in zip(row, AGE_LABELS, strict=True):
        # Published counts arrive as int (xlsx) or integral float (xls); only the odd cell
        # pays for the careful parse and its message.
        if type(value) is int and value >= 0:
            counts.append(value)
        elif type(value) is float and value.is_integer() and value >= 0:
            counts.append(int(value))
        else:
            counts.append(whole_number(value, where=f"{where}, age {label}"))
    return counts


def _refuse_duplicates(codes: Sequence[str], where: str) -> None:
    if len(set(codes)) == len(codes):
        return
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise SourceFileError(
                f"{where} lists area {code} twice; use one release of the estimates."
            )
        seen.add(code)


def _period(*texts: str) -> str:
    for text in texts:
        match = _PERIOD.search(text)
        if match:
            return f"Mid-{match.group(1)}"
    return ""


# Nomis C_AGE codes: 101 is age 0 … 190 is age 89, 191 is 90 and over, 200 all ages.
_NOMIS_FIRST_AGE = 101
_NOMIS_AGE_NAME = re.compile(r"^age[d]?\s+(\d+)\s*(\+|and over)?$", re.IGNORECASE)


def _nomis_age(code: str, name: str) -> str | None:
    if code.isdigit() and _NOMIS_FIRST_AGE <= int(code) <= _NOMIS_FIRST_AGE + 90:
        return AGE_LABELS[int(code) - _NOMIS_FIRST_AGE]
    lowered = name.strip().lower()
    if lowered in {"age under 1", "aged under 1", "under 1"}:
        return "0"
    match = _NOMIS_AGE_NAME.match(name.strip())
    if match:
        age = int(match.group(1))
        if match.group(2) or age >= 90:
            return "90+" if age == 90 else None
        return str(age)
    return None


def _from_nomis(table: Table) -> MidYearEstimates:
    header = [cell_text(c).upper() for c in table.rows[0]]
    where = table.path.name

    def column(name: str) -> int | None:
        return header.index(name) if name in header else None

    code_col, value_col = column("GEOGRAPHY_CODE"), column("OBS_VALUE")
    age_code_col, age_name_col = column("C_AGE"), column("C_AGE_NAME")
    if value_col is None or code_col is None or (age_code_col is None and age_name_col is None):
        raise SourceFileError(
            f"{where} looks like a Nomis download but lacks GEOGRAPHY_CODE, C_AGE or "
            "C_AGE_NAME, or OBS_VALUE; download NM_2002_1 with those columns selected."
        )
    name_col, type_col = column("GEOGRAPHY_NAME"), column("GEOGRAPHY_TYPE")
    date_col = column("DATE_NAME") if column("DATE_NAME") is not None else column("DATE")
    gender_col, gender_name_col = column("GENDER"), column("GENDER_NAME")
    measure_col, measure_name_col = column("MEASURES"), column("MEASURES_NAME")

    def text(row: Row, index: int | None) -> str:
        return cell_text(row[index]) if index is not None and index < len(row) else ""

    dates = {text(r, date_col) for r in table.rows[1:] if r}
    latest = max(dates) if dates else ""
    cells: dict[tuple[str, str], int] = {}
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    order: list[str] = []
    for number, row in enumerate(table.rows[1:], start=2):
        if not any(cell_text(c) for c in row):
            continue
        if len(row) < len(header):
            raise SourceFileError(
                f"Row {number} of {where} stops after {len(row)} of {len(header)} columns; "
                "the file looks cut short, so download it again."
            )
        if text(row, date_col) != latest:
            continue
        if gender_col is not None and text(row, gender_col) not in {"0", ""}:
            continue
        if gender_col is None and text(row, gender_name_col).lower() not in {"total", "", "all"}:
            continue
        if measure_col is not None and text(row, measure_col) not in {"20100", ""}:
            continue
        if measure_col is None and text(row, measure_name_col).lower() not in {"value", ""}:
            continue
        age = _nomis_age(text(row, age_code_col), text(row, age_name_col))
        if age is None:
            continue
        code = text(row, code_col)
        if code not in names:
            order.append(code)
            names[code] = text(row, name_col)
            types[code] = text(row, type_col)
        cells[(code, age)] = whole_number(
            row[value_col], where=f"Row {number} of {where} ({code}), OBS_VALUE"
        )
    if not order:
        raise SourceFileError(
            f"{where} has no single-year-of-age rows for persons; download NM_2002_1 with "
            "C_AGE 101 and 102 (ages 0 and 1) and GENDER 0 (total)."
        )
    labels = tuple(a for a in AGE_LABELS if any((c, a) in cells for c in order))
    ages = np.zeros((len(order), len(labels)), dtype=np.int64)
    for i, code in enumerate(order):
        for j, label in enumerate(labels):
            if (code, label) not in cells:
                raise SourceFileError(
                    f"{where} has no age {label} figure for {code} ({names[code]}); the "
                    "download may be incomplete."
                )
            ages[i, j] = cells[(code, label)]
    period = _period(latest) or (f"Mid-{latest}" if re.fullmatch(r"\d{4}", latest) else latest)
    return MidYearEstimates(
        source=source_file(table.path, NOMIS_DATASET, "csv", header_row=1, title=latest),
        period=period,
        areas=area_index(order, [names[c] for c in order], where),
        geographies=tuple(types[c] for c in order),
        age_labels=labels,
        ages=ages,
    )
