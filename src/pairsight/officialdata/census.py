"""Census 2021 topic summaries (TS021 ethnic group, and sex, age or deprivation) for an area.

ONS publishes each table for every local authority in two layouts, and both are read here:

- the bulk CSV (`census2021-ts021-ltla.csv` inside `census2021-ts021.zip`): one row per area,
  columns `date`, `geography`, `geography code`, then one column per category named
  `<Variable>: <Category>` (`Ethnic group: White: Irish`), with the table total
  (`Ethnic group: Total: All usual residents`) and the high-level groups as sub-totals.
  Some tables add `; measures: Value` (and `; measures: Percent`) to every column name.
- the Nomis CSV (NM_2041_1 for TS021): one row per area and category, with GEOGRAPHY_CODE,
  GEOGRAPHY_NAME, a `C2021_…_NAME` column naming the category, MEASURES_NAME and OBS_VALUE.

Categories are nested by `: ` ("Asian, Asian British or Asian Welsh: Indian" belongs to
"Asian, Asian British or Asian Welsh"), so a comparison can be made at the detailed level
or with the high-level groups (for TS021, the 5 groups). Totals and sub-totals are checked
against the categories, so a cut-short or percentage file is refused, not misread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pairsight.officialdata.errors import AreaNotFoundError, SourceFileError
from pairsight.officialdata.provenance import SourceFile, source_file
from pairsight.officialdata.tables import Table, cell_text, read_table, whole_number

Level = Literal["high", "detailed"]
CENSUS_YEAR = "2021"
#: The tables PAIRsight is asked to compare against, by the name of their variable.
TABLES = {
    "ethnic group": ("TS021", "Ethnic group"),
    "sex": ("TS008", "Sex"),
    "age": ("TS007A", "Age by five-year age bands"),
    "household deprivation": ("TS011", "Households by deprivation dimensions"),
}
#: Nomis classification columns, for files that do not say which table they are.
NOMIS_CLASSIFICATIONS = {"C2021_ETH_20": "ethnic group", "C_SEX": "sex"}
#: A category that applies to nobody counted (TS021's 20th category); never compared.
DOES_NOT_APPLY = "does not apply"
_TABLE_IN_NAME = re.compile(r"\b(ts\d{3}[a-z]?)\b", re.IGNORECASE)
_MEASURE = re.compile(r";\s*measures:\s*(\w+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class CensusArea:
    """One area's counts: each most detailed category, in the file's order."""

    code: str
    name: str
    categories: tuple[tuple[str, int], ...]
    total: int

    def counts(self, level: Level = "high") -> dict[str, int]:
        """Counts by category ("detailed") or by high-level group ("high")."""
        if level == "detailed":
            return dict(self.categories)
        grouped: dict[str, int] = {}
        for label, count in self.categories:
            group = high_level_group(label)
            grouped[group] = grouped.get(group, 0) + count
        return grouped


@dataclass(frozen=True)
class CensusTable:
    table: str  # "TS021"
    title: str  # "Ethnic group"
    year: str
    source: SourceFile
    areas: dict[str, CensusArea]

    def area(self, code: str) -> CensusArea:
        code = code.strip().upper()
        if code not in self.areas:
            listed = ", ".join(list(self.areas)[:5]) + (" …" if len(self.areas) > 5 else "")
            raise AreaNotFoundError(
                f"{self.source.name} has no row for area {code}; it holds {listed}."
            )
        return self.areas[code]

    def describe(self, code: str) -> str:
        """Provenance, as a reader sees it: table, year, area and file."""
        area = self.area(code)
        text = (
            f"Census {self.year} {self.table} ({self.title}), {area.name} ({area.code}): "
            f"{area.total:,} people; file {self.source.name}"
        )
        if self.source.download is not None:
            download = self.source.download
            text += f", downloaded from {download.url} on {download.downloaded[:10]}"
        return text


def high_level_group(label: str) -> str:
    return label.split(": ", 1)[0]


def load_census_table(path: Path | str) -> CensusTable:
    """A Census 2021 table in the ONS bulk layout or as a Nomis CSV."""
    table = read_table(Path(path))
    if not table.rows:
        raise SourceFileError(f"{table.where} is empty; download the table again.")
    header = [cell_text(c) for c in table.rows[0]]
    upper = [h.upper() for h in header]
    if "GEOGRAPHY_CODE" in upper and "OBS_VALUE" in upper:
        return _from_nomis(table, upper)
    lowered = [h.lower() for h in header]
    if "geography code" in lowered:
        return _from_bulk(table, header, lowered.index("geography code"))
    raise SourceFileError(
        f"{table.where} is neither a Census 2021 bulk file (with a 'geography code' column) "
        "nor a Nomis CSV (with GEOGRAPHY_CODE and OBS_VALUE); download the table for local "
        "authorities from ONS or Nomis, or give other figures as a CSV with the columns group "
        "and count (or group and share)."
    )


def _identify(variable: str, path: Path) -> tuple[str, str]:
    found = TABLES.get(variable.strip().lower())
    named = _TABLE_IN_NAME.search(path.name)
    if named:
        return named.group(1).upper(), found[1] if found else variable
    if found:
        return found
    return "Census table", variable


def _from_bulk(table: Table, header: list[str], code_col: int) -> CensusTable:
    columns: list[tuple[int, str]] = []
    total_col: int | None = None
    variable = ""
    for index, name in enumerate(header):
        measure = _MEASURE.search(name)
        if measure and measure.group(1).lower() != "value":
            continue  # percentages repeat the counts; only counts are read
        bare = _MEASURE.sub("", name).strip()
        if ": " not in bare:
            continue
        head, category = bare.split(": ", 1)
        variable = variable or head
        if _is_total(category):
            total_col = index
        elif head == variable:
            columns.append((index, category))
    if total_col is None or not columns:
        raise SourceFileError(
            f"{table.where} has no '<Variable>: Total' column and categories after it; is it "
            "a Census 2021 topic summary as ONS publishes it?"
        )
    labels = [label for _, label in columns]
    leaves = [(i, label) for i, label in columns if not _has_children(label, labels)]
    areas: dict[str, CensusArea] = {}
    for number, row in enumerate(table.rows[1:], start=2):
        if not any(cell_text(c) for c in row):
            continue
        where = f"Row {number} of {table.where}"
        if len(row) < len(header):
            raise SourceFileError(
                f"{where} stops after {len(row)} of {len(header)} columns; the file looks "
                "cut short, so download it again."
            )
        code = cell_text(row[code_col]).upper()
        name = cell_text(row[header.index("geography")]) if "geography" in header else code
        counts = [
            (label, whole_number(row[i], where=f"{where} ({code}), '{label}'"))
            for i, label in leaves
        ]
        total = whole_number(row[total_col], where=f"{where} ({code}), total")
        _check_total(counts, total, f"{where} ({code})")
        _add(areas, CensusArea(code, name, _kept(counts), total), table.where)
    table_code, title = _identify(variable, table.path)
    return CensusTable(
        table_code,
        title,
        CENSUS_YEAR,
        source_file(
            table.path, f"Census {CENSUS_YEAR} {table_code} ({title})", "csv", header_row=1
        ),
        areas,
    )


def _is_total(category: str) -> bool:
    # "Total: All usual residents" (TS021), "All persons" (TS008).
    return category.lower().startswith(("total", "all "))


def _has_children(label: str, labels: Sequence[str]) -> bool:
    return any(other.startswith(label + ": ") for other in labels)


def _kept(counts: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple((label, n) for label, n in counts if label.lower() != DOES_NOT_APPLY or n)


def _check_total(counts: list[tuple[str, int]], total: int, where: str) -> None:
    added = sum(n for _, n in counts)
    if added != total:
        raise SourceFileError(
            f"{where}: the categories add up to {added:,} but the table total is {total:,}; "
            "the file may be cut short or hold percentages, so download the counts again."
        )


def _add(areas: dict[str, CensusArea], area: CensusArea, where: str) -> None:
    if area.code in areas:
        raise SourceFileError(f"{where} lists area {area.code} twice; use one download.")
    areas[area.code] = area


def _from_nomis(table: Table, header: list[str]) -> CensusTable:
    where = table.path.name
    category_col = next(
        (i for i, h in enumerate(header) if h.startswith(("C2021_", "C_")) and h.endswith("_NAME")),
        None,
    )
    if category_col is None:
        raise SourceFileError(
            f"{where} looks like a Nomis download but has no category column (such as "
            "C2021_ETH_20_NAME); download the table with its category names selected."
        )
    code_col, value_col = header.index("GEOGRAPHY_CODE"), header.index("OBS_VALUE")
    name_col = header.index("GEOGRAPHY_NAME") if "GEOGRAPHY_NAME" in header else code_col
    measure_col = header.index("MEASURES_NAME") if "MEASURES_NAME" in header else None
    per_area: dict[str, list[tuple[str, int]]] = {}
    names: dict[str, str] = {}
    totals: dict[str, int] = {}
    for number, row in enumerate(table.rows[1:], start=2):
        if not any(cell_text(c) for c in row):
            continue
        if len(row) < len(header):
            raise SourceFileError(
                f"Row {number} of {where} stops after {len(row)} of {len(header)} columns; "
                "the file looks cut short, so download it again."
            )
        if measure_col is not None and cell_text(row[measure_col]).lower() not in {"value", ""}:
            continue
        code = cell_text(row[code_col]).upper()
        label = cell_text(row[category_col])
        count = whole_number(row[value_col], where=f"Row {number} of {where} ({code}), OBS_VALUE")
        names.setdefault(code, cell_text(row[name_col]))
        if _is_total(label):
            totals[code] = count
        else:
            per_area.setdefault(code, []).append((label, count))
    if not per_area:
        raise SourceFileError(f"{where} has no category rows with counts (measure 'Value').")
    areas: dict[str, CensusArea] = {}
    for code, counts in per_area.items():
        labels = [label for label, _ in counts]
        leaves = [(label, n) for label, n in counts if not _has_children(label, labels)]
        total = totals.get(code, sum(n for _, n in leaves))
        _check_total(leaves, total, f"{where} ({code})")
        _add(areas, CensusArea(code, names[code], _kept(leaves), total), where)
    classification = header[category_col].removesuffix("_NAME")
    variable = NOMIS_CLASSIFICATIONS.get(classification, classification)
    table_code, title = _identify(variable, table.path)
    dataset = f"Census {CENSUS_YEAR} {table_code} ({title}), Nomis"
    return CensusTable(
        table_code, title, CENSUS_YEAR, source_file(table.path, dataset, "csv", header_row=1), areas
    )
