import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pairsight.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), terminal_width=120)


def test_demo_prints_the_birmingham_table():
    result = run("need", "--demo")
    assert result.exit_code == 0, result.output
    for figure in ("15,336", "6,134", "3,987", "2,454", "613", "2,147", "2,760", "2,420"):
        assert figure in result.output
    assert "Birmingham (E08000025)" in result.output
    assert "No published source for the split is known" in " ".join(result.output.split())


def test_the_issue_command_line_gives_the_reference_case_as_json():
    result = run(
        "need",
        "--under-two",
        "30672",
        "--preset",
        "high-adversity",
        "--capacity",
        "340",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [p["value"] for p in payload["pathways"]] == [15336, 6134, 3987, 2454, 613, 2147]
    assert payload["specialised_need"]["value"] == 2760
    assert payload["unmet_need"]["value"] == 2420
    assert payload["capacity"]["services"][0]["name"] == "Existing specialised capacity"


def test_named_repeatable_capacity():
    result = run(
        "need",
        "--under-two",
        "30672",
        "--preset",
        "high-adversity",
        "--capacity",
        "Perinatal mental health service=340",
        "--capacity",
        "Charity=60",
        "--format",
        "json",
    )
    payload = json.loads(result.stdout)
    assert [s["name"] for s in payload["capacity"]["services"]] == [
        "Perinatal mental health service",
        "Charity",
    ]
    assert payload["unmet_need"]["value"] == 2360


def test_births_give_the_per_year_reading():
    result = run("need", "--births", "13000", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["reading"]["kind"] == "births"
    assert payload["reading"]["unit"].startswith("families per year")


def test_csv_has_one_row_per_figure():
    result = run("need", "--demo", "--format", "csv")
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "kind,key,label,value,exact,low,high,provenance"
    keys = [line.split(",")[1] for line in lines[1:]]
    assert keys[:6] == [
        "universal",
        "insecure_unlikely_to_access",
        "disorganised_social_care",
        "targeted",
        "shorter_term_pair",
        "longer_term_pair",
    ]
    assert "specialised_need,Specialised PAIR need,2760,2760.48" in result.stdout


def test_markdown_table():
    result = run("need", "--demo", "--format", "markdown")
    assert "| Longer-term PAIR work | Disorganised | 7% | 2,147 |  |" in result.stdout


def test_caseload_adds_staff_needed_with_its_assumption():
    result = run("need", "--demo", "--caseload-per-wte", "40")
    assert "Staff needed (whole-time equivalents)" in result.output
    assert "60.5" in result.output
    assert "40 families per WTE a year" in result.output


def test_neighbourhood_file_gives_the_deprivation_weighted_estimate(tmp_path: Path):
    path = tmp_path / "lsoas.csv"
    path.write_text("lsoa,population,decile\nA,400,1\nB,200,1\nC,300,5\nD,100,10\n")
    result = run("need", "--under-two", "1000", "--neighbourhoods", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["method"] == "deprivation-weighted"
    assert payload["deprivation"]["deprived_share"] == "0.6"
    assert payload["specialised_need"]["value"] == 82


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--under-two", "-5"], "--under-two '-5': the number of children cannot be negative"),
        (["--under-two", "lots"], "--under-two 'lots': expected a whole number"),
        (["--under-two", "5", "--births", "5"], "give either --under-two"),
        ([], "give either --under-two"),
        (["--under-two", "5", "--preset", "nope"], "unknown preset 'nope'"),
        (["--under-two", "5", "--capacity", "PNMH=many"], "--capacity 'PNMH=many'"),
        (["--under-two", "5", "--capacity", "PNMH=-3"], "cannot be negative"),
        (["--under-two", "5", "--caseload-per-wte", "0"], "--caseload-per-wte '0': must be more"),
        (["--under-two", "5", "--most-deprived", "x", "--neighbourhoods", "x.csv"], "deciles"),
    ],
)
def test_bad_input_exits_2_with_one_clear_sentence(args, message):
    result = run("need", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_malformed_preset_file_exits_2_naming_the_line(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\nversion: 1\ntitle: Mine\nsource: {citation: me}\n"
        "scenarios:\n  central: {secure: '0.5', insecure: '0.5', disorganised: '0.5'}\n"
    )
    result = run("need", "--under-two", "100", "--preset", str(path))
    assert result.exit_code == 2
    assert "mine.yaml, line 6: the shares of 'central' add up to 1.5, not 1" in " ".join(
        result.output.split()
    )


def test_neighbourhood_file_errors_name_row_and_column(tmp_path: Path):
    path = tmp_path / "lsoas.csv"
    path.write_text("population,decile\n10,1\nten,2\n")
    result = run("need", "--under-two", "20", "--neighbourhoods", str(path))
    assert result.exit_code == 2
    assert "row 3, column population: 'ten' is not a whole number" in " ".join(
        result.output.split()
    )


def test_presets_lists_figures_and_sources():
    result = run("presets")
    assert result.exit_code == 0
    assert "55%–60%" in result.output and "Zeanah" in result.output and "Deneault" in result.output


def test_presets_show_one():
    result = run("presets", "show", "low-risk")
    assert result.exit_code == 0
    assert "as published" in result.output and "65%" in result.output
    assert "Journal of Child Psychology and Psychiatry" in " ".join(result.output.split())


def test_presets_show_unknown_exits_2():
    result = run("presets", "show", "nope")
    assert result.exit_code == 2
    assert "unknown preset 'nope'" in result.output
