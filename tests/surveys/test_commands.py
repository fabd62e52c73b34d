"""`pairsight survey ...` from the command line: output formats, and bad input as one sentence."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pairsight.surveys.commands import register

from .importers import exports_by_hand as by_hand
from .known_answers import PEOPLE

SCRIPT = Path(sys.executable).parent / "pairsight"


@pytest.fixture(scope="module")
def cli():
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["survey", *map(str, args)])


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cli):
    path = tmp_path_factory.mktemp("demo") / "parents.xlsx"
    result = cli("demo", "parents", "--output", path)
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC DATA" in result.output
    return path


def test_table_output_marks_synthetic_data_and_shows_intervals(cli, demo):
    result = cli("analyse", demo, "--instrument", "parents")
    assert result.exit_code == 0, result.output
    assert result.output.count("SYNTHETIC DATA") >= 2  # at the top and the bottom
    assert "Positive: Somewhat agree, Strongly agree" in result.output
    assert "86%" in result.output and "73% to 93%" in result.output


def test_json_output_is_complete_and_marked(cli, demo):
    result = cli("analyse", demo, "--instrument", "parents", "--format", "json", "--by", "carer")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["synthetic"] is True and "not real" in data["synthetic_label"]
    assert data["responses"] == 49
    impact = data["questions"][0]
    assert impact["id"] == "relationship_impact" and impact["answered"] == 49
    assert {b["by"] for b in data["breakdowns"]} == {"carer"}


def test_csv_output_has_one_row_per_answer(cli, demo):
    result = cli("analyse", demo, "-i", "parents", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    never = next(r for r in rows if r["question_id"] == "ever_asked" and r["answer"] == "No")
    assert (never["count"], never["base"]) == ("33", "49")
    assert all(r["synthetic_data"].startswith("SYNTHETIC DATA") for r in rows)


def test_without_an_instrument_kinds_are_inferred(cli, tmp_path):
    path = by_hand.write_xlsx(by_hand.microsoft_forms(), tmp_path / "forms.xlsx")
    result = cli("analyse", path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["responses"] == len(PEOPLE)
    kinds = {q["text"]: q["kind"] for q in data["questions"]}
    assert kinds["How old is your youngest child, in months?"] == "number"


def test_by_accepts_a_question_number_or_its_text(cli, demo):
    by_number = cli("analyse", demo, "-i", "parents", "-f", "json", "--by", "8")
    by_text = cli("analyse", demo, "-i", "parents", "-f", "json", "--by", "are you the babys")
    assert json.loads(by_number.stdout)["breakdowns"] == json.loads(by_text.stdout)["breakdowns"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyse", "missing.xlsx"], "missing.xlsx does not exist."),
        (["analyse", "{demo}", "--instrument", "nope"], "no such questionnaire"),
        (["analyse", "{demo}", "-i", "parents", "--by", "factors"], "is rating grid"),
        (["analyse", "{demo}", "-i", "parents", "--by", "favourite colour"], "no such question"),
        (["analyse", "{demo}", "-i", "practitioners"], "Only 1 of the 22 columns"),
        (["questionnaire", "parents", "--format", "pdf"], "--format pdf needs --output"),
    ],
)
def test_bad_input_exits_2_with_one_clear_message(cli, demo, args, message):
    result = cli(*[str(demo) if a == "{demo}" else a for a in args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_instruments_lists_the_templates(cli):
    result = cli("instruments")
    assert result.exit_code == 0
    assert "practitioners" in result.output and "parents" in result.output


def test_questionnaire_as_forms_text_html_and_pdf(cli, tmp_path):
    forms = cli("questionnaire", "practitioners")
    assert forms.exit_code == 0 and forms.stdout.startswith("Practitioners and managers survey")
    html = cli("questionnaire", "parents", "--format", "html")
    assert html.stdout.startswith("<!DOCTYPE html>")
    pdf = cli("questionnaire", "parents", "--format", "pdf", "--output", tmp_path / "q.pdf")
    assert pdf.exit_code == 0 and (tmp_path / "q.pdf").read_bytes().startswith(b"%PDF")


def test_the_installed_command_fails_without_a_traceback(tmp_path):
    (tmp_path / "notes.csv").write_bytes(b"")
    result = subprocess.run(
        [str(SCRIPT), "survey", "analyse", str(tmp_path / "notes.csv")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Error: notes.csv is empty")
    assert "Traceback" not in result.stderr
