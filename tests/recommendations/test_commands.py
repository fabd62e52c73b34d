"""`pairsight recommendations import|export|list` on a stored assessment."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pairsight.assessments.models import AuditEvent
from pairsight.cli import app
from pairsight.recommendations.models import Recommendation

runner = CliRunner()

HEADER = (
    "Recommendation,Who is the recommendation for,How can the recommendation be achieved,"
    "Next steps,Category\n"
)


@pytest.fixture(autouse=True)
def command_environment(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.setenv("PAIRSIGHT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PAIRSIGHT_SECRET_KEY", "secret-key-for-the-command-tests")


def run(*args: str) -> Any:
    return runner.invoke(app, ["recommendations", *args])


def test_import_then_export_round_trips_and_both_are_audited(team: Any, tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text(
        HEADER + '"=HYPERLINK(""x"")",Practitioners,Training,Fund it,Training the workforce\n',
        encoding="utf-8",
    )
    pk = str(team.assessment.pk)
    imported = run("import", str(register), "--assessment", pk, "--user", team.editor.username)
    assert imported.exit_code == 0, imported.output
    assert "Imported 1 recommendations" in imported.output
    assert Recommendation.objects.get().text == '=HYPERLINK("x")'

    out = tmp_path / "out.csv"
    exported = run("export", "--assessment", pk, "--out", str(out), "--user", team.viewer.username)
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["Number"], r["Recommendation"]) for r in rows] == [("4.1", '\'=HYPERLINK("x")')]
    assert (
        AuditEvent.objects.filter(kind="export", object_type="recommendations register").count()
        == 1
    )

    listed = run("list", "--assessment", pk)
    assert listed.exit_code == 0 and "4.1" in listed.output


def test_a_bad_file_names_row_and_column_and_a_viewer_cannot_import(
    team: Any, tmp_path: Path
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(HEADER + "Text,Who,How,Next,Housing\n", encoding="utf-8")
    pk = str(team.assessment.pk)
    bad = run("import", str(register), "--assessment", pk, "--user", team.editor.username)
    assert bad.exit_code == 2
    assert "Row 2, column 'Category': 'Housing'" in bad.output
    register.write_text(HEADER + "Text,Who,How,Next,Training the workforce\n", encoding="utf-8")
    refused = run("import", str(register), "--assessment", pk, "--user", team.viewer.username)
    assert refused.exit_code == 2 and "editor role" in refused.output
    assert not Recommendation.objects.exists()
