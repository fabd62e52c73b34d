"""The pages of background work, backup, restore and deletion in Debian's Chromium.

A lead follows a queued report build and cancels it, opens a queued import's page, and goes
through the backup, restore and delete pages with a mistake on each form; screenshots are
saved in artefacts/screenshots/ and axe-core checks every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _checked(page: Any, name: str) -> None:
    page.screenshot_as(name)
    assert page.axe_violations() == [], name
    assert page.console_errors == [], name


def test_a_lead_follows_and_cancels_a_build_and_opens_a_waiting_import(
    browser_page: Any, team: Any, queued_tasks: None, settings: Any, tmp_path: Any
) -> None:
    from pairsight.surveys import actions as survey_actions
    from pairsight.surveys import tasks as survey_tasks

    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"
    page = browser_page
    page.sign_in(team.lead.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/report/")
    page.get_by_role("button", name="Build the report").click()
    expect(page.locator("#report-progress")).to_contain_text("Waiting to start")
    _checked(page, "1-build-waiting")
    page.get_by_role("button", name="Cancel the build").click()
    expect(page.locator("#report-failure")).to_contain_text("The last build was cancelled")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    _checked(page, "2-build-cancelled")

    survey = survey_actions.start_survey(
        actor=team.lead, assessment=team.assessment, kind="workforce"
    )
    export = b"What is your profession?\nMidwife\nGP\n"
    upload = survey_actions.upload_export(
        actor=team.lead, survey=survey, file_name="sample.csv", content=export
    )
    job = survey_tasks.start_import(actor=team.lead, upload=upload)
    page.open(f"/assessments/{team.assessment.pk}/surveys/workforce/importing/{job.pk}/")
    expect(page.get_by_role("heading", name="Importing sample.csv")).to_be_visible()
    expect(page.locator("#import-progress")).to_contain_text("Waiting to start")
    _checked(page, "3-import-waiting")
    page.get_by_role("button", name="Cancel the import").click()
    expect(page.locator("#import-progress")).to_contain_text("The import was cancelled")
    _checked(page, "4-import-cancelled")


def test_a_lead_backs_up_restores_and_deletes(browser_page: Any, team: Any) -> None:
    page = browser_page
    page.sign_in(team.lead.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/")
    page.get_by_role("link", name="Back up or delete it").click()
    expect(page.get_by_role("heading", name="Back up or delete the assessment")).to_be_visible()
    _checked(page, "1-backup-page")
    page.get_by_role("button", name="Make a backup").click()
    expect(page.get_by_text("is ready")).to_be_visible()
    _checked(page, "1-backup-made")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the backup").click()
    backup = download.value.path()

    page.open("/")
    page.get_by_role("link", name="Restore an assessment from a backup").click()
    page.get_by_label("Backup file").set_input_files(
        files=[{"name": "notes.zip", "mimeType": "application/zip", "buffer": b"hello"}]
    )
    page.get_by_role("button", name="Restore the assessment").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("is not a PAIRsight backup")
    page.forget_console_errors("Failed to load resource")
    _checked(page, "2-restore-refused")
    page.get_by_label("Backup file").set_input_files(backup)
    page.get_by_role("button", name="Restore the assessment").click()
    expect(page.get_by_text(re.compile(r"Restored as assessment \d+"))).to_be_visible()
    _checked(page, "3-restored")
    page.locator("#restored-assessment").click()
    expect(page.get_by_role("heading", name=re.compile(r"\(restored\)"))).to_be_visible()

    page.open(f"/assessments/{team.assessment.pk}/delete/")
    page.get_by_label("Type the assessment's name to confirm").fill("Testshire")
    page.get_by_role("button", name="Delete the assessment").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("exactly as shown")
    page.forget_console_errors("Failed to load resource")
    _checked(page, "4-delete-refused")
    page.get_by_label("Type the assessment's name to confirm").fill(team.assessment.title)
    page.get_by_role("button", name="Delete the assessment").click()
    expect(page.get_by_text("and everything in it have been deleted")).to_be_visible()
    _checked(page, "5-deleted")


def test_a_restore_waits_for_the_worker_is_cancelled_retried_and_links_to_the_assessment(
    browser_page: Any, team: Any, run_worker: Any, tmp_path: Path
) -> None:
    from pairsight.assessments.backup import backup_assessment
    from pairsight.assessments.models import Assessment

    backup = backup_assessment(
        actor=team.lead, assessment=team.assessment, out=tmp_path / "team.zip"
    )
    page = browser_page
    page.sign_in(team.lead.username, PASSWORD)
    page.open("/assessments/restore/")
    page.get_by_label("Backup file").set_input_files(str(backup))
    page.get_by_role("button", name="Restore the assessment").click()
    expect(page.locator("#restore-progress")).to_contain_text("Waiting to start")
    expect(page.get_by_label("Backup file")).to_have_count(0)
    _checked(page, "6-restore-waiting")
    page.get_by_role("button", name="Cancel the restore").click()
    expect(page.locator("#restore-progress")).to_contain_text("Restoring team.zip was cancelled")
    _checked(page, "7-restore-cancelled")
    page.get_by_role("button", name="Try restoring team.zip again").click()
    expect(page.locator("#restore-progress")).to_contain_text("Waiting to start")
    run_worker()
    # The page polls: it shows the new assessment without being reloaded.
    expect(page.locator("#restored-assessment")).to_be_visible(timeout=30_000)
    _checked(page, "8-restore-done")
    restored = Assessment.objects.order_by("-pk").first()
    assert restored is not None and restored.pk != team.assessment.pk
    page.locator("#restored-assessment").click()
    expect(page.get_by_role("heading", name=re.compile(r"\(restored\)"))).to_be_visible()
    assert page.url.endswith(f"/assessments/{restored.pk}/")


def test_a_lead_has_the_filtered_audit_trail_written_and_downloads_it(
    browser_page: Any, team: Any, queued_tasks: None, run_worker: Any
) -> None:
    from pairsight.assessments.models import AuditEvent

    page = browser_page
    page.sign_in(team.lead.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/audit/")
    page.get_by_label("Kind").select_option("change")
    page.get_by_role("button", name=re.compile("^(Find|Filter|Show)")).first.click()
    page.get_by_role("button", name="Download these records (CSV)").click()
    expect(page.get_by_role("heading", name="Download the audit trail")).to_be_visible()
    expect(page.locator("#audit-file-progress")).to_contain_text("Waiting to start")
    _checked(page, "audit-file-1-waiting")
    run_worker()
    # The page polls: the download appears without a reload.
    button = page.get_by_role("button", name="Download the audit trail (CSV)")
    expect(button).to_be_visible(timeout=30_000)
    changes = AuditEvent.objects.filter(assessment=team.assessment, kind="change").count()
    expect(page.locator("#audit-file-progress")).to_contain_text(f"holds {changes} records")
    expect(page.locator("#audit-file-filters")).to_contain_text(
        "Only the records chosen by kind: change"
    )
    _checked(page, "audit-file-2-written")
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.startswith("pairsight-audit-")
    assert AuditEvent.objects.filter(kind="export", actor=team.lead).count() == 1
