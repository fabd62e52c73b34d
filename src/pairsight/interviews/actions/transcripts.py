"""Participants and their transcripts: storing only the redacted text, and every read
of a transcript recorded as a read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.audit import record_change, record_read
from pairsight.assessments.models import Assessment, Role
from pairsight.interviews import queries, redaction
from pairsight.interviews.models import Group, LevelOfNeed, Participant, Passage, Transcript
from pairsight.interviews.transcripts import turns_of

MAX_PSEUDONYM = 40


@transaction.atomic
def add_participant(
    *,
    actor: Any,
    assessment: Assessment,
    pseudonym: str,
    group: str,
    role: str = "",
    service: str = "",
    level_of_need: str = "",
    attributes: dict[str, str] | None = None,
    synthetic: str = "",
) -> Participant:
    """Add a participant; `synthetic` labels one generated as sample data (the demo's)."""
    access.require(actor, assessment, Role.EDITOR)
    pseudonym = pseudonym.strip()
    if not pseudonym or len(pseudonym) > MAX_PSEUDONYM:
        raise ValidationError({"pseudonym": "Enter a pseudonymous ID of 1 to 40 characters"})
    if group not in Group.values:
        raise ValidationError({"group": "Choose practitioner, manager or parent"})
    if level_of_need not in LevelOfNeed.values:
        raise ValidationError({"level_of_need": "Choose a level of need from the list"})
    if Participant.objects.filter(assessment=assessment, pseudonym=pseudonym).exists():
        raise ValidationError({"pseudonym": f"{pseudonym} is already a participant"})
    participant = Participant.objects.create(
        assessment=assessment,
        pseudonym=pseudonym,
        group=group,
        role=role.strip(),
        service=service.strip(),
        level_of_need=level_of_need,
        attributes=attributes or {},
        synthetic=synthetic,
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="participant added",
        object_type="interview participant",
        object_id=participant.pk,
        summary=f"Added the interview participant {pseudonym} ({participant.get_group_display()})",
        after=_participant_state(participant),
    )
    return participant


def _participant_state(participant: Participant) -> dict[str, Any]:
    return {
        "pseudonym": participant.pseudonym,
        "group": participant.group,
        "role": participant.role,
        "service": participant.service,
        "level_of_need": participant.level_of_need,
        "attributes": participant.attributes,
        "synthetic": bool(participant.synthetic),
    }


@transaction.atomic
def store_transcript(
    *,
    actor: Any,
    participant: Participant,
    title: str,
    source_format: str,
    text: str,
    accepted: Sequence[redaction.Proposal],
) -> Transcript:
    """Store the transcript with the accepted redactions applied, and its passages.

    `text` is the original (as read from the file, never stored); `accepted` are the
    redactions the person importing kept or added. A redaction that does not fit the text
    is refused and nothing is stored.
    """
    assessment = participant.assessment
    access.require(actor, assessment, Role.EDITOR)
    if not title.strip():
        raise ValidationError({"title": "Enter a title for the transcript"})
    try:
        redacted = redaction.apply(text, redaction.number(accepted))
    except ValueError as error:
        raise ValidationError({"redactions": str(error)}) from None
    transcript = Transcript.objects.create(
        assessment=assessment,
        participant=participant,
        title=title.strip()[:200],
        source_format=source_format[:50],
        text=redacted,
        redactions=dict(Counter(str(p.kind) for p in accepted)),
        word_count=len(redacted.split()),
        imported_by=actor,
    )
    Passage.objects.bulk_create(
        Passage(
            transcript=transcript,
            position=position,
            speaker=turn.speaker[:100],
            start=turn.start,
            end=turn.end,
            text=redacted[turn.start : turn.end],
        )
        for position, turn in enumerate(turns_of(redacted))
        if turn.end > turn.start
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="transcript stored",
        object_type="interview transcript",
        object_id=transcript.pk,
        summary=f"Stored the transcript {transcript.title} of {participant.pseudonym} with "
        f"{len(accepted)} redactions",
        after={"redactions": transcript.redactions, "words": transcript.word_count},
    )
    return transcript


@transaction.atomic
def read_transcript(*, actor: Any, transcript: Transcript) -> Transcript:
    """The transcript for reading, with the read recorded in the audit trail."""
    access.require(actor, transcript.assessment, Role.VIEWER)
    record_read(
        actor=actor,
        assessment=transcript.assessment,
        action="transcript read",
        object_type="interview transcript",
        object_id=transcript.pk,
        summary=f"Read the transcript {transcript.title}",
    )
    return transcript


@transaction.atomic
def search_transcripts(*, actor: Any, assessment: Assessment, text: str) -> list[Any]:
    """Full-text search; the turns it shows are reads of transcripts, so it is recorded
    (how many turns were shown, not what was searched for: a search can hold a name)."""
    access.require(actor, assessment, Role.VIEWER)
    hits = queries.search(assessment, text)
    if hits:
        record_read(
            actor=actor,
            assessment=assessment,
            action="transcripts searched",
            object_type="interview transcript",
            summary=f"Searched the transcripts: {len(hits)} turns of "
            f"{len({h.transcript_id for h in hits})} transcripts shown",
            detail={"transcripts": sorted({h.transcript_id for h in hits})},
        )
    return hits


@transaction.atomic
def delete_transcript(*, actor: Any, transcript: Transcript) -> None:
    access.require(actor, transcript.assessment, Role.LEAD)
    record_change(
        actor=actor,
        assessment=transcript.assessment,
        action="transcript deleted",
        object_type="interview transcript",
        object_id=transcript.pk,
        summary=f"Deleted the transcript {transcript.title} and its coding",
        before={"excerpts": transcript.excerpts.count(), "words": transcript.word_count},
    )
    transcript.delete()
