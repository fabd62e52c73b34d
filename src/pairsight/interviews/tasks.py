"""Long work on transcripts, run by the worker: reading a file and proposing its redactions,
and embedding the passages of a stored transcript.

The original text of a transcript is never stored in the database, and the task queue is a
database table (django-tasks-db stores each task's arguments): so a task is given only the
id of its job. The file waits in a private folder of its own (made with umask 077, only
PAIRsight's user can read it), the worker writes its proposals beside it, and the folder is
deleted when the person accepts the redactions, cancels, or leaves the import for longer
than `UPLOAD_KEPT_FOR` (`pairsight web cleanup` sweeps those).
"""

from __future__ import annotations

import datetime
import json
import logging
import secrets
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import Actor, record_change
from pairsight.interviews import redaction, semantic
from pairsight.interviews.models import Passage, Transcript, TranscriptImport
from pairsight.interviews.transcripts import Transcript as ReadTranscript
from pairsight.interviews.transcripts import TranscriptError, read_transcript

logger = logging.getLogger(__name__)

#: An import left unreviewed this long is abandoned: its file and proposals are deleted.
UPLOAD_KEPT_FOR = datetime.timedelta(days=1)
STEPS = 2
ORIGINAL = "original"
PROPOSALS = "proposals.json"


def uploads_dir() -> Path:
    return Path(
        getattr(
            settings,
            "PAIRSIGHT_INTERVIEW_UPLOADS_DIR",
            Path(settings.DATA_DIR) / "uploads" / "interviews",
        )
    )


def keep_upload(content: bytes) -> str:
    """Put an uploaded file in a new private folder; returns the folder's name."""
    name = secrets.token_hex(16)
    folder = uploads_dir() / name
    folder.mkdir(mode=0o700, parents=True)
    path = folder / ORIGINAL
    path.touch(mode=0o600)
    path.write_bytes(content)
    return name


def discard_upload(name: str) -> None:
    """Delete an import's folder: the file and its proposals (nothing if it is gone)."""
    if name and "/" not in name and name not in {".", ".."}:
        shutil.rmtree(uploads_dir() / name, ignore_errors=True)


def read_and_propose(
    content: bytes, file_name: str
) -> tuple[ReadTranscript, list[redaction.Proposal]]:
    """Read a transcript file and propose its redactions (raises TranscriptError)."""
    transcript = read_transcript(content, file_name)
    return transcript, redaction.propose(transcript.text)


def proposals_of(job: TranscriptImport) -> tuple[str, list[redaction.Proposal]]:
    """The text the worker read and the redactions it proposed, from the job's folder
    (raises FileNotFoundError when the folder is gone)."""
    data = json.loads((uploads_dir() / job.folder / PROPOSALS).read_text("utf-8"))
    return data["text"], [
        redaction.Proposal(redaction.Kind(p["kind"]), p["start"], p["end"], p["text"])
        for p in data["proposals"]
    ]


@task()
def process_transcript(job_id: int) -> None:
    """Read a queued transcript file and propose its redactions (`start_import` queues it)."""
    jobs.run_job(
        TranscriptImport,
        job_id,
        starting="Reading the file",
        work=_process,
        on_failure=fail_import,
        on_cancel=_cancelled,
    )


def _process(job: TranscriptImport) -> None:
    folder = uploads_dir() / job.folder
    try:
        content = (folder / ORIGINAL).read_bytes()
    except FileNotFoundError:
        fail_import(job, "the uploaded file is no longer there (it was cancelled or left).")
        return
    try:
        read, proposals = read_and_propose(content, job.file_name)
    except TranscriptError as error:
        fail_import(job, str(error))
        return
    jobs.report_progress(TranscriptImport, job.pk, "Writing the proposed redactions", 1, STEPS)
    kept: dict[str, Any] = {
        "text": read.text,
        "proposals": [
            {"kind": str(p.kind), "start": p.start, "end": p.end, "text": p.text} for p in proposals
        ],
    }
    (folder / PROPOSALS).write_text(json.dumps(kept), "utf-8")
    # The file itself is no longer needed: only what was read from it, until reviewed.
    (folder / ORIGINAL).unlink(missing_ok=True)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            # Failed (its worker was thought dead) or removed meanwhile: nothing may stay.
            discard_upload(job.folder)
            return
        if locked.cancel_requested:
            jobs.finish(locked, jobs.JobState.CANCELLED)
            record_cancelled(locked, job.requested_by)
            return
        locked.source_format = read.source_format[:50]
        locked.proposed = len(proposals)
        locked.step = locked.steps = STEPS
        locked.save(update_fields=["source_format", "proposed", "step", "steps"])
        jobs.finish(locked, jobs.JobState.SUCCEEDED, message="Ready for review")


