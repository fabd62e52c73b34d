"""Importing a transcript file: the worker reads it and proposes redactions; the person
reviews them, and only then is the redacted text stored (`store_transcript`).

Until the review the text is kept in a private folder, never in the database (see tasks.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import display_name, record_change
from pairsight.assessments.models import Role
from pairsight.interviews import redaction, tasks
from pairsight.interviews.actions.transcripts import store_transcript
from pairsight.interviews.models import Participant, Transcript, TranscriptImport


@transaction.atomic
def start_transcript_import(
    *, actor: Any, participant: Participant, title: str, file_name: str, content: bytes
) -> TranscriptImport:
    """Keep the file in a private folder and queue the worker to read it."""
    assessment = participant.assessment
    access.require(actor, assessment, Role.EDITOR)
    if not title.strip():
        raise ValidationError({"title": "Enter a title for the transcript"})
    folder = tasks.keep_upload(content)
    try:
        job = TranscriptImport.objects.create(
            assessment=assessment,
            participant=participant,
            title=title.strip()[:200],
            file_name=file_name[:255],
            folder=folder,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
            requested_by_name=display_name(actor),
        )
        record_change(
            actor=actor,
            assessment=assessment,
            action="transcript import queued",
            object_type="interview import job",
            object_id=job.pk,
            summary=f"Started reading {job.file_name} for {participant.pseudonym}",
            after={"file": job.file_name},
        )
        jobs.enqueue(job, tasks.process_transcript)
    except BaseException:
        tasks.discard_upload(folder)
        raise
    return job


@transaction.atomic
def accept_transcript_import(
    *,
    actor: Any,
    job: TranscriptImport,
    accepted: Sequence[int],
    also_redact: Sequence[str] = (),
) -> Transcript:
    """Store the transcript with the redactions the person kept (by their number among the
    proposals) and the words they added; the folder is deleted once it is stored."""
    access.require(actor, job.assessment, Role.EDITOR)
    if job.state != jobs.JobState.SUCCEEDED or job.transcript_id is not None:
        raise ValidationError(
            {"accepted": f"{job.file_name} is not waiting for its redactions to be reviewed"}
        )
    try:
        text, proposals = tasks.proposals_of(job)
    except FileNotFoundError:
        raise ValidationError(
            {"accepted": f"{job.file_name} is no longer kept: upload it again"}
        ) from None
    if any(not 0 <= i < len(proposals) for i in accepted):
        raise ValidationError({"accepted": "Choose only redactions from the list"})
    chosen = [proposals[i] for i in sorted(set(accepted))]
    chosen += redaction.phrase_redactions(text, list(also_redact), chosen)
    stored = store_transcript(
        actor=actor,
        participant=job.participant,
        title=job.title,
        source_format=job.source_format,
        text=text,
        accepted=chosen,
    )
    job.transcript = stored
    job.save(update_fields=["transcript"])
    # The original is gone from here on, whatever happens next: should the transaction
    # fail, the person uploads the file again rather than it lingering.
    tasks.discard_upload(job.folder)
    return stored


@transaction.atomic
def cancel_transcript_import(*, actor: Any, job: TranscriptImport) -> TranscriptImport:
    """Stop an import or drop one waiting for review: its file and proposals are deleted."""
    access.require(actor, job.assessment, Role.EDITOR)
    if job.transcript_id is not None:
        raise ValidationError({"job": f"{job.file_name} has already been stored"})
    if jobs.request_cancel(job):
        tasks.record_cancelled(job, actor)
    elif job.state == jobs.JobState.SUCCEEDED:
        jobs.finish(job, jobs.JobState.CANCELLED)
        tasks.record_cancelled(job, actor)
    # A running job stops at its next step; its folder goes when it does.
    return job
