"""`pairsight report`: what an analyst types, and what they see back."""

from __future__ import annotations

from typer.testing import CliRunner

from pairsight.cli import app

runner = CliRunner()


def test_the_demo_report_is_built_with_progress(tmp_path):
    result = runner.invoke(
        app, ["report", "--demo", "--format", "html,docx", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "[1/4] Building the web page (HTML)" in result.output
    html = tmp_path / "parent-infant-relationship-needs-assessment-birmingham.html"
    assert f"web page (HTML): {html}" in result.output
    assert "2,420" in html.read_text(encoding="utf-8")
    assert (tmp_path / "parent-infant-relationship-needs-assessment-birmingham.docx").exists()


def test_the_date_status_and_rule_can_be_chosen(tmp_path):
    result = runner.invoke(
        app,
        ["report", "--demo", "-f", "html", "-o", str(tmp_path), "--date", "2025-03-14"]
        + ["--published", "--disclosure", "under-10"],
    )
    assert result.exit_code == 0, result.output
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert "14 March 2025" in html
    assert "Draft" not in html
    assert "between 1 and 9" in html


def test_bad_options_are_named_and_nothing_is_written(tmp_path):
    cases = [
        (["--format", "html,odt"], "--format: Unknown format 'odt'"),
        (["--disclosure", "strict"], "--disclosure: Unknown disclosure rule 'strict'"),
        (["--date", "14/03/2025"], "--date: '14/03/2025' is not a date"),
    ]
    for options, message in cases:
        result = runner.invoke(app, ["report", "--demo", "--out", str(tmp_path), *options])
        assert result.exit_code == 2
        assert message in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == []


def test_a_report_must_be_chosen(tmp_path):
    result = runner.invoke(app, ["report", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--demo for the demonstration report" in result.output
