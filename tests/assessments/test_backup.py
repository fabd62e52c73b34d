"""Backup, restore and deletion of one assessment (assessments/backup.py, archive.py).

The demo, with its synthetic surveys, a starred finding and a built report, is backed up and
restored: the restored assessment's report carries the Birmingham figures, the same survey
findings and the same audit entries. Damaged, tampered and newer files change nothing.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from pairsight.assessments.archive import SCHEMA_VERSION, BackupError, checksum
from pairsight.assessments.backup import (
    RESTORED_MARK,
    backup_assessment,
    delete_assessment,
    parts,
    restore_assessment,
    restore_jobs,
)
from pairsight.assessments.backup.audit_exports import start_audit_export
from pairsight.assessments.backup.jobs import downloads_folder
from pairsight.assessments.backup.parts import rows_of
from pairsight.assessments.models import Assessment, AuditEvent, AuditExport, Membership
from pairsight.cli import app
from pairsight.population.demo import load_birmingham_demo
from pairsight.recommendations import tasks as register_tasks
from pairsight.reports import actions as report_actions
from pairsight.reports import queries as report_queries
from pairsight.surveys import actions as survey_actions
from pairsight.surveys import queries as survey_queries
from pairsight.surveys import tasks as survey_tasks
from pairsight.surveys.analysis.serialise import analysis_table
from pairsight.surveys.demo import add_demo_surveys
from pairsight.surveys.models import Survey

runner = CliRunner()


@pytest.fixture(autouse=True)
def folders(monkeypatch: Any, settings: Any, tmp_path: Path) -> None:
    monkeypatch.setenv("PAIRSIGHT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PAIRSIGHT_SECRET_KEY", "secret-key-for-the-backup-tests")
    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"


@dataclass(frozen=True)
class FullDemo:
    assessment: Assessment
    lead: Any


@pytest.fixture
def surveyed_demo(demo: Any) -> FullDemo:
    """The demo with its surveys and a starred finding."""
    lead = Membership.objects.get(assessment=demo.assessment, role="lead").user
    add_demo_surveys(demo.assessment, lead)
    workforce = Survey.objects.get(assessment=demo.assessment, kind="workforce")
    survey_actions.star_finding(actor=lead, survey=workforce, question_id="profession")
    return FullDemo(demo.assessment, lead)


@pytest.fixture
def full_demo(surveyed_demo: FullDemo) -> FullDemo:
    """The demo with its surveys, a starred finding and a built report."""
    report_actions.build_now(actor=surveyed_demo.lead, assessment=surveyed_demo.assessment)
    return surveyed_demo


def trail(assessment: Any) -> list[tuple[Any, ...]]:
    return [
        (e.at, e.actor_name, e.kind, e.action, e.object_type, e.summary, e.before, e.after)
        for e in AuditEvent.objects.filter(assessment=assessment).order_by("at", "id")
    ]


def findings(assessment: Any) -> dict[str, pd.DataFrame]:
    return {
        survey.kind: analysis_table(survey_queries.findings_of(survey)[0])
        for survey in Survey.objects.filter(assessment=assessment)
    }


def every_row_count() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_the_demo_comes_back_with_the_same_figures_findings_and_audit_entries(
    full_demo: Any, make_user: Any, tmp_path: Path
) -> None:
    original = full_demo.assessment
    before_trail = trail(original)
    path = backup_assessment(actor=full_demo.lead, assessment=original, out=tmp_path / "b.zip")
    restorer = make_user("restorer@example.nhs.uk", name="Rita Restorer")
    restored = restore_assessment(actor=restorer, content=path.read_bytes(), name="b.zip")

    assert restored.pk != original.pk
    assert restored.title == original.title + " (restored)"
    assert list(Membership.objects.filter(assessment=restored).values_list("user", "role")) == [
        (restorer.pk, "lead")
    ]
    report = report_queries.assessment_report(restored)
    text = repr(report.sections)
    assert "2,420" in text or "2420" in text
    assert "2,760" in text or "2760" in text
    assert report.sections == report_queries.assessment_report(original).sections
    restored_findings, original_findings = findings(restored), findings(original)
    assert sorted(restored_findings) == sorted(original_findings) == ["parents", "workforce"]
    for kind, table in original_findings.items():
        assert len(table) > 10, "the findings are not empty"
        pd.testing.assert_frame_equal(restored_findings[kind], table)

    restored_trail = trail(restored)
    *entries, restore_note = restored_trail
    assert (
        restore_note[3] == "assessment restored"
        and restore_note[1] == "Rita Restorer (restorer@example.nhs.uk)"
    )
    assert all(entry[5].startswith(RESTORED_MARK) for entry in entries)
    unmarked = [(*e[:5], e[5].removeprefix(RESTORED_MARK), *e[6:]) for e in entries]
    assert unmarked == before_trail
    # The backup itself is an export of the original, audited there (after the rows it holds).
    assert trail(original)[-1][2:4] == ("export", "exported")

    # The built report's files came with it, under the restored build.
    current = report_queries.current_build(restored)
    assert current is not None and current.pk != report_queries.current_build(original).pk
    preview = report_queries.built_file(current, "html").path.read_bytes()
    assert (
        preview
        == report_queries.built_file(
            report_queries.current_build(original), "html"
        ).path.read_bytes()
    )


def test_the_commands_back_up_and_restore_and_name_the_new_assessment(
    full_demo: Any, tmp_path: Path
) -> None:
    out = tmp_path / "demo-backup.zip"
    made = runner.invoke(
        app,
        ["backup", "--assessment", str(full_demo.assessment.pk), "-o", str(out), "--user", "demo"],
    )
    assert made.exit_code == 0, made.output
    assert zipfile.is_zipfile(out)
    restored = runner.invoke(app, ["restore", str(out), "--user", "demo"])
    assert restored.exit_code == 0, restored.output
    newest = Assessment.objects.order_by("-pk").first()
    assert restored.output.strip().splitlines()[-1] == f"Restored as assessment {newest.pk}."


def _rewritten(content: bytes, change: Any) -> bytes:
    members = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            members[info.filename] = archive.read(info.filename)
    change(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tamper_rows(members: dict[str, bytes]) -> None:
    rows = json.loads(members["rows/population.scenario.json"])
    rows[0]["result"]["unmet_need"]["value"] = 1
    members["rows/population.scenario.json"] = json.dumps(rows).encode()


def _newer_schema(members: dict[str, bytes]) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest["schema_version"] = SCHEMA_VERSION + 1
    members["manifest.json"] = json.dumps(manifest).encode()


def _newer_migration(members: dict[str, bytes]) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"]["surveys"] = "0099_from_the_future"
    members["manifest.json"] = json.dumps(manifest).encode()


def _unlisted_member(members: dict[str, bytes]) -> None:
    members["files/surveys/slipped-in.txt"] = b"not written by PAIRsight"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda c: c[: len(c) // 2], "it is not a zip file, or it was cut short"),
        (lambda c: b"not a zip at all", "it is not a zip file"),
        (lambda c: _rewritten(c, _tamper_rows), "the checksum of rows/population.scenario.json"),
        (lambda c: _rewritten(c, _newer_schema), "made by a newer version of PAIRsight"),
        (lambda c: _rewritten(c, _newer_migration), "made by a newer version of PAIRsight"),
        (lambda c: _rewritten(c, _unlisted_member), "does not match its manifest"),
    ],
    ids=["truncated", "not a zip", "tampered", "newer schema", "newer migration", "extra file"],
)
def test_a_damaged_tampered_or_newer_backup_is_refused_and_nothing_changes(
    damage: Any, message: str, surveyed_demo: Any, tmp_path: Path
) -> None:
    full_demo = surveyed_demo
    (tmp_path / "reports").mkdir()
    path = backup_assessment(
        actor=full_demo.lead, assessment=full_demo.assessment, out=tmp_path / "b.zip"
    )
    bad = damage(path.read_bytes())
    before = every_row_count()
    reports = sorted(p.name for p in (tmp_path / "reports").iterdir())
    with pytest.raises(BackupError, match=message):
        restore_assessment(actor=full_demo.lead, content=bad, name="b.zip")
    assert every_row_count() == before
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == reports


def test_the_checksums_in_the_manifest_are_those_of_the_files(
    full_demo: Any, tmp_path: Path
) -> None:
    path = backup_assessment(
        actor=full_demo.lead, assessment=full_demo.assessment, out=tmp_path / "b.zip"
    )
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["schema_version"] == SCHEMA_VERSION
        for name, digest in manifest["checksums"].items():
            assert checksum(archive.read(name)) == digest
    assert manifest["rows"]["surveys.response"] == 89 + 49


def test_only_a_lead_backs_up_or_deletes(team: Any, tmp_path: Path) -> None:
    for person in (team.editor, team.viewer):
        with pytest.raises(PermissionDenied):
            backup_assessment(actor=person, assessment=team.assessment, out=tmp_path / "x.zip")
        with pytest.raises(PermissionDenied):
            delete_assessment(
                actor=person, assessment=team.assessment, confirm_title=team.assessment.title
            )
    assert not (tmp_path / "x.zip").exists()


def test_deleting_needs_the_name_typed_and_leaves_nothing_in_the_database_or_on_disk(
    team: Any, run_worker: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    """Every table is counted with only another assessment present, then again after the
    demo (surveys, starred finding, report builds and their tasks, audit) is added and
    deleted: only the person who signed in to the demo and the deletion's record remain."""
    before = every_row_count()
    demo = load_birmingham_demo("demo-password-for-tests")
    assessment = demo.assessment
    lead = Membership.objects.get(assessment=assessment, role="lead").user
    add_demo_surveys(assessment, lead)
    survey = Survey.objects.get(assessment=assessment, kind="workforce")
    survey_actions.star_finding(actor=lead, survey=survey, question_id="profession")
    # A build run by the worker leaves its files and a task row; one more waits in the queue.
    # So does every other kind of job of the assessment: the responses workbook, a (refused)
    # recommendations register, the audit trail file, and the restore that made a copy of it.
    report_actions.start_build(actor=lead, assessment=assessment)
    survey_tasks.start_responses_export(actor=lead, survey=survey)
    register = register_tasks.start_register_import(
        actor=lead, assessment=assessment, file_name="register.csv", chunks=[b"not a register"]
    )
    start_audit_export(actor=lead, assessment=assessment)
    copy = backup_assessment(actor=lead, assessment=assessment, out=tmp_path / "demo.zip")
    restore = restore_jobs.start_restore(
        actor=lead, file_name="demo.zip", chunks=[copy.read_bytes()]
    )
    run_worker()
    report_actions.start_build(actor=lead, assessment=assessment)
    folder = report_queries.reports_folder(assessment.pk)
    assert any(folder.rglob("*.pdf"))
    assert DBTaskResult.objects.count() == 6
    restore.refresh_from_db()
    restored = restore.restored
    assert restored is not None
    assert {job.state for job in AuditExport.objects.all()} == {"succeeded"}

    with pytest.raises(ValidationError) as refused:
        delete_assessment(actor=lead, assessment=assessment, confirm_title="Birmingham")
    assert "Type the assessment's name exactly as shown" in str(refused.value)
    assert Assessment.objects.filter(pk=assessment.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        delete_assessment(actor=lead, assessment=assessment, confirm_title=assessment.title)
        delete_assessment(actor=lead, assessment=restored, confirm_title=restored.title)
    assert not folder.exists()
    assert not list(downloads_folder(assessment.pk).parent.rglob("*"))
    assert not register_tasks.upload_path(register).exists()
    assert not restore_jobs.upload_path(restore).exists()
    after = every_row_count()
    user_model = lead._meta.label
    assert after.pop(user_model) == before.pop(user_model) + 1  # the demo's person stays
    # The restore is the person's record (which file, when), not the assessment's: it stays,
    # naming no assessment now, with its audit entries (of no assessment) and the deletions'.
    assert after.pop("assessments.RestoreJob") == before.pop("assessments.RestoreJob") + 1
    restore.refresh_from_db()
    assert restore.restored is None
    restore_events = AuditEvent.objects.filter(object_type="restore job").count()
    # Queued (of no assessment); "restored" was the restored copy's own and went with it.
    assert restore_events == 1
    audit_added = after.pop("assessments.AuditEvent") - before.pop("assessments.AuditEvent")
    assert audit_added == 2 + restore_events
    assert after == before
    [deleted, _] = AuditEvent.objects.filter(action="assessment deleted").order_by("id")
    assert deleted.assessment is None and deleted.actor == lead
    assert deleted.summary.startswith("Deleted the assessment “Birmingham parent-infant")


# Rows that belong to an assessment but are not restored, and why.
NOT_BACKED_UP = {
    "assessments.Membership": "the restoring person becomes the lead and invites the team",
    "assessments.Invitation": "links for people to set a password: never carried anywhere",
    "assessments.BackupJob": "the making of a backup, not the assessment's work",
    "assessments.EditionRecord": "what publishing froze; a restored copy is a new draft",
    "assessments.AuditExport": "the audit trail written for download, written again on request",
    "surveys.UploadCheckJob": "a check of a waiting file, made again when the file is opened",
    "assessments.RestoreJob": "the restoring of a backup, recorded for the person who asked",
    "surveys.ResponsesExport": "a workbook written for download, written again on request",
    "recommendations.RegisterImport": "an import's progress; what it added is backed up",
}


def _leads_to_assessment(model: Any, seen: tuple[Any, ...] = ()) -> bool:
    for field in model._meta.concrete_fields:
        target = getattr(field, "related_model", None)
        if not field.is_relation or target is None:
            continue
        if target is Assessment:
            return True
        if (
            target not in seen
            and target is not model
            and _leads_to_assessment(target, (*seen, model))
        ):
            return True
    return False


def test_every_table_of_an_assessment_is_in_its_backup() -> None:
    registered = {model for part in parts() for model in part.models}
    belonging = {
        m
        for m in apps.get_models(include_auto_created=True)
        if m is not Assessment and _leads_to_assessment(m)
    }
    missing = sorted(m._meta.label for m in belonging - registered)
    assert missing == sorted(NOT_BACKED_UP)


def test_every_workstream_comes_back_and_each_coder_keeps_their_coding(
    surveyed_demo: FullDemo, make_user: Any, tmp_path: Path
) -> None:
    from pairsight.interviews.demo import add_demo_interviews
    from pairsight.interviews.models import Excerpt
    from pairsight.recommendations.demo import add_demo_recommendations
    from pairsight.servicemap.actions import add_service

    original = surveyed_demo.assessment
    add_demo_interviews(original, surveyed_demo.lead)
    add_demo_recommendations(original, surveyed_demo.lead)
    add_service(actor=surveyed_demo.lead, assessment=original, name="Baby clinic (SYNTHETIC)")

    def counts(assessment: Assessment) -> dict[str, int]:
        return {
            m._meta.label: rows_of(m, assessment.pk).count()
            for part in parts()
            for m in part.models
            if m is not AuditEvent
        }

    before = counts(original)
    for label in ("interviews.Excerpt", "recommendations.Recommendation", "servicemap.Service"):
        assert before[label] > 0, label
    path = backup_assessment(actor=surveyed_demo.lead, assessment=original, out=tmp_path / "b.zip")
    restorer = make_user("restorer@example.nhs.uk", name="Rita Restorer")
    restored = restore_assessment(actor=restorer, content=path.read_bytes(), name="b.zip")

    assert counts(restored) == before

    def coders(assessment: Assessment) -> list[str]:
        excerpts = Excerpt.objects.filter(transcript__assessment=assessment)
        return sorted(excerpts.values_list("coder__username", flat=True))

    assert coders(restored) == coders(original)
