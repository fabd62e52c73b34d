"""English Indices of Deprivation, File 7: the IMD decile of every neighbourhood (LSOA).

Two editions share one layout: IoD2019 (LSOA 2011 codes, local authority districts as of
2019, population denominators for mid-2015) and IoD2025 (LSOA 2021 codes, districts as of
2024, denominators for mid-2022). Columns are found by their published names, so the
year in brackets may move on without breaking the loader.

File 7 has no count of children under two per neighbourhood. Its youngest denominator is
"Dependent Children aged 0-15", which is used as a proxy for the under-twos' spread across
an area's neighbourhoods, and the provenance says so. A file that does carry an under-two
column (a user's own join) is read as such and is not called a proxy.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from pairsight.officialdata.areas import AreaIndex, area_index
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.provenance import SourceFile, source_file
from pairsight.officialdata.tables import FileKind, decode_text, sniff

DATASET = "English Indices of Deprivation, File 7"
DECILE_PREFIX = "index of multiple deprivation (imd) decile"
_LSOA_CODE = re.compile(r"^lsoa code \((\d{4})\)$")
_LSOA_NAME = re.compile(r"^lsoa name \((\d{4})\)$")
_LA_CODE = re.compile(r"^local authority district code \((\d{4})\)$")
_LA_NAME = re.compile(r"^local authority district name \((\d{4})\)$")
_UNDER_TWO = re.compile(r"(aged? 0[-–]1\b|under[- ]?(2|two)\b|0 to 1\b)")
_EDITIONS = {"2011": "IoD2019", "2021": "IoD2025"}


@dataclass(frozen=True)
class Neighbourhoods:
    """The neighbourhoods of one local authority, with deciles and the population used."""

    la_code: str
    la_name: str
    lsoa_codes: tuple[str, ...]
    deciles: npt.NDArray[np.int64]
    populations: npt.NDArray[np.int64]
    population_label: str
    proxy: bool
    source: SourceFile
    edition: str

    def share_in(self, deciles: frozenset[int] = frozenset({1})) -> Fraction:
        total = int(self.populations.sum())
        if total == 0:
            return Fraction(0)
        chosen = int(self.populations[np.isin(self.deciles, sorted(deciles))].sum())
        return Fraction(chosen, total)

    def describe(self) -> str:
        basis = (
            f"{self.population_label}, used as a proxy for where children under two live"
            if self.proxy
            else self.population_label
        )
        return (
            f"{len(self.lsoa_codes):,} neighbourhoods of {self.la_name} ({self.la_code}) in "
            f"{self.edition}; population: {basis}; from {self.source.describe()}"
        )


@dataclass(frozen=True)
class DeprivationTable:
    source: SourceFile
    edition: str  # IoD2019 or IoD2025
    lsoa_year: str
    la_year: str
    lsoa_codes: npt.NDArray[np.object_]
    la_codes: npt.NDArray[np.object_]
    deciles: npt.NDArray[np.int64]
    populations: npt.NDArray[np.int64]
    total_population: npt.NDArray[np.int64] | None
    population_label: str
    proxy: bool
    areas: AreaIndex  # local authority districts, in file order

    def __len__(self) -> int:
        return len(self.lsoa_codes)

    def neighbourhoods(self, la_code: str) -> Neighbourhoods:
        index = self.areas.position(la_code)
        code = self.areas.codes[index]
        mask = self.la_codes == code
        return Neighbourhoods(
            la_code=code,
            la_name=self.areas.names[index],
            lsoa_codes=tuple(str(c) for c in self.lsoa_codes[mask]),
            deciles=self.deciles[mask],
            populations=self.populations[mask],
            population_label=self.population_label,
            proxy=self.proxy,
            source=self.source,
            edition=self.edition,
        )

    def by_area(self) -> dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
        """Populations and deciles of every district's neighbourhoods, in one grouping pass."""
        order = np.argsort(self.la_codes, kind="stable")
        codes = self.la_codes[order]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        ends = np.r_[starts[1:], len(codes)]
        return {
            str(codes[s]): (self.populations[order[s:e]], self.deciles[order[s:e]])
            for s, e in zip(starts, ends, strict=True)
        }


