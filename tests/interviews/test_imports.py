"""Importing a transcript as a background job: the original text never reaches the database
(not even the task queue's table), and its private folder is deleted whatever the outcome."""

from __future__ import annotations

import datetime
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pairsight.assessments.models import AuditEvent
from pairsight.interviews import actions, tasks
from pairsight.interviews.models import Participant, Transcript, TranscriptImport
from pairsight.web.cleanup import clean_up
from tests.interviews.conftest import TRANSCRIPT_TEXT

pytestmark = pytest.mark.django_db

# Identifiers of the interview of conftest, all proposed for redaction.
ACCEPTED = ["Sarah Khan", "Aisha", "07700 900123"]
# A second interview whose import is cancelled at the review: none of it may be stored.
CANCELLED_TEXT = (
    "Interviewer: Where do you live?\n\n"
    "Priya Sharma: Flat 2, 41 Moseley Road, B12 9AA. Email me at priya.sharma@example.com."
)
CANCELLED = ["Priya Sharma", "41 Moseley Road", "B12 9AA", "priya.sharma@example.com"]
# A third, left at the review and never come back to: the sweep removes it.
LEFT_TEXT = "Interviewer: Hello.\n\nTom Baker: Call me on 0121 496 0000 any time."
LEFT = ["Tom Baker", "0121 496 0000"]


