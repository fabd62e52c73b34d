"""Uploaded files never imported are removed on the clean-up, not only at the next upload."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone
from typer.testing import CliRunner

from pairsight.assessments.models import AuditEvent, SignInThrottle
from pairsight.cli import app
from pairsight.surveys import actions as survey_actions
from pairsight.surveys.models import PendingUpload
from pairsight.web.cleanup import clean_up

EXPORT = b"What is your profession?\nMidwife\n"


def _upload(team: Any, survey: Any, name: str) -> PendingUpload:
    return survey_actions.upload_export(
        actor=team.lead, survey=survey, file_name=name, content=EXPORT
    )


def _age(upload: PendingUpload, hours: float) -> None:
    uploaded_at = timezone.now() - datetime.timedelta(hours=hours)
    PendingUpload.objects.filter(pk=upload.pk).update(uploaded_at=uploaded_at)


def test_files_waiting_more_than_a_day_are_removed_and_recorded(
    team: Any, settings: Any, tmp_path: Path
) -> None:
    # A folder of its own: other tests in this process leave transcript uploads waiting.
    settings.PAIRSIGHT_INTERVIEW_UPLOADS_DIR = tmp_path / "interview-uploads"
    survey = survey_actions.start_survey(
        actor=team.lead, assessment=team.assessment, kind="workforce"
    )
    old = _upload(team, survey, "old.csv")
    fresh = _upload(team, survey, "fresh.csv")
    # No one uploads anything after these: only the clean-up can remove the old one.
    _age(old, hours=25)
    _age(fresh, hours=23)
    done = clean_up()
    assert done.uploads == 1
    assert list(PendingUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
    event = AuditEvent.objects.get(action="survey file removed")
    assert event.assessment == team.assessment
    assert event.object_id == str(old.pk)
    assert event.summary == "Removed the uploaded file old.csv: it was not imported within 1 day(s)"


def test_old_sign_in_counts_are_forgotten(db: None, settings: Any) -> None:
    now = timezone.now()
    forgotten = now - datetime.timedelta(seconds=settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS + 1)
    SignInThrottle.objects.create(key="name:old", failures=3, last_failure_at=forgotten)
    SignInThrottle.objects.create(key="name:recent", failures=3, last_failure_at=now)
    assert clean_up(now).sign_in_counts == 1
    assert list(SignInThrottle.objects.values_list("key", flat=True)) == ["name:recent"]


def test_the_cleanup_command(team: Any, monkeypatch: Any, tmp_path: Any) -> None:
    monkeypatch.setenv("PAIRSIGHT_DATA_DIR", str(tmp_path / "var"))
    survey = survey_actions.start_survey(
        actor=team.lead, assessment=team.assessment, kind="workforce"
    )
    _age(_upload(team, survey, "old.csv"), hours=48)
    result = CliRunner().invoke(app, ["web", "cleanup"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 uploaded file(s) never imported" in result.output
    assert not PendingUpload.objects.exists()
