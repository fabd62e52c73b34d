"""Back up, restore and delete from the web: leads only, audited, bad input named."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pairsight.assessments.backup.restore_jobs import restores_folder
from pairsight.assessments.models import (
    Assessment,
    AuditEvent,
    BackupJob,
    Membership,
    RestoreJob,
)


def _url(name: str, team: Any) -> str:
    return reverse(f"assessments:{name}", kwargs={"assessment_id": team.assessment.pk})


def _download(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_a_lead_downloads_a_backup_and_restores_it_as_a_new_assessment(
    team: Any, client_for: Any
) -> None:
    client = client_for(team.lead)
    page = client.get(_url("backup", team))
    assert b"Make a backup" in page.content and b"Delete this assessment" in page.content
    # The worker makes it (here, at once: the tests' immediate backend); the page offers it.
    made = client.post(_url("backup_start", team))
    assert made.status_code == 302 and made["Location"] == _url("backup", team)
    job = BackupJob.objects.get(assessment=team.assessment)
    assert job.state == "succeeded"
    page = client.get(_url("backup", team)).content.decode()
    download = reverse(
        "assessments:backup_download",
        kwargs={"assessment_id": team.assessment.pk, "job_id": job.pk},
    )
    assert f'href="{download}"' in page
    assert not AuditEvent.objects.filter(kind="export").exists(), "not yet downloaded"
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"pairsight-backup-assessment-{team.assessment.pk}-" in response["Content-Disposition"]
    content = _download(response)
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    [export] = AuditEvent.objects.filter(assessment=team.assessment, kind="export")
    assert export.actor == team.lead and "backup" in export.summary

    # A new backup replaces the file of the one before.
    client.post(_url("backup_start", team))
    newer = BackupJob.objects.filter(assessment=team.assessment).first()
    assert newer is not None and newer.pk != job.pk
    gone = client.get(download)
    assert gone.status_code == 302
    assert "a newer one replaced it" in client.get(gone["Location"]).content.decode()

    # The upload is only stored; the worker restores it (here at once), the page links to it.
    restored = client.post(
        reverse("assessments:restore"), {"file": SimpleUploadedFile("b.zip", content)}
    )
    assert restored.status_code == 302 and restored["Location"] == reverse("assessments:restore")
    newest = Assessment.objects.order_by("-pk").first()
    job = RestoreJob.objects.get()
    assert job.state == "succeeded" and job.restored == newest
    page = client.get(restored["Location"]).content.decode()
    assert f"Restored as assessment {newest.pk}" in page
    assert reverse("assessments:dashboard", args=[newest.pk]) in page
    assert Membership.objects.get(assessment=newest).user == team.lead
    assert not list(restores_folder().iterdir()), "the upload goes once restored"
    queued = AuditEvent.objects.get(action="restore queued")
    assert queued.actor == team.lead and "b.zip" in queued.summary


def test_a_file_that_is_not_a_backup_is_refused_on_the_page_and_nothing_is_restored(
    team: Any, client_for: Any
) -> None:
    before = Assessment.objects.count()
    client = client_for(team.editor)
    client.post(reverse("assessments:restore"), {"file": SimpleUploadedFile("notes.zip", b"hello")})
    text = client.get(reverse("assessments:restore")).content.decode()
    assert "notes.zip could not be restored" in text
    assert "notes.zip is not a PAIRsight backup: it is not a zip file" in text
    assert "Try restoring" not in text, "a refused file is not kept to try again"
    assert Assessment.objects.count() == before
    assert not list(restores_folder().iterdir()), "a refused upload is removed at once"
    failed = AuditEvent.objects.get(action="restore failed")
    assert failed.actor == team.editor and "not a zip file" in failed.summary


def test_no_file_chosen_is_named_on_the_field(team: Any, client_for: Any) -> None:
    refused = client_for(team.editor).post(reverse("assessments:restore"), {})
    assert refused.status_code == 400
    assert "Choose the backup file to restore" in refused.content.decode()
    assert not RestoreJob.objects.exists()


def test_only_a_lead_makes_a_backup_or_opens_the_delete_page(team: Any, client_for: Any) -> None:
    for person in (team.editor, team.viewer):
        client = client_for(person)
        for name in ("backup", "delete"):
            assert client.get(_url(name, team)).status_code == 403, name
        assert client.post(_url("backup_start", team)).status_code == 403
    assert not BackupJob.objects.exists()
    assert not AuditEvent.objects.filter(kind="export").exists()


def test_deleting_from_the_page_needs_the_name_typed(team: Any, client_for: Any) -> None:
    client = client_for(team.lead)
    wrong = client.post(_url("delete", team), {"confirm_title": "Testshire"})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert "Type the assessment&#x27;s name exactly as shown" in text
    assert 'href="#id_confirm_title"' in text, "the error summary links to the field"
    assert Assessment.objects.filter(pk=team.assessment.pk).exists()

    done = client.post(_url("delete", team), {"confirm_title": team.assessment.title})
    assert done.status_code == 302 and done["Location"] == reverse("assessments:list")
    assert not Assessment.objects.filter(pk=team.assessment.pk).exists()
    page = client.get(done["Location"]).content.decode()
    assert "Testshire needs assessment 2025 and everything in it have been deleted" in page


def test_an_upload_left_after_a_cancelled_restore_goes_a_day_later(
    team: Any, queued_tasks: None
) -> None:
    import datetime

    from django.utils import timezone

    from pairsight.assessments.backup import restore_jobs
    from pairsight.web.cleanup import clean_up

    job = restore_jobs.start_restore(actor=team.lead, file_name="b.zip", chunks=[b"PK"])
    kept = restore_jobs.upload_path(job)
    assert kept.is_file()
    assert clean_up(now=timezone.now() + datetime.timedelta(days=3)).uploads == 0, "waiting"
    restore_jobs.cancel_restore(actor=team.lead, job=job)
    job.refresh_from_db()
    assert job.state == "cancelled" and restore_jobs.can_retry(job)
    assert AuditEvent.objects.filter(action="restore cancelled", actor=team.lead).exists()
    assert clean_up(now=timezone.now() + datetime.timedelta(hours=23)).uploads == 0
    assert clean_up(now=timezone.now() + datetime.timedelta(hours=25)).uploads == 1
    assert not kept.exists() and not restore_jobs.can_retry(job)
