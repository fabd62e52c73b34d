"""ONS subnational population projections: `2018 SNPP Population persons.csv`.

One row per area and single year of age, then one column per projected year:
AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP, 2018, 2019, … 2043 (AGE_GROUP runs "0"
… "89", "90 and over", "All ages"). Projected counts carry decimals; the under-two figure
for a year is ages 0 and 1 added exactly, then rounded to whole children (halves up) for
the need model, and the rounding is stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from pairsight.officialdata.areas import AreaIndex, area_index
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.provenance import SourceFile, source_file
from pairsight.officialdata.tables import FileKind, cell_text, read_table, sniff

DATASET = "ONS subnational population projections"
_YEAR = re.compile(r"^(19|20)\d{2}$")
REQUIRED = ("AREA_CODE", "AREA_NAME", "AGE_GROUP")


@dataclass(frozen=True)
class ProjectedYear:
    year: int
    age_0: Decimal
    age_1: Decimal

    @property
    def under_two_exact(self) -> Decimal:
        return self.age_0 + self.age_1

    @property
    def under_two(self) -> int:
        """Whole children, halves rounded up, as the need model counts them."""
        exact = Fraction(self.under_two_exact)
        return int(exact + Fraction(1, 2)) if exact >= 0 else 0


@dataclass(frozen=True)
class AreaProjection:
    code: str
    name: str
    years: tuple[ProjectedYear, ...]
    source: SourceFile

    def describe(self) -> str:
        return (
            f"projected children aged 0 and 1 in {self.name} ({self.code}), "
            f"{self.years[0].year}–{self.years[-1].year}, from {self.source.describe()}; "
            "projected counts carry decimals and are rounded to whole children"
        )


@dataclass(frozen=True)
class Projections:
    source: SourceFile
    areas: AreaIndex
    years: tuple[int, ...]
    # (area code, age) -> one Decimal per year in `years`
    counts: dict[tuple[str, str], tuple[Decimal, ...]]

    def area(self, code: str, years: range | None = None) -> AreaProjection:
        index = self.areas.position(code)
        wanted = tuple(years) if years is not None else self.years
        outside = [y for y in wanted if y not in self.years]
        if outside:
            raise SourceFileError(
                f"{self.source.path.name} projects {self.years[0]} to {self.years[-1]}; "
                f"{outside[0]} is outside it, so choose years within that range."
            )
        code = self.areas.codes[index]
        try:
            age_0, age_1 = self.counts[(code, "0")], self.counts[(code, "1")]
        except KeyError:
            raise SourceFileError(
                f"{self.source.path.name} has no age 0 and age 1 rows for {code}; the file "
                "may be cut short or filtered to other ages."
            ) from None
        positions = {y: i for i, y in enumerate(self.years)}
        return AreaProjection(
            code=code,
            name=self.areas.names[index],
            years=tuple(ProjectedYear(y, age_0[positions[y]], age_1[positions[y]]) for y in wanted),
            source=self.source,
        )


def load_projections(path: Path | str) -> Projections:
    path = Path(path)
    if sniff(path) is not FileKind.CSV:
        raise SourceFileError(
            f"{path.name} is a workbook; the projections loader reads the ONS CSV "
            "'2018 SNPP Population persons.csv' (AREA_CODE, AREA_NAME, AGE_GROUP, one column "
            "per year)."
        )
    table = read_table(path)
    if not table.rows:
        raise SourceFileError(f"{path.name} is empty; download it again.")
    header = [cell_text(c).upper() for c in table.rows[0]]
    absent = [c for c in REQUIRED if c not in header]
    year_cols = [(i, int(h)) for i, h in enumerate(header) if _YEAR.match(h)]
    if absent or not year_cols:
        missing = ", ".join(absent) if absent else "one column per year"
        raise SourceFileError(
            f"{path.name} is not an ONS subnational projections CSV: its header has no {missing}."
        )
    code_col, name_col, age_col = (header.index(c) for c in REQUIRED)
    component_col = header.index("COMPONENT") if "COMPONENT" in header else None
    sex_col = header.index("SEX") if "SEX" in header else None

    codes: list[str] = []
    names: list[str] = []
    seen: set[str] = set()
    counts: dict[tuple[str, str], tuple[Decimal, ...]] = {}
    for number, row in enumerate(table.rows[1:], start=2):
        if not any(cell_text(c) for c in row):
            continue
        if len(row) < len(header):
            raise SourceFileError(
                f"Row {number} of {path.name} stops after {len(row)} of {len(header)} columns; "
                "the file looks cut short, so download it again."
            )
        if component_col is not None and cell_text(row[component_col]).lower() != "population":
            continue
        if sex_col is not None and cell_text(row[sex_col]).lower() not in {"persons", "all"}:
            continue
        age = cell_text(row[age_col])
        code = cell_text(row[code_col])
        if code not in seen:
            seen.add(code)
            codes.append(code)
            names.append(cell_text(row[name_col]))
        if age not in {"0", "1"}:
            continue
        counts[(code, age)] = tuple(
            _count(row[i], f"Row {number} of {path.name} ({code}, age {age}), year {year}")
            for i, year in year_cols
        )
    if not codes:
        raise SourceFileError(f"{path.name} has a header but no areas; download it again.")
    # The first projected year is the base year: it names the edition (2018-based, 2022-based),
    # which decides the figures, so it travels with every number read from the file.
    edition = f"{DATASET} ({year_cols[0][1]}-based)"
    return Projections(
        source=source_file(path, edition, "csv", header_row=1),
        areas=area_index(codes, names, path.name),
        years=tuple(year for _, year in year_cols),
        counts=counts,
    )


def _count(value: object, where: str) -> Decimal:
    text = cell_text(value).replace(",", "")
    if not text:
        raise SourceFileError(f"{where} is empty; the file looks cut short, so download it again.")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise SourceFileError(f"{where}: expected a number of people, found '{text}'.") from None
    if number < 0 or not number.is_finite():
        raise SourceFileError(f"{where}: a projected count cannot be {text}.")
    return number