def load_imd(path: Path | str) -> DeprivationTable:
    """File 7 of the English Indices of Deprivation, 2019 or 2025 edition, as a CSV file."""
    path = Path(path)
    if sniff(path) is not FileKind.CSV:
        raise SourceFileError(
            f"{path.name} is a workbook; the deprivation loader reads File 7 of the English "
            "Indices of Deprivation, which is published as a CSV file."
        )
    text = decode_text(path)
    header = next(csv.reader(io.StringIO(text)), [])
    lowered = [" ".join(h.split()).lower() for h in header]
    columns = _columns(path, header, lowered)
    lsoa_year = _LSOA_CODE.match(lowered[columns["lsoa"]]).group(1)  # type: ignore[union-attr]
    la_match = _LA_CODE.match(lowered[columns["la"]])
    la_year = la_match.group(1) if la_match else ""
    edition = _EDITIONS.get(lsoa_year, f"IoD (LSOA {lsoa_year})")

    usecols = sorted(set(columns.values()))
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            usecols=usecols,
            dtype={header[columns[k]]: "string" for k in ("lsoa", "la", "la_name")},
            keep_default_na=True,
        )
    except (ValueError, pd.errors.ParserError) as error:
        raise SourceFileError(f"{path.name} cannot be read as File 7 ({error}).") from None
    if frame.empty:
        raise SourceFileError(
            f"{path.name} has File 7's header row but no neighbourhoods; the file may be "
            "cut short, so download it again."
        )

    def numbers(key: str) -> npt.NDArray[np.int64]:
        series = pd.to_numeric(frame[header[columns[key]]], errors="coerce")
        bad = series.isna() | (series < 0) | (series != series.round())
        if bad.any():
            row = int(np.argmax(bad.to_numpy())) + 2
            value = frame[header[columns[key]]].iloc[row - 2]
            shown = "empty" if pd.isna(value) else f"'{value}'"
            last = row - 1 == len(frame)
            raise SourceFileError(
                f"Row {row} of {path.name}, column '{header[columns[key]]}', is {shown}"
                + (
                    "; the file looks cut short, so download it again."
                    if last
                    else "; expected a whole number."
                )
            )
        return series.to_numpy(dtype=np.int64)

    deciles = numbers("decile")
    if ((deciles < 1) | (deciles > 10)).any():
        row = int(np.argmax((deciles < 1) | (deciles > 10))) + 2
        raise SourceFileError(
            f"Row {row} of {path.name} has IMD decile {deciles[row - 2]}; deciles run from "
            "1 (most deprived 10%) to 10."
        )
    population_key = "under_two" if "under_two" in columns else "children"
    populations = numbers(population_key)
    total = numbers("total") if "total" in columns else None
    la_codes = frame[header[columns["la"]]].fillna("").to_numpy(dtype=object)
    la_names = frame[header[columns["la_name"]]].fillna("").to_numpy(dtype=object)
    lsoa_codes = frame[header[columns["lsoa"]]].fillna("").to_numpy(dtype=object)
    missing = np.flatnonzero((la_codes == "") | (lsoa_codes == ""))
    if missing.size:
        raise SourceFileError(
            f"Row {int(missing[0]) + 2} of {path.name} has no LSOA or district code; the file "
            "looks cut short, so download it again."
        )
    _, first = np.unique(la_codes, return_index=True)
    first.sort()
    where = f"{path.name} ({edition})"
    return DeprivationTable(
        source=source_file(path, f"{DATASET} ({edition})", "csv", header_row=1),
        edition=edition,
        lsoa_year=lsoa_year,
        la_year=la_year,
        lsoa_codes=lsoa_codes,
        la_codes=la_codes,
        deciles=deciles,
        populations=populations,
        total_population=total,
        population_label=header[columns[population_key]],
        proxy=population_key != "under_two",
        areas=area_index(
            [str(c) for c in la_codes[first]], [str(n) for n in la_names[first]], where
        ),
    )


def _columns(path: Path, header: list[str], lowered: list[str]) -> dict[str, int]:
    def find(pattern: re.Pattern[str] | None = None, prefix: str = "") -> int | None:
        for index, name in enumerate(lowered):
            if (pattern is not None and pattern.search(name)) or (
                prefix and name.startswith(prefix)
            ):
                return index
        return None

    found = {
        "lsoa": find(_LSOA_CODE),
        "lsoa_name": find(_LSOA_NAME),
        "la": find(_LA_CODE),
        "la_name": find(_LA_NAME),
        "decile": find(prefix=DECILE_PREFIX),
        "children": find(prefix="dependent children aged 0-15"),
        "total": find(prefix="total population"),
        "under_two": find(_UNDER_TWO),
    }
    needed = {
        "lsoa": "LSOA code (2011 or 2021)",
        "la": "Local Authority District code",
        "la_name": "Local Authority District name",
        "decile": "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of "
        "LSOAs)",
    }
    absent = [label for key, label in needed.items() if found[key] is None]
    if found["children"] is None and found["under_two"] is None:
        absent.append("Dependent Children aged 0-15")
    if absent:
        shown = "; ".join(f"'{a}'" for a in absent)
        raise SourceFileError(
            f"{path.name} is not File 7 of the English Indices of Deprivation: its header has "
            f"no {shown} column."
        )
    return {k: v for k, v in found.items() if v is not None and k != "lsoa_name"}
