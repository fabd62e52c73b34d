"""`pairsight report --assessment ID`: the web app's report, built from the command line."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from pairsight.assessments.models import AuditEvent
from pairsight.cli import app
from pairsight.reports import actions

runner = CliRunner()


@pytest.fixture(autouse=True)
def command_environment(monkeypatch: Any, settings: Any, tmp_path: Any) -> None:
    # The command sets Django up as `pairsight web` does: keep its data folder in tmp_path.
    monkeypatch.setenv("PAIRSIGHT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PAIRSIGHT_SECRET_KEY", "secret-key-for-the-command-tests")
    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"


def report(*options: str) -> Any:
    return runner.invoke(app, ["report", *options])


def test_the_demo_assessment_report_is_built_and_the_export_audited(demo, tmp_path):
    out = tmp_path / "out"
    assessment = demo.assessment
    result = report("--assessment", str(assessment.pk), "--format", "html,docx", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "[1/4] Building the web page (HTML)" in result.output
    assert f"Recorded in the audit trail of {assessment.title}" in " ".join(result.output.split())
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "2,760" in html and "2,420" in html
    assert "not for publication" in html, "nothing has been published: it is a draft"
    assert "Nuttall C, Mitchell Meades A (2022)" in html
    assert len(list(out.glob("*.docx"))) == 1

    [event] = AuditEvent.objects.filter(assessment=assessment, kind="export")
    assert event.actor is None and event.actor_name == "PAIRsight (system)"
    assert event.summary == (
        "Downloaded the draft report (command line) as web page (HTML), Word document"
    )
    assert event.after["formats"] == ["html", "docx"]
    assert event.after["folder"] == str(out.resolve())


def test_the_export_is_recorded_for_the_member_named(demo, tmp_path):
    result = report(
        "--assessment", str(demo.assessment.pk), "-f", "html", "-o", str(tmp_path), "--user", "demo"
    )
    assert result.exit_code == 0, result.output
    event = AuditEvent.objects.get(assessment=demo.assessment, kind="export")
    assert event.actor.username == "demo"
    assert event.actor_name == "Demo user (demo)"


def test_the_report_follows_the_assessments_rule_and_publication(team, tmp_path):
    lead = team.lead
    actions.set_disclosure(actor=lead, assessment=team.assessment, disclosure="under-5")
    actions.build_now(actor=lead, assessment=team.assessment)
    actions.build_now(actor=lead, assessment=team.assessment, publish=True)
    result = report("--assessment", str(team.assessment.pk), "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert "between 1 and 4" in html
    assert "not for publication" not in html, "the lead published it and nothing changed since"
    assert "No population estimate has been chosen for this assessment yet" in html


def test_mistakes_are_named_and_nothing_is_written_or_recorded(demo, make_user, tmp_path):
    make_user("stranger@example.nhs.uk")
    pk = str(demo.assessment.pk)
    cases = [
        (["--assessment", "999999"], 2, "--assessment: there is no assessment with ID 999999"),
        (["--assessment", pk, "--user", "nobody"], 2, "there is nobody with the user name"),
        (
            ["--assessment", pk, "--user", "stranger@example.nhs.uk"],
            2,
            "stranger@example.nhs.uk is not a member of the assessment",
        ),
        (["--assessment", pk, "--demo"], 2, "choose either --demo or --assessment"),
        (["--assessment", pk, "--disclosure", "off"], 2, "chosen on its report page"),
        (["--assessment", pk, "--published"], 2, "only the assessment's lead publishes"),
        (["--demo", "--user", "demo"], 2, "--user: only applies to an assessment's report"),
    ]
    for options, code, message in cases:
        result = report(*options, "--out", str(tmp_path / "out"))
        assert result.exit_code == code, (options, result.output)
        assert message in " ".join(result.output.split()), (options, result.output)
    assert f"Assessments: {pk} ({demo.assessment.title})" in " ".join(
        report("--assessment", "999999").output.split()
    )
    assert not (tmp_path / "out").exists()
    assert not AuditEvent.objects.filter(kind="export").exists()