def _every_stored_text() -> str:
    """Every value of every column of every table (the task queue's and the audit's too)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the schema
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        parts.append(bytes(value).decode("utf-8", "ignore"))
                    else:
                        parts.append(str(value))
    return "\n".join(parts)


def _url(name: str, team: Any, **kwargs: Any) -> str:
    return reverse(f"interviews:{name}", kwargs={"assessment_id": team.assessment.pk, **kwargs})


def _participant(team: Any, pseudonym: str) -> Participant:
    return actions.add_participant(
        actor=team.editor, assessment=team.assessment, pseudonym=pseudonym, group="parent"
    )


def _upload(client: Any, team: Any, participant: Participant, name: str, text: str) -> Any:
    file = SimpleUploadedFile(name, text.encode(), content_type="text/plain")
    return client.post(
        _url("upload", team), {"participant": participant.pk, "title": name, "file": file}
    )


def test_after_imports_nothing_unaccepted_is_stored_anywhere_and_no_file_is_left(
    team: Any,
    client_for: Any,
    run_worker: Callable[[], None],
    interview_uploads: Path,
) -> None:
    client = client_for(team.editor)
    first, second, third = (_participant(team, p) for p in ("P01", "P02", "P03"))
    queued = _upload(client, team, first, "first.txt", TRANSCRIPT_TEXT)
    job = TranscriptImport.objects.get(file_name="first.txt")
    assert queued.status_code == 302 and queued["Location"] == _url(
        "import_job", team, import_id=job.pk
    )
    waiting = client.get(queued["Location"])
    assert "Waiting to start" in waiting.content.decode()
    _upload(client, team, second, "second.txt", CANCELLED_TEXT)
    _upload(client, team, third, "third.txt", LEFT_TEXT)
    # While queued, the files wait in the private folders and nowhere else.
    assert len(list(interview_uploads.iterdir())) == 3
    run_worker()

    review = client.get(_url("import_job", team, import_id=job.pk))
    assert review.status_code == 200 and "Review the redactions" in review.content.decode()
    assert review["Cache-Control"] == "no-store"
    rows = review.context["rows"]
    keep_date = [r["index"] for r in rows if r["proposal"].kind != "date_of_birth"]
    stored = client.post(
        _url("import_job", team, import_id=job.pk),
        {"accepted": keep_date, "also_redact": "health visiting"},
    )
    assert stored.status_code == 302
    transcript = Transcript.objects.get(title="first.txt")
    assert "14 March 2021" in transcript.text, "the reviewer unticked the date"
    assert "[REDACTED 1]" in transcript.text and "health visiting" not in transcript.text

    second_job = TranscriptImport.objects.get(file_name="second.txt")
    assert (
        "Priya Sharma"
        in client.get(_url("import_job", team, import_id=second_job.pk)).content.decode()
    )
    client.post(_url("import_cancel", team, import_id=second_job.pk))
    second_job.refresh_from_db()
    assert second_job.state == "cancelled" and second_job.transcript is None

    # The third is left unreviewed; the hourly cleanup removes it a day later.
    assert clean_up(timezone.now() + datetime.timedelta(days=2)).uploads == 1
    assert TranscriptImport.objects.get(file_name="third.txt").state == "cancelled"

    assert list(interview_uploads.iterdir()) == []
    everything = _every_stored_text()
    assert "first.txt" in everything, "the scan reads the tables the imports wrote"
    for identifier in ACCEPTED + CANCELLED + LEFT + ["health visiting"]:
        assert identifier not in everything, f"{identifier!r} was stored"


def test_a_file_that_is_not_a_transcript_fails_with_its_name_and_is_deleted(
    team: Any, client_for: Any, interview_uploads: Path
) -> None:
    participant = _participant(team, "P01")
    client = client_for(team.editor)
    upload = SimpleUploadedFile("notes.docx", b"not a zip", content_type="application/zip")
    response = client.post(
        _url("upload", team), {"participant": participant.pk, "title": "T", "file": upload}
    )
    page = client.get(response["Location"]).content.decode()
    assert "The file could not be read" in page and "notes.docx: not a Word" in page
    job = TranscriptImport.objects.get()
    assert job.state == "failed" and Transcript.objects.count() == 0
    assert list(interview_uploads.iterdir()) == []
    assert AuditEvent.objects.filter(action="transcript import failed").count() == 1


def test_the_private_folder_is_for_pairsight_alone(interview_uploads: Path) -> None:
    name = tasks.keep_upload(b"Interviewer: hello")
    folder = interview_uploads / name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / tasks.ORIGINAL).stat().st_mode) == 0o600
    tasks.discard_upload(name)
    assert not folder.exists()


def test_a_review_that_names_no_proposal_stores_nothing(team: Any, client_for: Any) -> None:
    participant = _participant(team, "P01")
    job = actions.start_transcript_import(
        actor=team.editor,
        participant=participant,
        title="T",
        file_name="t.txt",
        content=TRANSCRIPT_TEXT.encode(),
    )
    job.refresh_from_db()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        actions.accept_transcript_import(actor=team.editor, job=job, accepted=[99])
    assert "accepted" in error.value.message_dict
    assert Transcript.objects.count() == 0 and AuditEvent.objects.count() == events
    page = client_for(team.editor).post(
        _url("import_job", team, import_id=job.pk), {"accepted": ["99"]}
    )
    assert page.status_code == 400 and "Select a valid choice" in page.content.decode()
    assert Transcript.objects.count() == 0


def test_a_viewer_can_neither_start_nor_accept_an_import(team: Any) -> None:
    from django.core.exceptions import PermissionDenied

    participant = _participant(team, "P01")
    with pytest.raises(PermissionDenied):
        actions.start_transcript_import(
            actor=team.viewer, participant=participant, title="T", file_name="t.txt", content=b""
        )
    job = actions.start_transcript_import(
        actor=team.editor, participant=participant, title="T", file_name="t.txt", content=b"x"
    )
    with pytest.raises(PermissionDenied):
        actions.accept_transcript_import(actor=team.viewer, job=job, accepted=[])
    with pytest.raises(PermissionDenied):
        actions.cancel_transcript_import(actor=team.viewer, job=job)


def test_a_cancel_asked_while_the_worker_reads_stores_nothing_and_deletes_the_file(
    team: Any, queued_tasks: None, interview_uploads: Path
) -> None:
    from pairsight.assessments import tasks as jobs

    job = actions.start_transcript_import(
        actor=team.editor,
        participant=_participant(team, "P01"),
        title="T",
        file_name="t.txt",
        content=TRANSCRIPT_TEXT.encode(),
    )
    # The worker has taken the job; the person cancels while it is reading.
    jobs.claim(TranscriptImport, job.pk, "Reading the file")
    actions.cancel_transcript_import(actor=team.editor, job=job)
    running = TranscriptImport.objects.get(pk=job.pk)
    # What run_job does with the work: a cancel seen at a step ends it as cancelled.
    with pytest.raises(jobs.JobCancelled):
        tasks._process(running)
    tasks._cancelled(running)
    job.refresh_from_db()
    assert job.state == "cancelled" and job.transcript is None
    assert list(interview_uploads.iterdir()) == []
    assert AuditEvent.objects.filter(action="transcript import cancelled").count() == 1
