"""Downloads: the official file arrives whole and checked, or the folder is left alone.

The server is an httpx.MockTransport serving the synthetic fixtures; the download code
(streaming, length check, zip extraction, validation, rename, sidecar) runs for real.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from pairsight.officialdata.download import DATASETS, DownloadError, fetch
from pairsight.officialdata.mye import load_mid_year_estimates
from pairsight.officialdata.provenance import read_sidecar

FIXED = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)


def serve(body: bytes, status: int = 200, length: int | None = None) -> httpx.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Length": str(length if length is not None else len(body))}
        return httpx.Response(status, content=body, headers=headers)

    return httpx.Client(transport=httpx.MockTransport(answer))


def test_saves_the_file_with_its_source_and_date(fixtures: Path, tmp_path: Path) -> None:
    body = (fixtures / "mye2_persons_synthetic.xlsx").read_bytes()
    seen: list[tuple[int, int | None]] = []
    fetched = fetch(
        DATASETS["ons-mye"],
        tmp_path,
        http=serve(body),
        on_progress=lambda n, total: seen.append((n, total)),
        now=lambda: FIXED,
    )
    assert fetched.path == tmp_path / "mye22final.xlsx"
    assert fetched.path.read_bytes() == body
    assert sum(n for n, _ in seen) == len(body) and seen[-1][1] == len(body)
    record = read_sidecar(fetched.path)
    assert record is not None
    assert record.url == DATASETS["ons-mye"].url
    assert record.downloaded == "2025-01-15T09:30:00+00:00"
    assert record.bytes == len(body)
    # A loader reading the file carries the record into its provenance.
    described = load_mid_year_estimates(fetched.path).source.describe()
    assert f"downloaded from {DATASETS['ons-mye'].url} on 2025-01-15" in described
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "mye22final.xlsx",
        "mye22final.xlsx.source.json",
    ]


def good_copy(fixtures: Path, folder: Path) -> tuple[Path, bytes, str]:
    body = (fixtures / "mye2_persons_synthetic.xlsx").read_bytes()
    fetch(DATASETS["ons-mye"], folder, http=serve(body), now=lambda: FIXED)
    path = folder / "mye22final.xlsx"
    return path, body, (folder / "mye22final.xlsx.source.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("client", "message"),
    [
        (serve(b"<html>Server error</html>", status=500), "answered with status 500"),
        (serve(b"PK\x03\x04 partial", length=10_000), "stopped after 12 of 10,000 bytes"),
        (serve(b"<!DOCTYPE html><html>moved</html>"), "is not usable"),
        (serve(b""), "sent an empty file"),
    ],
    ids=["http-error", "cut-short", "html-instead-of-workbook", "empty"],
)
def test_a_failed_download_leaves_the_good_file(
    fixtures: Path, tmp_path: Path, client: httpx.Client, message: str
) -> None:
    path, body, sidecar = good_copy(fixtures, tmp_path)
    with pytest.raises(DownloadError, match=message):
        fetch(DATASETS["ons-mye"], tmp_path, http=client)
    assert path.read_bytes() == body
    assert (tmp_path / "mye22final.xlsx.source.json").read_text(encoding="utf-8") == sidecar
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "mye22final.xlsx",
        "mye22final.xlsx.source.json",
    ]


def test_a_network_failure_leaves_the_folder_as_it_was(fixtures: Path, tmp_path: Path) -> None:
    path, body, _ = good_copy(fixtures, tmp_path)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    with pytest.raises(DownloadError, match="ConnectError"):
        fetch(
            DATASETS["ons-mye"], tmp_path, http=httpx.Client(transport=httpx.MockTransport(refuse))
        )
    assert path.read_bytes() == body
    assert len(list(tmp_path.iterdir())) == 2


def test_projections_are_taken_out_of_the_official_zip(fixtures: Path, tmp_path: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("2018 SNPP Population males.csv", "AREA_CODE\n")
        zipped.write(
            fixtures / "snpp_2018_persons_synthetic.csv", "2018 SNPP Population persons.csv"
        )
    fetched = fetch(DATASETS["snpp"], tmp_path, http=serve(archive.getvalue()), now=lambda: FIXED)
    assert fetched.path.name == "2018 SNPP Population persons.csv"
    assert fetched.path.read_bytes() == (fixtures / "snpp_2018_persons_synthetic.csv").read_bytes()
    assert (
        json.loads(fetched.path.with_name(fetched.path.name + ".source.json").read_text())[
            "dataset"
        ]
        == "snpp"
    )
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_imd_files_are_checked_before_they_replace_anything(fixtures: Path, tmp_path: Path) -> None:
    good = (fixtures / "imd2025_file7_synthetic.csv").read_bytes()
    fetch(DATASETS["imd2025"], tmp_path, http=serve(good))
    with pytest.raises(DownloadError, match="is not File 7"):
        fetch(DATASETS["imd2025"], tmp_path, http=serve(b"LSOA,Something else\n1,2\n"))
    assert (tmp_path / DATASETS["imd2025"].filename).read_bytes() == good
