"""`pairsight survey representativeness`: the JSON keys, the figures, and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from pairsight.surveys.commands import register

CENSUS = Path(__file__).resolve().parents[1] / "officialdata" / "fixtures" / "census"
BULK = CENSUS / "census2021-ts021-ltla-gm-excerpt.csv"
MANCHESTER_TOTAL = 551_938
MANCHESTER_WHITE = 268_572 + 9_442 + 597 + 883 + 34_138


@pytest.fixture(scope="module")
def cli():
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["survey", *map(str, args)])


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cli):
    path = tmp_path_factory.mktemp("demo") / "parents.xlsx"
    assert cli("demo", "parents", "--output", path).exit_code == 0
    return path


def _white_by_hand(path: Path) -> tuple[int, int]:
    """White answers and all answers with a group, read from the export with pandas."""
    answers = pd.read_excel(path)["What is your ethnic group?"].dropna()
    grouped = answers[answers != "Prefer not to say"]
    return int(grouped.str.startswith("White: ").sum()), len(grouped)


def test_json_has_the_keys_the_issue_names(cli, demo):
    args = ("representativeness", demo, "--instrument", "parents", "--question", "ethnicity")
    result = cli(*args, "--population", BULK, "--area", "E08000003", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"question", "population_source", "rows", "left_out", "test"}
    assert "SYNTHETIC DATA" in data["question"]["synthetic_label"]
    assert "Census 2021 TS021" in data["population_source"]
    assert "Manchester (E08000003)" in data["population_source"]
    rows = {row["category"]: row for row in data["rows"]}
    assert len(rows) == 5
    for row in rows.values():
        assert {
            "category",
            "sample_count",
            "sample_percent",
            "ci_low",
            "ci_high",
            "population_percent",
            "gap",
        } <= set(row)
    white, compared = _white_by_hand(demo)
    assert rows["White"]["sample_count"] == white
    population = 100 * MANCHESTER_WHITE / MANCHESTER_TOTAL
    assert rows["White"]["population_percent"] == pytest.approx(population, abs=0.05)
    assert rows["White"]["gap"] == pytest.approx(100 * white / compared - population, abs=0.1)
    assert set(data["test"]) >= {"statistic", "p_value", "reason"}


def test_csv_and_table(cli, demo, tmp_path):
    groups = tmp_path / "groups.csv"
    groups.write_text("group,share\nWhite,50\n=Other,50\n")
    mapping = tmp_path / "map.yaml"
    lines = ["question: ethnicity", "level: detailed", "options:"]
    for option in _options():
        target = "White" if option.startswith("White") else "'=Other'"
        lines.append(f"  '{option}': {'~' if option.startswith('Prefer') else target}")
    mapping.write_text("\n".join(lines) + "\n")
    common = (
        "representativeness",
        demo,
        "-i",
        "parents",
        "--question",
        "ethnicity",
        "--population",
        groups,
        "--map",
        mapping,
    )
    result = cli(*common, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["category"] for r in rows] == ["White", "'=Other"]
    assert rows[0]["synthetic_data"].startswith("SYNTHETIC DATA")
    table = cli(*common)
    assert table.exit_code == 0, table.output
    assert table.output.count("SYNTHETIC DATA") == 2
    assert "Left out of the comparison: Prefer not to say" in table.output


def _options() -> list[str]:
    from pairsight.surveys.instruments import load_instrument

    question = load_instrument("parents").question("ethnicity")
    return [option.label for option in question.options]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--population", BULK), "4 areas"),
        (("--population", BULK, "--area", "E08000025"), "no row for area E08000025"),
        (("--population", BULK, "--area", "E08000003", "--level", "top"), "--level"),
        (("--population", "missing.csv"), "does not exist"),
    ],
)
def test_bad_input_is_one_sentence(cli, demo, extra, message):
    result = cli("representativeness", demo, "-i", "parents", "--question", "ethnicity", *extra)
    assert result.exit_code == 2
    assert message in result.output