def fail_import(job: TranscriptImport, reason: str) -> None:
    """Record (and audit) an import that stored nothing, and delete its folder."""
    discard_upload(job.folder)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        record_change(
            actor=locked.requested_by,
            assessment=locked.assessment,
            action="transcript import failed",
            object_type="interview import job",
            object_id=job.pk,
            summary=f"Could not read {job.file_name}: nothing was stored. {reason}"[:2000],
            after={"file": job.file_name},
        )
    job.refresh_from_db()


def record_cancelled(job: TranscriptImport, actor: Actor) -> None:
    discard_upload(job.folder)
    record_change(
        actor=actor,
        assessment=job.assessment,
        action="transcript import cancelled",
        object_type="interview import job",
        object_id=job.pk,
        summary=f"Cancelled the import of {job.file_name}: nothing was stored",
        after={"file": job.file_name},
    )


def _cancelled(job: TranscriptImport) -> None:
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.CANCELLED)
        record_cancelled(locked, job.requested_by)


def expire_stale_imports(assessment_id: int) -> list[TranscriptImport]:
    """Mark failed (and audit) an import whose worker has stopped."""
    return jobs.expire_stale(
        TranscriptImport.objects.filter(assessment_id=assessment_id), fail_import
    )


def sweep_uploads(now: datetime.datetime | None = None) -> int:
    """Delete the folders of imports left unreviewed (and any folder no import knows).

    Returns how many folders were deleted. `pairsight web cleanup` calls it.
    """
    now = now or timezone.now()
    root = uploads_dir()
    if not root.is_dir():
        return 0
    waiting = {
        job.folder: job
        for job in TranscriptImport.objects.filter(transcript__isnull=True).exclude(
            state__in=[jobs.JobState.FAILED, jobs.JobState.CANCELLED]
        )
    }
    removed = 0
    for folder in root.iterdir():
        job = waiting.get(folder.name)
        if job is not None and now - job.requested_at < UPLOAD_KEPT_FOR:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
        if job is not None:
            with transaction.atomic():
                jobs.finish(job, jobs.JobState.CANCELLED, message="Left unreviewed")
                record_change(
                    actor=None,
                    assessment=job.assessment,
                    action="transcript import removed",
                    object_type="interview import job",
                    object_id=job.pk,
                    summary=f"Removed the uploaded transcript {job.file_name}: its redactions "
                    f"were not reviewed within {UPLOAD_KEPT_FOR.days} day(s)",
                )
    return removed


@task()
def embed_transcript_task(transcript_id: int) -> int:
    """`embed_transcript` in the worker, queued when a transcript is stored."""
    return embed_transcript(transcript_id)


def embed_transcript(transcript_id: int) -> int:
    """Store the sentence embedding of each passage of a transcript that lacks one.

    Returns how many were embedded (0 when the semantic extra is not installed).
    """
    if not semantic.available():
        return 0
    passages = list(
        Passage.objects.filter(transcript_id=transcript_id, embedding__isnull=True).order_by(
            "position"
        )
    )
    vectors = semantic.embed([p.text for p in passages])
    for passage, vector in zip(passages, vectors, strict=True):
        passage.embedding = semantic.to_bytes(vector)
    Passage.objects.bulk_update(passages, ["embedding"], batch_size=500)
    return len(passages)


def embed_assessment(assessment_id: int) -> int:
    """Embed every passage of an assessment's transcripts that lacks an embedding."""
    return sum(
        embed_transcript(pk)
        for pk in Transcript.objects.filter(assessment_id=assessment_id).values_list(
            "pk", flat=True
        )
    )
