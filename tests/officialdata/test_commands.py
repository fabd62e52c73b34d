"""`pairsight need` reading official files, and `pairsight data`, as a user runs them."""

from __future__ import annotations

import json
import math
import zipfile
from fractions import Fraction
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from pairsight.cli import app
from pairsight.officialdata.fingertips import FingertipsClient

from .conftest import cut_short
from .test_fingertips import StandInFingertips


def _half_up(exact: Fraction | int) -> int:
    """Rounded to a whole number, halves up: worked out here, not by the code under test."""
    return math.floor(Fraction(exact) + Fraction(1, 2))


runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args], terminal_width=200)


def figures(payload: dict) -> dict:
    """Every published number of a JSON need estimate (not its wording)."""
    return {
        "pathways": [(p["key"], p["value"], p["low"], p["high"]) for p in payload["pathways"]],
        "specialised": payload["specialised_need"]["value"],
        "unmet": payload["unmet_need"]["value"],
    }


@pytest.mark.parametrize(
    "name",
    ["mye2_persons_synthetic.xlsx", "mye2_persons_synthetic.xls", "nomis_nm_2002_1_synthetic.csv"],
)
def test_mye_gives_the_same_need_as_the_hand_summed_under_two(fixtures: Path, name: str) -> None:
    from_file = run("need", "--mye", fixtures / name, "--area", "E06900001", "--format", "json")
    assert from_file.exit_code == 0, from_file.output
    # Ages 0 and 1 of Synthetic Unitary A, added by hand: 1,500 + 1,520.
    typed = run("need", "--under-two", 1500 + 1520, "--format", "json")
    assert typed.exit_code == 0, typed.output
    file_payload, typed_payload = json.loads(from_file.stdout), json.loads(typed.stdout)
    assert figures(file_payload) == figures(typed_payload)
    assert file_payload["reading"]["children"] == 3020
    assert file_payload["area"] == {"name": "Synthetic Unitary A", "code": "E06900001"}
    text = json.dumps(file_payload)
    assert "Synthetic Unitary A" in text and "E06900001" in text and name in text


def test_table_names_the_area_and_the_source_file(fixtures: Path) -> None:
    result = run("need", "--mye", fixtures / "mye2_persons_synthetic.xlsx", "--area", "E08900001")
    assert result.exit_code == 0, result.output
    assert "Synthetic Metropolitan B (E08900001)" in result.stdout
    assert "mye2_persons_synthetic.xlsx" in result.stdout
    assert "--births-file" in result.stderr  # offers the per-year reading


