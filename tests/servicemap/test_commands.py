"""`pairsight services triage|import|matrix`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from pairsight.cli import app
from pairsight.servicemap import actions
from pairsight.servicemap.models import Service

from .conftest import FIXTURES

runner = CliRunner()
LIST = str(FIXTURES / "oruk_v1_list_synthetic.json")


@pytest.fixture
def command_environment(monkeypatch: Any, tmp_path: Any) -> None:
    monkeypatch.setenv("PAIRSIGHT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PAIRSIGHT_SECRET_KEY", "secret-key-for-the-command-tests")


def test_triage_prints_the_count_and_the_proposals_as_json() -> None:
    result = runner.invoke(app, ["services", "triage", LIST, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["services"] == 4 and data["errors"] == []
    assert [p["id"] for p in data["proposed"]] == ["svc-health-visiting", "svc-perinatal-peer"]
    assert {"id", "name", "reason"} <= set(data["proposed"][0])
    assert data["proposed"][0]["name"] == "Health Visiting Service"


def test_triage_as_a_table_escapes_feed_text(tmp_path: Any) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(
        '[{"id": "1", "name": "[bold red]Baby[/] clinic", '
        '"description": "For babies and new parents after the birth."}]'
    )
    result = runner.invoke(app, ["services", "triage", str(feed)])
    assert result.exit_code == 0, result.output
    assert "[bold red]Baby[/] clinic" in result.output


def test_triage_of_a_bad_feed_reports_errors(tmp_path: Any) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text('[{"id": "1", "name": "A"}, {"name": "no id"}]')
    result = runner.invoke(app, ["services", "triage", str(feed), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"] == [
        "feed.json, service 2 ('no id') has no id; every service needs one to be updated later."
    ]
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    result = runner.invoke(app, ["services", "triage", str(broken)])
    assert result.exit_code == 2 and "broken.json is not JSON" in result.output


@pytest.mark.usefixtures("command_environment")
def test_import_stores_for_the_member_and_matrix_prints(team: Any) -> None:
    assessment = str(team.assessment.pk)
    result = runner.invoke(
        app,
        ["services", "import", LIST, "--assessment", assessment, "--user", team.editor.username],
    )
    assert result.exit_code == 0, result.output
    assert "Read 4 services" in result.output and "2 proposed" in result.output
    assert Service.objects.filter(assessment=team.assessment).count() == 4
    service = Service.objects.get(feed_id="svc-health-visiting")
    actions.classify_service(
        actor=team.editor, service=service, levels=["universal"], focus="wider"
    )
    result = runner.invoke(app, ["services", "matrix", "--assessment", assessment, "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["services"] == 1 and data["counts"]["universal"]["wider"] == 1


@pytest.mark.usefixtures("command_environment")
def test_import_refuses_a_viewer_and_an_unknown_assessment(team: Any) -> None:
    result = runner.invoke(
        app,
        [
            "services",
            "import",
            LIST,
            "--assessment",
            str(team.assessment.pk),
            "--user",
            team.viewer.username,
        ],
    )
    assert result.exit_code == 2 and "needs the editor role" in result.output
    result = runner.invoke(
        app, ["services", "import", LIST, "--assessment", "999999", "--user", "x"]
    )
    assert result.exit_code == 2 and "no assessment with ID 999999" in result.output
    assert not Service.objects.exists()
