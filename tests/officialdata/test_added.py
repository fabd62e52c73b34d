"""Official files downloaded by hand: checked by their loader, kept with source and checksum."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pairsight.officialdata.added import AddError, add_file
from pairsight.officialdata.download import data_dir
from pairsight.officialdata.provenance import read_sidecar

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def _add(folder: Path, path: Path, **options: object) -> object:
    with path.open("rb") as stream:
        return add_file(
            stream,
            path.name,
            folder,
            source="https://www.ons.gov.uk/example",
            now=lambda: NOW,
            **options,  # type: ignore[arg-type]
        )


def test_a_good_file_is_kept_with_its_source_and_checksum(fixtures: Path, tmp_path: Path) -> None:
    source = fixtures / "mye2_persons_synthetic.xlsx"
    _add(tmp_path, source)
    kept = tmp_path / source.name
    assert kept.read_bytes() == source.read_bytes()
    record = read_sidecar(kept)
    assert record is not None
    assert record.dataset == "ons-mye" and record.how == "added"
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert record.url == "https://www.ons.gov.uk/example"
    assert record.downloaded == "2026-01-05T09:30:00+00:00"
    assert record.describe() == (
        "added to PAIRsight from https://www.ons.gov.uk/example on 2026-01-05"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        source.name,
        source.name + ".source.json",
    ], "no temporary file is left behind"


def test_each_kind_is_recognised(fixtures: Path, tmp_path: Path) -> None:
    for name, kind in (
        ("snpp_2018_persons_synthetic.csv", "snpp"),
        ("imd2019_file7_synthetic.csv", "imd"),
        ("births_by_area_synthetic.xlsx", "births"),
    ):
        _add(tmp_path, fixtures / name)
        record = read_sidecar(tmp_path / name)
        assert record is not None and record.dataset == kind, name


def test_a_file_that_is_not_official_data_leaves_the_folder_as_it_was(
    fixtures: Path, tmp_path: Path
) -> None:
    _add(tmp_path, fixtures / "mye2_persons_synthetic.xlsx")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(AddError, match="not one of the official files PAIRsight reads"):
        add_file(
            io.BytesIO(b"Name,Notes\nA,hello\n"),
            "mye2_persons_synthetic.xlsx",
            tmp_path,
            source="somewhere",
        )
    with pytest.raises(AddError, match="is not usable as ONS mid-year population estimates"):
        add_file(io.BytesIO(b"x,y\n1,2\n"), "x.csv", tmp_path, source="s", kind="ons-mye")
    with pytest.raises(AddError, match="Say where the file comes from"):
        _ = add_file(io.BytesIO(b"x"), "x.csv", tmp_path, source=" ")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_official_data_lives_in_the_apps_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAIRSIGHT_DATA_DIR", "/srv/pairsight")
    assert data_dir() == Path("/srv/pairsight/official")
    monkeypatch.delenv("PAIRSIGHT_DATA_DIR")
    assert data_dir() == Path("var/official")


def test_the_command_adds_a_file_and_refuses_a_bad_one(fixtures: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PAIRSIGHT_DATA_DIR": str(tmp_path)}
    command = [str(Path(sys.executable).parent / "pairsight"), "data", "add"]
    good = subprocess.run(
        [*command, str(fixtures / "mye2_persons_synthetic.xlsx"), "--source", "ONS page"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "official" / "mye2_persons_synthetic.xlsx").is_file()
    notes = tmp_path / "notes.csv"
    notes.write_text("just,a,note\n")
    bad = subprocess.run(
        [*command, str(notes), "--source", "my desk"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "notes.csv is not one of the official files PAIRsight reads" in bad.stderr
    assert not (tmp_path / "official" / "notes.csv").exists()


def test_an_archive_that_unpacks_to_far_more_than_it_holds_is_not_opened(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    bomb.seek(0)
    with pytest.raises(AddError, match="more than a published statistics file does"):
        add_file(bomb, "mye.xlsx", tmp_path / "official", source="somewhere")
    assert list((tmp_path / "official").iterdir()) == []