def test_births_file_gives_the_per_year_reading(fixtures: Path) -> None:
    result = run(
        "need", "--births-file", fixtures / "births_by_area_synthetic.xlsx", "--area", "E08900001",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    typed = json.loads(run("need", "--births", 5950, "--format", "json").stdout)
    assert figures(payload) == figures(typed)
    assert "per year" in payload["reading"]["unit"]
    assert payload["reading"]["children"] == 5950


def test_without_births_file_age_0_is_a_stated_proxy(fixtures: Path) -> None:
    result = run(
        "need", "--mye", fixtures / "mye2_persons_synthetic.xlsx", "--area", "E06900001",
        "--per-year", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["reading"]["children"] == 1500
    assert "proxy for births" in json.dumps(payload)
    assert "No births file was given" in " ".join(result.stderr.split())


def test_imd_deprivation_share_and_weighted_need_match_the_hand_calculation(fixtures: Path) -> None:
    result = run(
        "need", "--mye", fixtures / "mye2_persons_synthetic.xlsx", "--area", "E06900001",
        "--imd", fixtures / "imd2019_file7_synthetic.csv", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)

    # By hand. Synthetic Unitary A has five neighbourhoods in the fixture; children aged
    # 0-15 per neighbourhood (decile): 300 (1), 200 (1), 250 (2), 150 (5), 100 (10).
    share = Fraction(300 + 200, 300 + 200 + 250 + 150 + 100)
    assert share == Fraction(1, 2)
    # Blend: high adversity (insecure 30%, disorganised 20%) for that half, the standard
    # central distribution (insecure 27.5%, disorganised 15%) for the rest.
    insecure = share * Fraction(30, 100) + (1 - share) * Fraction(275, 1000)
    disorganised = share * Fraction(20, 100) + (1 - share) * Fraction(15, 100)
    # Specialised = shorter-term (2/30 of insecure) + longer-term (7/20 of disorganised).
    specialised_share = insecure * Fraction(2, 30) + disorganised * Fraction(7, 20)
    assert specialised_share == Fraction(193, 2400)
    children = 1500 + 1520
    hand = children * specialised_share  # 242.858…
    assert _half_up(hand) == 243

    assert payload["specialised_need"]["value"] == 243
    assert payload["unmet_need"]["value"] == 243  # no capacity given
    assert hand == Fraction(29143, 120)
    assert Fraction(payload["specialised_need"]["exact"]) == hand
    assert payload["method"] == "deprivation-weighted"
    assert payload["deprivation"]["deprived_share"] == "0.5"
    text = " ".join(json.dumps(payload).split())
    assert (
        "Dependent Children aged 0-15: mid 2015" in text
        and "standing in for children under two" in text
    )


def test_imd_2025_edition_and_a_typed_count(fixtures: Path) -> None:
    result = run(
        "need", "--under-two", 1000, "--area", "E06900001",
        "--imd", fixtures / "imd2025_file7_synthetic.csv", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    # (120 + 300) of 1,000 children aged 0-15 live in decile-1 neighbourhoods.
    assert payload["deprivation"]["deprived_share"] == "0.42"
    assert payload["area"]["name"] == "Synthetic Unitary A"


def test_projections_print_one_row_per_year_with_need_and_unmet_need(fixtures: Path) -> None:
    result = run(
        "need", "--projections", fixtures / "snpp_2018_persons_synthetic.csv", "--area",
        "E06900001", "--years", "2025-2035", "--capacity", "Perinatal service=40",
        "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    header, rows = lines[0].split(","), [line.split(",") for line in lines[1:]]
    assert [int(r[0]) for r in rows] == list(range(2025, 2036))
    for row in rows:
        record = dict(zip(header, row, strict=True))
        typed = json.loads(
            run("need", "--under-two", record["children_under_two"], "--capacity", "40",
                "--format", "json").stdout
        )  # fmt: skip
        assert int(record["specialised_need"]) == typed["specialised_need"]["value"]
        assert int(record["unmet_need"]) == typed["unmet_need"]["value"]
        assert int(record["unmet_need"]) == int(record["specialised_need"]) - 40
    assert rows[0][2] == "3178"  # 1,585.75 + 1,591.75 = 3,177.5, half rounded up


def test_projections_table(fixtures: Path) -> None:
    result = run(
        "need", "--projections", fixtures / "snpp_2018_persons_synthetic.csv", "--area",
        "E08900001", "--years", "2030",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Synthetic Metropolitan B (E08900001)" in text
    assert "Unmet" in text and "2030" in text and "snpp_2018_persons_synthetic.csv" in text


def test_all_areas_csv_ranks_every_local_authority(fixtures: Path) -> None:
    result = run(
        "need", "--all-areas", "--mye", fixtures / "mye2_all_areas_synthetic.xlsx",
        "--imd", fixtures / "imd2019_all_areas_synthetic.csv", "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    header = lines[0].split(",")
    rows = {
        r["code"]: r
        for r in (dict(zip(header, line.split(","), strict=True)) for line in lines[1:])
    }
    assert len(rows) == 336  # every local authority in the fixture, no regions or countries
    # Checked by hand (see test_all_areas.py for the arithmetic).
    assert (
        rows["E06900001"]["unmet_need"] == "161"
        and rows["E06900001"]["unmet_need_per_1000"] == "80.42"
    )
    assert (
        rows["E08900001"]["unmet_need"] == "511"
        and rows["E08900001"]["unmet_need_per_1000"] == "85.21"
    )
    assert (
        rows["E07900001"]["unmet_need"] == "50"
        and rows["E07900001"]["method"] == "deprivation-weighted"
    )
    assert rows["E10900001"]["method"] == "preset (no IMD neighbourhoods for this code)"
    per_1000 = [
        float(dict(zip(header, line.split(","), strict=True))["unmet_need_per_1000"])
        for line in lines[1:]
    ]
    assert per_1000 == sorted(per_1000, reverse=True)


def test_all_areas_table_states_that_capacity_is_none(fixtures: Path) -> None:
    result = run(
        "need", "--all-areas", "--mye", fixtures / "mye2_persons_synthetic.xlsx", "--tier", "upper",
        "--format", "markdown",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "No existing specialised capacity was given for any area" in text
    assert "Synthetic County C" in text and "Synthetic District C1" not in text


def message(result) -> str:
    return " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--sheet", "MYE1"], "has no sheet 'MYE1' (its sheets are 'Contents', 'MYE2 - Persons'"),
        (["--sheet", "Contents"], "has no header row with Code, Name, Geography"),
        (["--area", "E99999999"], "Area code 'E99999999' is not in sheet 'MYE2 - Persons'"),
    ],
    ids=["wrong-sheet", "sheet-without-table", "area-not-in-file"],
)
def test_bad_mye_input_is_one_sentence_and_status_2(
    fixtures: Path, arguments: list[str], expected: str
) -> None:
    base = {"--area": "E06900001"}
    base.update(dict(zip(arguments[::2], arguments[1::2], strict=True)))
    flat = [item for pair in base.items() for item in pair]
    result = run("need", "--mye", fixtures / "mye2_persons_synthetic.xlsx", *flat)
    assert result.exit_code == 2
    assert expected in message(result)
    assert message(result).startswith("Error: ") and "Traceback" not in result.output


def test_wrong_file_type_is_status_2(tmp_path: Path) -> None:
    pdf = tmp_path / "mye.xlsx"
    pdf.write_bytes(b"%PDF-1.4 a report, not a workbook")
    result = run("need", "--mye", pdf, "--area", "E06900001")
    assert result.exit_code == 2
    assert (
        message(result)
        == "Error: mye.xlsx is a PDF document, not a spreadsheet or CSV file of published "
        "statistics."
    )
    docx = tmp_path / "estimates.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    result = run("need", "--mye", docx, "--area", "E06900001")
    assert (result.exit_code, message(result)) == (
        2,
        "Error: estimates.xlsx is a Word document, not a spreadsheet.",
    )


@pytest.mark.parametrize(
    ("option", "name"),
    [
        ("--mye", "mye2_persons_synthetic.xlsx"),
        ("--mye", "mye2_persons_synthetic.xls"),
        ("--projections", "snpp_2018_persons_synthetic.csv"),
        ("--births-file", "births_by_area_synthetic.xlsx"),
    ],
)
def test_truncated_file_is_status_2(fixtures: Path, tmp_path: Path, option: str, name: str) -> None:
    broken = cut_short(fixtures / name, tmp_path / name, 0.4)
    result = run("need", option, broken, "--area", "E06900001")
    assert result.exit_code == 2, result.output
    assert "cut short" in message(result) and "Traceback" not in result.output


def test_truncated_imd_file_is_status_2(fixtures: Path, tmp_path: Path) -> None:
    broken = cut_short(fixtures / "imd2019_file7_synthetic.csv", tmp_path / "file7.csv", 0.5)
    result = run("need", "--under-two", 1000, "--area", "E06900001", "--imd", broken)
    assert result.exit_code == 2
    assert "looks cut short" in message(result)


def test_an_area_missing_from_the_imd_edition_says_why(fixtures: Path) -> None:
    result = run(
        "need", "--mye", fixtures / "mye2_persons_synthetic.xlsx", "--area", "E10900001",
        "--imd", fixtures / "imd2019_file7_synthetic.csv",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "counties and newer councils are not in it" in message(result)


def test_options_that_do_not_go_together(fixtures: Path) -> None:
    mye = fixtures / "mye2_persons_synthetic.xlsx"
    assert run("need", "--mye", mye).exit_code == 2  # no --area
    assert run("need", "--all-areas").exit_code == 2  # no --mye
    result = run("need", "--mye", mye, "--area", "E06900001", "--under-two", 10)
    assert result.exit_code == 2 and "not both" in message(result)
    bad_years = run(
        "need",
        "--projections",
        fixtures / "snpp_2018_persons_synthetic.csv",
        "--area",
        "E06900001",
        "--years",
        "soon",
    )
    assert bad_years.exit_code == 2 and "--years" in message(bad_years)


def test_data_areas_lists_codes_and_under_twos(fixtures: Path) -> None:
    result = run("data", "areas", fixtures / "mye2_persons_synthetic.xlsx", "--search", "unitary")
    assert result.exit_code == 0, result.output
    assert "E06900001" in result.stdout and "3,020" in result.stdout
    assert "E08900001" not in result.stdout


def test_data_list_shows_downloads_with_their_source(fixtures: Path, tmp_path: Path) -> None:
    from pairsight.officialdata.download import DATASETS, fetch

    from .test_download import FIXED, serve

    fetch(
        DATASETS["imd2019"],
        tmp_path,
        http=serve((fixtures / "imd2019_file7_synthetic.csv").read_bytes()),
        now=lambda: FIXED,
    )
    result = run("data", "list", "--data-dir", tmp_path)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "English Indices" in text and "2025-01-15" in text and "845345" in text
    assert run("data", "fetch", "no-such-dataset", "--data-dir", tmp_path).exit_code == 2


def test_data_context_reads_cached_fingertips_indicators(fixtures: Path, tmp_path: Path) -> None:
    stand_in = StandInFingertips(fixtures)
    http = httpx.Client(transport=httpx.MockTransport(stand_in))
    FingertipsClient(tmp_path / "fingertips", http=http).latest(92196)
    result = run(
        "data", "context", "--area", "E08900001", "--indicator", 92196, "--data-dir", tmp_path
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Infant mortality" in text and "(92196)" in text
    assert "6.2" in text and "4.1" in text  # the area, then England
