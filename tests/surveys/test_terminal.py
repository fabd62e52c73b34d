"""Answer text is data: Rich markup and HTML in answers print exactly as written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from pairsight.surveys.commands import register

MARKUP = "[/b] closing tag [document] [bold red]shout[/]"
HTML = "<script>alert(1)</script> & <b>bold</b>"


def _export(tmp_path: Path) -> Path:
    # A plain CSV: a question whose options carry markup, and free text with both.
    path = tmp_path / "answers.csv"
    rows = [["Which [b]service[/b]?", "Anything [document] else?"]]
    for n in range(12):
        rows.append([MARKUP if n % 2 else HTML, f"{MARKUP} {HTML} {n}"])
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _run(*args: object) -> str:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["survey", *map(str, args)], terminal_width=400)
    assert result.exit_code == 0, result.output
    assert result.exception is None
    return result.output


def test_markup_and_html_print_as_written_in_the_terminal(tmp_path: Path) -> None:
    output = _run("analyse", _export(tmp_path))
    assert MARKUP in output
    assert HTML in output
    assert "Which [b]service[/b]?" in output
    assert "Anything [document] else?" in output


def test_markup_and_html_are_plain_strings_in_json_and_csv(tmp_path: Path) -> None:
    path = _export(tmp_path)
    data = json.dumps(json.loads(_run("analyse", path, "--format", "json")))
    assert json.dumps(MARKUP)[1:-1] in data
    assert json.dumps(HTML)[1:-1] in data
    rows = list(csv.reader(io.StringIO(_run("analyse", path, "--format", "csv"))))
    cells = {cell for row in rows for cell in row}
    assert MARKUP in cells
    assert HTML in cells


def test_a_real_redcap_file_with_document_answers_prints_them(tmp_path: Path) -> None:
    # REDCapR's test data writes "[document]" in a file field: Rich used to swallow it.
    real = Path(__file__).parent / "real" / "redcap" / "redcapr_simple_data.csv"
    output = _run("analyse", real)
    assert "[document]" in output
