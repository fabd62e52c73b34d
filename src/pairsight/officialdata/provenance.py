"""Where a loaded file came from: its name, sheet and header row, and its download record.

`pairsight data fetch` keeps a sidecar `<file>.source.json` beside every file it saves
(official URL, date, size, checksum). Any loader that reads such a file carries that record
into the provenance of the numbers it gives, so a figure can say "ONS, downloaded from
<url> on <date>" and not only "a file called mye.xlsx".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SIDECAR_SUFFIX = ".source.json"


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


@dataclass(frozen=True)
class DownloadRecord:
    dataset: str
    title: str
    url: str
    downloaded: str  # ISO 8601 date and time, UTC
    sha256: str = ""
    bytes: int = 0
    #: "downloaded" by `pairsight data fetch`, or "added" by hand (`pairsight data add`).
    how: str = "downloaded"

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def describe(self) -> str:
        """ "downloaded from <url> on <date>" or "added from <source> on <date>"."""
        verb = "added to PAIRsight from" if self.how == "added" else "downloaded from"
        return f"{verb} {self.url} on {self.downloaded[:10]}"


def read_sidecar(path: Path) -> DownloadRecord | None:
    """The download record beside `path`, or None when there is none or it is unreadable."""
    side = sidecar_path(path)
    if not side.is_file():
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
        return DownloadRecord(
            dataset=str(data["dataset"]),
            title=str(data.get("title", "")),
            url=str(data["url"]),
            downloaded=str(data["downloaded"]),
            sha256=str(data.get("sha256", "")),
            bytes=int(data.get("bytes", 0)),
            how=str(data.get("how", "downloaded")),
        )
    except (ValueError, KeyError, TypeError):
        # A damaged sidecar must not stop the data being read; the file is still named.
        return None


@dataclass(frozen=True)
class SourceFile:
    """One file as read: which dataset it is, where in it the table sat, where it came from."""

    path: Path
    dataset: str  # e.g. "ONS mid-year population estimates"
    kind: str  # xlsx, xls or csv
    sheet: str = ""
    header_row: int = 0  # 1-based, as a spreadsheet shows it; 0 when not applicable
    title: str = ""  # the release title printed above the table, when there is one
    download: DownloadRecord | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        where = f"sheet '{self.sheet}' of {self.path.name}" if self.sheet else self.path.name
        text = f"{self.dataset}, {where}"
        if self.title:
            text += f" ('{self.title}')"
        if self.download is not None:
            text += f", {self.download.describe()}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "file": self.path.name,
            "kind": self.kind,
            "sheet": self.sheet or None,
            "header_row": self.header_row or None,
            "title": self.title or None,
            "download": self.download.to_dict() if self.download else None,
        }


def source_file(
    path: Path, dataset: str, kind: str, *, sheet: str = "", header_row: int = 0, title: str = ""
) -> SourceFile:
    return SourceFile(
        path=path,
        dataset=dataset,
        kind=kind,
        sheet=sheet,
        header_row=header_row,
        title=title,
        download=read_sidecar(path),
    )
