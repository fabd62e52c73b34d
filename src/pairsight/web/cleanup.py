"""Removing what PAIRsight no longer needs: uploaded files never imported, old sign-in counts.

`pairsight web cleanup` runs it (hourly from cron or a systemd timer; `pairsight web serve`
also runs it at start). An uploaded export can hold names and e-mail addresses, so it must
not wait on the server until someone happens to upload the next file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from pairsight.assessments.audit import record_change
from pairsight.assessments.backup.audit_exports import sweep_audit_exports
from pairsight.assessments.backup.restore_jobs import sweep_restore_uploads
from pairsight.interviews.tasks import sweep_uploads
from pairsight.recommendations.tasks import sweep_register_uploads
from pairsight.surveys.actions import UPLOAD_KEPT_FOR
from pairsight.surveys.models import PendingUpload
from pairsight.surveys.tasks import sweep_responses_exports
from pairsight.web import login_throttle


@dataclass(frozen=True)
class CleanedUp:
    uploads: int
    sign_in_counts: int


def clean_up(now: datetime.datetime | None = None) -> CleanedUp:
    now = now or timezone.now()
    stale = PendingUpload.objects.filter(uploaded_at__lt=now - UPLOAD_KEPT_FOR)
    removed = 0
    for upload in stale.select_related("survey__assessment").defer("content"):
        with transaction.atomic():
            record_change(
                actor=None,
                assessment=upload.survey.assessment,
                action="survey file removed",
                object_type="survey upload",
                object_id=upload.pk,
                summary=f"Removed the uploaded file {upload.file_name}: it was not imported "
                f"within {UPLOAD_KEPT_FOR.days} day(s)",
            )
            upload.delete()
        removed += 1
    # Transcript files left unreviewed wait in a private folder: they go too.
    removed += sweep_uploads(now)
    # So do backups uploaded for a restore that failed and was not tried again.
    removed += sweep_restore_uploads(now)
    # And survey responses written for download: they hold every answer.
    removed += sweep_responses_exports(now)
    removed += sweep_register_uploads(now)
    # And the audit trail written for download: it names people and what they did.
    removed += sweep_audit_exports(now)
    return CleanedUp(uploads=removed, sign_in_counts=login_throttle.forget_old(now))
