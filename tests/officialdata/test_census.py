from __future__ import annotations

import io
import zipfile
from pathlib import Path

import httpx
import pytest

from pairsight.officialdata.census import load_census_table
from pairsight.officialdata.download import DATASETS, fetch
from pairsight.officialdata.errors import AreaNotFoundError, SourceFileError
from pairsight.officialdata.population_groups import (
    census_groups,
    load_group_figures,
    load_population,
)

CENSUS = Path(__file__).resolve().parent / "fixtures" / "census"
BULK = CENSUS / "census2021-ts021-ltla-gm-excerpt.csv"
NOMIS = CENSUS / "nomis-nm-2041-1-ts021-gm-excerpt.csv"
ASIAN = "Asian, Asian British or Asian Welsh"
WHITE = "White"


@pytest.mark.parametrize("path", [BULK, NOMIS], ids=["bulk", "nomis"])
def test_manchester_matches_the_published_census_figures(path: Path) -> None:
    table = load_census_table(path)
    manchester = table.area("E08000003")
    assert table.table == "TS021"
    assert table.year == "2021"
    assert manchester.name == "Manchester"
    # Census 2021: Manchester's usual residents, as ONS published them.
    assert manchester.total == 551_938
    detailed = manchester.counts("detailed")
    assert len(detailed) == 19
    assert detailed[f"{ASIAN}: Pakistani"] == 65_875
    high = manchester.counts("high")
    assert list(high) == [
        ASIAN,
        "Black, Black British, Black Welsh, Caribbean or African",
        "Mixed or Multiple ethnic groups",
        WHITE,
        "Other ethnic group",
    ]
    # The Asian group by hand: Bangladeshi, Chinese, Indian, Pakistani, Other Asian.
    assert high[ASIAN] == 9_673 + 12_644 + 14_857 + 65_875 + 12_060
    assert sum(high.values()) == 551_938


def test_provenance_names_table_year_area_and_file() -> None:
    table = load_census_table(BULK)
    text = table.describe("e08000003")
    assert "Census 2021 TS021" in text
    assert "Manchester (E08000003)" in text
    assert BULK.name in text


def test_missing_area_is_named(tmp_path: Path) -> None:
    with pytest.raises(AreaNotFoundError, match="E08000025"):
        load_census_table(NOMIS).area("E08000025")


def test_a_cut_short_bulk_file_is_refused(tmp_path: Path) -> None:
    lines = BULK.read_text().splitlines()
    broken = tmp_path / "census2021-ts021-ltla.csv"
    broken.write_text("\n".join([lines[0], lines[1][: len(lines[1]) // 2]]) + "\n")
    with pytest.raises(SourceFileError, match="Row 2"):
        load_census_table(broken)


def test_totals_that_do_not_add_up_are_refused(tmp_path: Path) -> None:
    lines = BULK.read_text().splitlines()
    cells = lines[1].split(",")
    cells[3] = str(int(cells[3]) + 1)
    broken = tmp_path / "census2021-ts021-ltla.csv"
    broken.write_text("\n".join([lines[0], ",".join(cells)]) + "\n")
    with pytest.raises(SourceFileError, match="add up to"):
        load_census_table(broken)


def test_percent_columns_are_skipped(tmp_path: Path) -> None:
    # Some bulk tables repeat every column as "; measures: Percent"; SYNTHETIC figures.
    path = tmp_path / "census2021-ts008-ltla.csv"
    path.write_text(
        "date,geography,geography code,Sex: All persons; measures: Value,"
        "Sex: All persons; measures: Percent,Sex: Female; measures: Value,"
        "Sex: Female; measures: Percent,Sex: Male; measures: Value,Sex: Male; measures: Percent\n"
        "2021,Synthetic Town,E06900001,100,100,52,52,48,48\n"
    )
    table = load_census_table(path)
    assert table.table == "TS008"
    assert table.area("E06900001").counts() == {"Female": 52, "Male": 48}


def test_census_groups_carry_the_provenance() -> None:
    groups = census_groups(load_census_table(NOMIS), "E08000003")
    assert groups.unit == "count"
    assert groups.figures[WHITE] == 268_572 + 9_442 + 597 + 883 + 34_138
    assert "Manchester" in groups.source


def test_group_csv_by_count_and_share(tmp_path: Path) -> None:
    counts = tmp_path / "wards.csv"
    counts.write_text("group,count\nNorth,1200\nSouth,800\n")
    assert load_group_figures(counts).figures == {"North": 1200.0, "South": 800.0}
    shares = tmp_path / "caseload.csv"
    shares.write_text("Group,Share\nNorth,60%\nSouth,40%\n")
    loaded = load_population(shares, source="Health visiting caseload, 2024")
    assert loaded.unit == "share"
    assert loaded.figures == {"North": 60.0, "South": 40.0}
    assert loaded.source == "Health visiting caseload, 2024"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,count\nNorth,1\n", "needs a header row"),
        ("group,count\nNorth,-3\n", "Row 2 of .*'count'"),
        ("group,count\nNorth,2.5\n", "whole number"),
        ("group,count\n,4\n", "Row 2 .*empty"),
        ("group,share\nNorth,10\nNorth,5\n", "Row 3 .*twice"),
    ],
)
def test_bad_group_csv_names_the_row(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "groups.csv"
    path.write_text(text)
    with pytest.raises(SourceFileError, match=message):
        load_group_figures(path)


def test_several_areas_need_an_area_code() -> None:
    with pytest.raises(SourceFileError, match="4 areas"):
        load_population(BULK)
    assert load_population(BULK, area="E08000001").figures[WHITE] > 0


def test_the_bulk_file_is_taken_out_of_the_official_zip(tmp_path: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("census2021-ts021-ctry.csv", "date\n")
        zipped.write(BULK, "census2021-ts021-ltla.csv")
    body = archive.getvalue()
    client = httpx.Client(
        transport=httpx.MockTransport(lambda _: httpx.Response(200, content=body))
    )
    fetched = fetch(DATASETS["census2021-ts021"], tmp_path, http=client)
    assert fetched.path.name == "census2021-ts021-ltla.csv"
    table = load_census_table(fetched.path)
    assert table.area("E08000003").total == 551_938
    assert "downloaded from https://www.nomisweb.co.uk/output/census/2021/" in table.describe(
        "E08000003"
    )


def test_data_add_keeps_a_hand_downloaded_file_with_its_source(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pairsight.cli import app

    folder = tmp_path / "data"
    result = CliRunner().invoke(
        app,
        [
            "data",
            "add",
            str(NOMIS),
            "--source",
            "https://www.nomisweb.co.uk/",
            "--data-dir",
            str(folder),
        ],
    )
    assert result.exit_code == 0, result.output
    kept = folder / NOMIS.name
    assert kept.read_bytes() == NOMIS.read_bytes()
    assert "downloaded from https://www.nomisweb.co.uk/" in load_census_table(kept).describe(
        "E08000001"
    )
    bad = tmp_path / "notes.csv"
    bad.write_text("name,value\nx,1\n")
    refused = CliRunner().invoke(
        app, ["data", "add", str(bad), "--source", "my notes", "--data-dir", str(folder)]
    )
    assert refused.exit_code == 2
    assert "is not one of the official files PAIRsight reads" in refused.output
    assert not (folder / "notes.csv").exists()
