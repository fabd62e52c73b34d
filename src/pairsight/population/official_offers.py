"""The official figures PAIRsight holds for an area, offered to the population page (pure).

The data folder holds what `pairsight data fetch` downloaded and `pairsight data add`
registered, each file with its source record. For an assessment's ONS code this finds the
under-two population from the latest mid-year estimates (with its year), births, the share
of children in the most deprived neighbourhoods (IMD) and the projected under-twos, each
with the words its provenance shows and the page inputs that use it with one click.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from pairsight.officialdata.births import load_births
from pairsight.officialdata.download import downloaded_files
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.imd import load_imd
from pairsight.officialdata.mye import AreaPopulation, MidYearEstimates, load_mid_year_estimates
from pairsight.officialdata.projections import load_projections
from pairsight.officialdata.provenance import DownloadRecord
from pairsight.population.figures import percent
from pairsight.population.official_inputs import proxy_label

PROJECTED_YEARS = 5


@dataclass(frozen=True)
class OfficialFigure:
    label: str
    value: str
    source: str
    #: The population page's inputs that use this figure (empty: context only).
    use: dict[str, str] = field(default_factory=dict)
    use_label: str = ""


@dataclass(frozen=True)
class OfficialFile:
    title: str
    name: str
    origin: str  # "downloaded from <url> on <date>" or "added to PAIRsight from ..."


@dataclass(frozen=True)
class OfficialOffer:
    area_code: str
    area_name: str
    figures: tuple[OfficialFigure, ...]
    files: tuple[OfficialFile, ...]


def _use_children(value: int, source: str, reading: str) -> dict[str, str]:
    return {
        "reading": reading,
        "children": str(value),
        "children_source": source,
        "source_text": source,
        "source_for": str(value),
        "source_official": "1",
        "source_shown": "1",
    }


@functools.lru_cache(maxsize=16)
def _load(kind: str, path: Path, stamp: tuple[int, int]) -> object:
    """One official file read once per version (its modification time and size)."""
    loaders: dict[str, Callable[[Path], object]] = {
        "mye": load_mid_year_estimates,
        "births": load_births,
        "snpp": load_projections,
        "imd": load_imd,
    }
    return loaders[kind](path)


def _kind(record: DownloadRecord) -> str:
    for prefix, kind in (("ons-mye", "mye"), ("births", "births"), ("snpp", "snpp")):
        if record.dataset.startswith(prefix):
            return kind
    return "imd" if record.dataset.startswith("imd") else ""


def _read(kind: str, path: Path) -> object:
    stat = path.stat()
    return _load(kind, path, (stat.st_mtime_ns, stat.st_size))


def official_offer(folder: Path, code: str, *, first_year: int) -> OfficialOffer | None:
    """What the data folder holds for `code`, or None when it holds nothing for the area."""
    code = code.strip().upper()
    figures: list[OfficialFigure] = []
    files: list[OfficialFile] = []
    name = ""
    mye_candidates = []
    for path, record in downloaded_files(folder):
        kind = _kind(record)
        if not kind:
            continue
        try:
            table = _read(kind, path)
        except (SourceFileError, OSError):
            continue
        if kind == "mye":
            mye_candidates.append((table, path, record))
            continue
        found = _figures_from(kind, table, code, first_year)
        if found is None:
            continue
        name = name or found[0]
        figures.extend(found[1])
        files.append(OfficialFile(record.title, path.name, record.describe()))
    under_two = None
    if mye_candidates:
        latest = _latest_mye(mye_candidates, code)
        if latest is not None:
            population, path, record = latest
            name = population.name
            under_two = population.under_two
            period = f" ({population.period})" if population.period else ""
            figures.insert(
                0,
                OfficialFigure(
                    f"Children under two, mid-year estimate{period}",
                    f"{population.under_two:,}",
                    population.describe(),
                    _use_children(population.under_two, population.describe(), "under-two"),
                    "Use this number of children",
                ),
            )
            files.insert(0, OfficialFile(record.title, path.name, record.describe()))
    if not figures:
        return None
    return OfficialOffer(code, name, tuple(_with_deprived(figures, under_two)), tuple(files))


def _latest_mye(
    candidates: list[tuple[object, Path, DownloadRecord]], code: str
) -> tuple[AreaPopulation, Path, DownloadRecord] | None:
    best = None
    for table, path, record in candidates:
        if not isinstance(table, MidYearEstimates):
            continue
        try:
            population = table.area(code)
        except SourceFileError:
            continue
        if best is None or population.period > best[0].period:
            best = (population, path, record)
    return best


def _figures_from(
    kind: str, table: object, code: str, first_year: int
) -> tuple[str, list[OfficialFigure]] | None:
    try:
        if kind == "births":
            births = table.area(code)  # type: ignore[attr-defined]
            period = f", {births.period}" if births.period else ""
            source = births.describe()
            return births.name, [
                OfficialFigure(
                    f"Live births in a year{period}",
                    f"{births.births:,}",
                    source,
                    _use_children(births.births, source, "births"),
                    "Use births in a year",
                )
            ]
        if kind == "imd":
            neighbourhoods = table.neighbourhoods(code)  # type: ignore[attr-defined]
            share = neighbourhoods.share_in()
            return neighbourhoods.la_name, [
                OfficialFigure(
                    "Share living in the most deprived 10% of neighbourhoods",
                    percent(share),
                    f"{percent(share)} of {proxy_label(neighbourhoods)} in "
                    f"{neighbourhoods.describe()}",
                    {"imd_share": f"{share.numerator}/{share.denominator}"},
                )
            ]
        projections = table  # snpp
        years = [y for y in projections.years if y >= first_year][:PROJECTED_YEARS]  # type: ignore[attr-defined]
        if not years:
            return None
        area = projections.area(code, range(years[0], years[-1] + 1))  # type: ignore[attr-defined]
        found = []
        for year in area.years:
            source = (
                f"projected children aged 0 and 1 in {area.name} ({area.code}) in {year.year}, "
                f"from {area.source.describe()}; rounded to whole children"
            )
            found.append(
                OfficialFigure(
                    f"Children under two, projected for {year.year}",
                    f"{year.under_two:,}",
                    source,
                    _use_children(year.under_two, source, "under-two"),
                    f"Use the projection for {year.year}",
                )
            )
        return area.name, found
    except SourceFileError:
        return None


def _with_deprived(figures: list[OfficialFigure], under_two: int | None) -> list[OfficialFigure]:
    """The IMD share becomes usable once there is a number of children to apply it to."""
    result = []
    for figure in figures:
        share_text = figure.use.get("imd_share")
        if share_text is None:
            result.append(figure)
            continue
        use: dict[str, str] = {}
        use_label = ""
        if under_two is not None:
            numerator, denominator = (int(n) for n in share_text.split("/"))
            deprived = Fraction(numerator, denominator) * under_two
            count = int(deprived + Fraction(1, 2))
            deprived_source = (
                f"{figure.source}; applied to the {under_two:,} children under two of the "
                f"mid-year estimate: {count:,}"
            )
            use = {
                **_use_children(under_two, figures[0].source, "under-two"),
                "method": "deprivation",
                "deprived_children": str(count),
                "deprived_source_text": deprived_source,
                "deprived_source_for": str(count),
                "deprived_source_official": "1",
                "deprived_source_shown": "",
            }
            use_label = "Weight the mid-year estimate by deprivation"
        result.append(OfficialFigure(figure.label, figure.value, figure.source, use, use_label))
    return result
