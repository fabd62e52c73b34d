"""Official files a person downloaded by hand, registered in the data folder (no Django).

For servers without internet: `pairsight data add FILE` (or a lead, from the web) hands
PAIRsight a file. Its loader checks it first; only a file that loads is kept, under its
own name in the data folder, with the same sidecar record `data fetch` writes (where it
came from, when, size and checksum). A file that fails leaves the folder as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from pairsight.officialdata.births import load_births
from pairsight.officialdata.download import Fetched, prepare_sidecar
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.imd import load_imd
from pairsight.officialdata.mye import load_mid_year_estimates
from pairsight.officialdata.projections import load_projections
from pairsight.officialdata.provenance import DownloadRecord, sidecar_path

CHUNK = 1 << 16
MAX_BYTES = 100 * 1024 * 1024
# An Excel workbook is a zip archive: it is opened only if what it unpacks to is of a size
# and a ratio that published statistics have (a crafted archive can unpack to gigabytes).
MAX_UNPACKED = 600 * 1024 * 1024
MAX_RATIO = 200


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    check: Callable[[Path], object]


def _population_groups(path: Path) -> object:
    # A Census table of every area is fine here: the area is chosen when it is used.
    from pairsight.officialdata.population_groups import load_population

    try:
        return load_population(path)
    except SourceFileError as error:
        if "say which one" in str(error):
            return None
        raise


#: The kinds of official file PAIRsight reads, in the order a file is tried against them.
KINDS: dict[str, Kind] = {
    "ons-mye": Kind("ons-mye", "ONS mid-year population estimates", load_mid_year_estimates),
    "births": Kind("births", "ONS live births by area of usual residence", load_births),
    "snpp": Kind("snpp", "ONS subnational population projections", load_projections),
    "imd": Kind("imd", "English Indices of Deprivation, File 7", load_imd),
    "census": Kind(
        "census",
        "Census 2021 table (or a group,count CSV) for survey comparisons",
        _population_groups,
    ),
}


class AddError(ValueError):
    """A file that cannot be added; the data folder is unchanged."""


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip()
    if not base or base.startswith(".") or base.endswith(".source.json"):
        raise AddError(f"{name!r} cannot be used as a file name in the data folder.")
    return base


def _check_container(path: Path, name: str) -> None:
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise AddError(f"{name} is damaged (an incomplete Excel or zip file).") from None
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise AddError(
            f"{name} unpacks to {unpacked:,} bytes from {packed:,}: more than a published "
            "statistics file does, so it was not opened."
        )


def _identify(path: Path, name: str, kind: str | None) -> Kind:
    if kind is not None:
        if kind not in KINDS:
            raise AddError(f"Unknown kind {kind!r}: choose one of {', '.join(KINDS)}.")
        chosen = KINDS[kind]
        try:
            chosen.check(path)
        except SourceFileError as error:
            raise AddError(
                f"{name} is not usable as {chosen.title}: {str(error).replace(path.name, name)}"
            ) from None
        return chosen
    for candidate in KINDS.values():
        try:
            candidate.check(path)
        except SourceFileError:
            continue
        return candidate
    titles = ", ".join(k.title for k in KINDS.values())
    raise AddError(
        f"{name} is not one of the official files PAIRsight reads ({titles}); "
        "check it is the published file, unchanged."
    )


def add_file(
    stream: BinaryIO,
    name: str,
    folder: Path,
    *,
    source: str,
    kind: str | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Fetched:
    """Check the file with its loader and keep it in `folder` with its source record."""
    filename = _safe_name(name)
    if not source.strip():
        raise AddError(
            "Say where the file comes from (for example the page it was downloaded from)."
        )
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(filename).suffix
    handle, temporary = tempfile.mkstemp(prefix=".added-", suffix=f".part{suffix}", dir=folder)
    part = Path(temporary)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(handle, "wb") as out:
            while block := stream.read(CHUNK):
                size += len(block)
                if size > MAX_BYTES:
                    raise AddError(f"{filename} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
                digest.update(block)
                out.write(block)
        if size == 0:
            raise AddError(f"{filename} is empty.")
        # Loaders tell kinds apart by suffix, so the checked copy keeps the file's own.
        checked = part.with_name(f".checking-{os.getpid()}-{filename}")
        part.replace(checked)
        part = checked
        _check_container(part, filename)
        chosen = _identify(part, filename, kind)
        destination = folder / filename
        record = DownloadRecord(
            dataset=chosen.key,
            title=chosen.title,
            url=" ".join(source.split()),
            downloaded=now().isoformat(timespec="seconds"),
            sha256=digest.hexdigest(),
            bytes=size,
            how="added",
        )
        replaced = destination.exists()
        side = prepare_sidecar(destination, record)
        part.replace(destination)
        side.replace(sidecar_path(destination))
        return Fetched(destination, record, replaced)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
