"""Downloading the official files into a data folder, never spoiling a good copy.

Each download goes to a hidden temporary file beside its destination. Only when it is
complete (as long as the server said), is the kind of file expected and loads with its
loader does it replace the file of the same name, in one rename; a sidecar
`<file>.source.json` records the official URL, the time and the checksum. A failed or
cut-short download leaves the folder exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from pairsight.officialdata.census import load_census_table
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.imd import load_imd
from pairsight.officialdata.mye import load_mid_year_estimates
from pairsight.officialdata.projections import load_projections
from pairsight.officialdata.provenance import DownloadRecord, sidecar_path

DATA_DIR_VARIABLE = "PAIRSIGHT_DATA_DIR"
#: The app's data folder (the web app's too: settings.DATA_DIR); official files live in
#: its `official` folder, so the web app sees what `data fetch` and `data add` stored.
DEFAULT_DATA_DIR = Path("var")
OFFICIAL_FOLDER = "official"
CHUNK = 1 << 16
TIMEOUT = httpx.Timeout(120.0, connect=20.0)

_ONS_MYE = (
    "https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/populationandmigration/"
    "populationestimates/datasets/populationestimatesforukenglandandwalesscotlandandnorthernireland/"
)
_ONS_SNPP = (
    "https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/populationandmigration/"
    "populationprojections/datasets/localauthoritiesinenglandz1/2018based/2018snpppopulation.zip"
)
_IMD2019 = (
    "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/"
    "file/845345/File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv"
)
_CENSUS_BULK = "https://www.nomisweb.co.uk/output/census/2021/"
_IMD2025 = (
    "https://assets.publishing.service.gov.uk/media/691ded56d140bbbaa59a2a7d/"
    "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv"
)


class DownloadError(RuntimeError):
    """A download that did not produce a usable file; the data folder is unchanged."""


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    url: str
    filename: str
    check: Callable[[Path], object]
    member: str = ""  # the file to keep from a zip archive


DATASETS: dict[str, Dataset] = {
    "ons-mye": Dataset(
        "ons-mye",
        "ONS mid-year population estimates, mid-2022 (MYE2 - Persons)",
        _ONS_MYE + "mid2022/mye22final.xlsx",
        "mye22final.xlsx",
        load_mid_year_estimates,
    ),
    "ons-mye-2021": Dataset(
        "ons-mye-2021",
        "ONS mid-year population estimates, mid-2021 (MYE2 - Persons)",
        _ONS_MYE + "mid2021/ukpopestimatesmid2021on2021geographyfinal.xls",
        "ukpopestimatesmid2021on2021geographyfinal.xls",
        load_mid_year_estimates,
    ),
    "ons-mye-2020": Dataset(
        "ons-mye-2020",
        "ONS mid-year population estimates, mid-2020 (MYE2 - Persons)",
        _ONS_MYE + "mid2020/ukpopestimatesmid2020on2021geography.xls",
        "ukpopestimatesmid2020on2021geography.xls",
        load_mid_year_estimates,
    ),
    "snpp": Dataset(
        "snpp",
        "ONS 2018-based subnational population projections for England (persons)",
        _ONS_SNPP,
        "2018 SNPP Population persons.csv",
        load_projections,
        member="2018 SNPP Population persons.csv",
    ),
    "imd2019": Dataset(
        "imd2019",
        "English Indices of Deprivation 2019, File 7 (LSOA 2011)",
        _IMD2019,
        "File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv",
        load_imd,
    ),
    "census2021-ts021": Dataset(
        "census2021-ts021",
        "Census 2021 TS021 Ethnic group, every local authority (ONS bulk CSV)",
        _CENSUS_BULK + "census2021-ts021.zip",
        "census2021-ts021-ltla.csv",
        load_census_table,
        member="census2021-ts021-ltla.csv",
    ),
    "imd2025": Dataset(
        "imd2025",
        "English Indices of Deprivation 2025, File 7 (LSOA 2021)",
        _IMD2025,
        "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv",
        load_imd,
    ),
}


def data_dir(given: Path | None = None) -> Path:
    """Where official files are kept: `given`, or `$PAIRSIGHT_DATA_DIR/official`."""
    if given is not None:
        return given
    from_environment = os.environ.get(DATA_DIR_VARIABLE)
    return (Path(from_environment) if from_environment else DEFAULT_DATA_DIR) / OFFICIAL_FOLDER


Progress = Callable[[int, int | None], None]  # (bytes just received, total bytes or None)


@dataclass(frozen=True)
class Fetched:
    path: Path
    record: DownloadRecord
    replaced: bool  # an earlier copy was replaced


def fetch(
    dataset: Dataset,
    folder: Path,
    *,
    http: httpx.Client | None = None,
    url: str | None = None,
    on_progress: Progress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Fetched:
    """Download `dataset` into `folder`; on any failure the folder is left as it was."""
    folder.mkdir(parents=True, exist_ok=True)
    source = url or dataset.url
    destination = folder / dataset.filename
    client = http or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
    handle, name = tempfile.mkstemp(prefix=f".{dataset.key}-", suffix=".part", dir=folder)
    os.close(handle)
    download = Path(name)
    kept = download
    try:
        digest = _download(client, source, download, on_progress)
        if dataset.member:
            kept = _extract(download, dataset.member, folder)
            digest = hashlib.sha256(kept.read_bytes()).hexdigest()
        try:
            dataset.check(kept)
        except SourceFileError as error:
            raise DownloadError(
                f"The file downloaded from {source} is not usable "
                f"({str(error).replace(kept.name, destination.name)}); "
                f"{destination.name} was left as it was."
            ) from None
        record = DownloadRecord(
            dataset=dataset.key,
            title=dataset.title,
            url=source,
            downloaded=now().isoformat(timespec="seconds"),
            sha256=digest,
            bytes=kept.stat().st_size,
        )
        replaced = destination.exists()
        side = prepare_sidecar(destination, record)
        # Two renames back to back: the data file, then its record.
        kept.replace(destination)
        side.replace(sidecar_path(destination))
        return Fetched(destination, record, replaced)
    finally:
        for leftover in {download, kept}:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _download(client: httpx.Client, url: str, target: Path, on_progress: Progress | None) -> str:
    digest = hashlib.sha256()
    received = 0
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise DownloadError(
                    f"{url} answered with status {response.status_code}; nothing was changed."
                )
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            with target.open("wb") as out:
                for chunk in response.iter_bytes(CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    received += len(chunk)
                    if on_progress is not None:
                        on_progress(len(chunk), total)
    except httpx.HTTPError as error:
        raise DownloadError(
            f"The download from {url} failed ({type(error).__name__}: {error}); nothing was "
            "changed."
        ) from None
    if total is not None and received != total:
        raise DownloadError(
            f"The download from {url} stopped after {received:,} of {total:,} bytes; nothing "
            "was changed."
        )
    if received == 0:
        raise DownloadError(f"{url} sent an empty file; nothing was changed.")
    return digest.hexdigest()


def _extract(archive: Path, member: str, folder: Path) -> Path:
    try:
        with zipfile.ZipFile(archive) as opened:
            names = opened.namelist()
            inside = next((n for n in names if Path(n).name == member), None)
            if inside is None:
                raise DownloadError(
                    f"The downloaded archive has no '{member}' (it has {', '.join(names[:5])}); "
                    "nothing was changed."
                )
            handle, name = tempfile.mkstemp(prefix=".extract-", suffix=".part", dir=folder)
            with os.fdopen(handle, "wb") as out, opened.open(inside) as data:
                while block := data.read(CHUNK):
                    out.write(block)
            return Path(name)
    except zipfile.BadZipFile:
        raise DownloadError(
            "The download is not a complete zip archive; nothing was changed."
        ) from None


def prepare_sidecar(destination: Path, record: DownloadRecord) -> Path:
    side = sidecar_path(destination)
    temporary = side.with_name(f".{side.name}.part")
    temporary.write_text(json.dumps(record.to_dict(), indent=2) + "\n", encoding="utf-8")
    return temporary


def downloaded_files(folder: Path) -> list[tuple[Path, DownloadRecord]]:
    from pairsight.officialdata.provenance import read_sidecar

    found = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name.endswith(".source.json"):
                continue
            record = read_sidecar(path)
            if record is not None:
                found.append((path, record))
    return found
