"""Writes for interviews: one function per use case, each checking the actor's role first,
in a transaction, and recording one audit event.

Transcripts are the most sensitive data PAIRsight holds: only redacted text is stored, and
every read of a transcript is recorded too (`read_transcript`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from pairsight.assessments import access
from pairsight.assessments.audit import record_change, record_export
from pairsight.assessments.models import Assessment, Role
from pairsight.interviews import codebook as codebook_io
from pairsight.interviews import queries, redaction
from pairsight.interviews.models import (
    Category,
    Excerpt,
    Group,
    LevelOfNeed,
    Participant,
    Passage,
    Theme,
    Transcript,
)
from pairsight.interviews.transcripts import turns_of

MAX_PSEUDONYM = 40
#: What a use case raises when it refuses: callers outside Django (the commands) catch these.
REFUSED = (PermissionDenied, Http404, ValidationError)


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
) -> Participant:
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
    record_change(
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
        record_change(
            actor=actor,
            assessment=assessment,
            action="transcripts searched",
            object_type="interview transcript",
            summary=f"Searched the transcripts: {len(hits)} turns of "
            f"{len({h.transcript_id for h in hits})} transcripts shown",
            after={"transcripts": sorted({h.transcript_id for h in hits})},
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


@transaction.atomic
def import_codebook(
    *, actor: Any, assessment: Assessment, codebook: codebook_io.Codebook, file_name: str = ""
) -> tuple[int, int]:
    """Add the codebook's categories and themes; those already present (same name in the
    same category) keep their coding and take the imported definition and example.
    Returns how many categories and themes were added."""
    access.require(actor, assessment, Role.EDITOR)
    added_categories = added_themes = 0
    next_position = Category.objects.filter(assessment=assessment).count()
    for category in codebook.categories:
        stored, created = Category.objects.get_or_create(
            assessment=assessment,
            name=category.name,
            defaults={
                "description": category.description,
                "guid": category.guid,
                "position": next_position,
            },
        )
        if created:
            added_categories += 1
            next_position += 1
        for position, theme in enumerate(category.themes, start=stored.themes.count()):
            _, theme_created = Theme.objects.update_or_create(
                category=stored,
                name=theme.name,
                defaults={"definition": theme.definition, "example": theme.example},
                create_defaults={
                    "definition": theme.definition,
                    "example": theme.example,
                    "colour": theme.colour,
                    "guid": theme.guid,
                    "position": position,
                },
            )
            added_themes += theme_created
    record_change(
        actor=actor,
        assessment=assessment,
        action="codebook imported",
        object_type="interview codebook",
        summary=f"Imported the codebook {file_name or codebook.origin}: {added_categories} "
        f"categories and {added_themes} themes added",
        after={"origin": codebook.origin, "categories": added_categories, "themes": added_themes},
    )
    return added_categories, added_themes


@transaction.atomic
def export_codebook(*, actor: Any, assessment: Assessment, file_format: str) -> bytes:
    """The assessment's codebook as a .qdc or CSV file, recorded as an export."""
    access.require(actor, assessment, Role.VIEWER)
    codebook = queries.stored_codebook(assessment)
    if file_format == "qdc":
        content = codebook_io.to_qdc(codebook)
    elif file_format == "csv":
        content = codebook_io.to_csv(codebook).encode("utf-8")
    else:
        raise ValidationError({"format": "Choose qdc or csv"})
    record_export(
        actor=actor,
        assessment=assessment,
        what="the interview codebook",
        file_format=file_format.upper(),
        object_type="interview codebook",
        detail={"themes": len(codebook.themes())},
    )
    return content


@transaction.atomic
def add_category(
    *, actor: Any, assessment: Assessment, name: str, description: str = ""
) -> Category:
    access.require(actor, assessment, Role.EDITOR)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": "Enter a category name of 1 to 200 characters"})
    if Category.objects.filter(assessment=assessment, name=name).exists():
        raise ValidationError({"name": f"There is already a category called {name}"})
    category = Category.objects.create(
        assessment=assessment,
        name=name,
        description=description,
        guid=codebook_io.new_guid(),
        position=Category.objects.filter(assessment=assessment).count(),
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="category added",
        object_type="interview category",
        object_id=category.pk,
        summary=f"Added the category {name} to the interview codebook",
        after={"name": name, "description": description},
    )
    return category


@transaction.atomic
def save_theme(
    *,
    actor: Any,
    category: Category,
    name: str,
    definition: str = "",
    example: str = "",
    memo: str = "",
    theme: Theme | None = None,
) -> Theme:
    """Add a theme to a category, or change one (`theme`)."""
    access.require(actor, category.assessment, Role.EDITOR)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": "Enter a theme name of 1 to 200 characters"})
    clash = Theme.objects.filter(category=category, name=name)
    if theme is not None:
        clash = clash.exclude(pk=theme.pk)
    if clash.exists():
        raise ValidationError({"name": f"{category.name} already has a theme called {name}"})
    before = _theme_state(theme) if theme else None
    if theme is None:
        theme = Theme(
            category=category, guid=codebook_io.new_guid(), position=category.themes.count()
        )
    theme.name, theme.definition, theme.example, theme.memo = name, definition, example, memo
    theme.save()
    record_change(
        actor=actor,
        assessment=category.assessment,
        action="theme changed" if before else "theme added",
        object_type="interview theme",
        object_id=theme.pk,
        summary=f"{'Changed' if before else 'Added'} the theme {name} in {category.name}",
        before=before,
        after=_theme_state(theme),
    )
    return theme


@transaction.atomic
def delete_theme(*, actor: Any, theme: Theme) -> None:
    """Remove a theme; excerpts tagged only with it are removed too (a lead's decision)."""
    assessment = theme.category.assessment
    access.require(actor, assessment, Role.LEAD)
    tagged = set(Excerpt.objects.filter(themes=theme).values_list("pk", flat=True))
    links = Excerpt.themes.through.objects.filter(excerpt_id__in=tagged)
    orphans = tagged - set(links.exclude(theme_id=theme.pk).values_list("excerpt_id", flat=True))
    removed = len(orphans)
    record_change(
        actor=actor,
        assessment=assessment,
        action="theme deleted",
        object_type="interview theme",
        object_id=theme.pk,
        summary=f"Deleted the theme {theme.name} from {theme.category.name} "
        f"({removed} excerpts tagged only with it removed)",
        before=_theme_state(theme),
    )
    Excerpt.objects.filter(pk__in=orphans).delete()
    theme.delete()


def _theme_state(theme: Theme) -> dict[str, str]:
    return {
        "name": theme.name,
        "definition": theme.definition,
        "example": theme.example,
        "memo": theme.memo,
    }


@transaction.atomic
def code_excerpt(
    *,
    actor: Any,
    transcript: Transcript,
    start: int,
    end: int,
    theme_ids: Sequence[int],
    memo: str = "",
) -> Excerpt:
    """Tag the text from `start` to `end` with themes, as the actor's own coding."""
    access.require(actor, transcript.assessment, Role.EDITOR)
    if not 0 <= start < end <= len(transcript.text):
        raise ValidationError({"start": "Select some text of the transcript first"})
    themes = _themes(transcript.assessment, theme_ids)
    excerpt = Excerpt.objects.create(
        transcript=transcript,
        coder=actor,
        start=start,
        end=end,
        text=transcript.text[start:end],
        memo=memo,
    )
    excerpt.themes.set(themes)
    record_change(
        actor=actor,
        assessment=transcript.assessment,
        action="excerpt coded",
        object_type="interview excerpt",
        object_id=excerpt.pk,
        summary=f"Tagged {end - start} characters of {transcript.title} with "
        + ", ".join(t.name for t in themes),
        after=_excerpt_state(excerpt),
    )
    return excerpt


def _themes(assessment: Assessment, theme_ids: Sequence[int]) -> list[Theme]:
    themes = list(Theme.objects.filter(category__assessment=assessment, pk__in=theme_ids))
    if not themes or len(themes) != len(set(theme_ids)):
        raise ValidationError({"themes": "Choose at least one theme of this codebook"})
    return themes


def _excerpt_state(excerpt: Excerpt) -> dict[str, Any]:
    return {
        "start": excerpt.start,
        "end": excerpt.end,
        "themes": sorted(excerpt.themes.values_list("name", flat=True)),
        "memo": excerpt.memo,
        "quote": excerpt.quote,
    }


def _require_own(actor: Any, excerpt: Excerpt) -> None:
    membership = access.require(actor, excerpt.transcript.assessment, Role.EDITOR)
    if membership is None:  # PAIRsight itself (a restore, the demo): no coder to compare
        return
    if excerpt.coder_id != actor.pk and not access.can(membership, Role.LEAD):
        raise PermissionDenied("Only the coder who made an excerpt, or a lead, can change it")


@transaction.atomic
def change_excerpt(
    *, actor: Any, excerpt: Excerpt, theme_ids: Sequence[int], memo: str, quote: bool
) -> Excerpt:
    _require_own(actor, excerpt)
    before = _excerpt_state(excerpt)
    excerpt.themes.set(_themes(excerpt.transcript.assessment, theme_ids))
    excerpt.memo, excerpt.quote = memo, quote
    excerpt.save(update_fields=["memo", "quote", "updated_at"])
    record_change(
        actor=actor,
        assessment=excerpt.transcript.assessment,
        action="excerpt changed",
        object_type="interview excerpt",
        object_id=excerpt.pk,
        summary=f"Changed an excerpt of {excerpt.transcript.title}",
        before=before,
        after=_excerpt_state(excerpt),
    )
    return excerpt


@transaction.atomic
def remove_excerpt(*, actor: Any, excerpt: Excerpt) -> None:
    _require_own(actor, excerpt)
    record_change(
        actor=actor,
        assessment=excerpt.transcript.assessment,
        action="excerpt removed",
        object_type="interview excerpt",
        object_id=excerpt.pk,
        summary=f"Removed an excerpt of {excerpt.transcript.title}",
        before=_excerpt_state(excerpt),
    )
    excerpt.delete()


@transaction.atomic
def merge_coding(*, actor: Any, assessment: Assessment, coder_id: int) -> int:
    """Count a coder's excerpts in the analysis and the report. Returns how many merged."""
    access.require(actor, assessment, Role.LEAD)
    excerpts = Excerpt.objects.filter(
        transcript__assessment=assessment, coder_id=coder_id, merged=False
    )
    count = excerpts.update(merged=True)
    if not count:
        raise ValidationError({"coder": "This coder has no coding waiting to be merged"})
    record_change(
        actor=actor,
        assessment=assessment,
        action="coding merged",
        object_type="interview coding",
        object_id=coder_id,
        summary=f"Merged {count} excerpts into the analysis",
        after={"coder": coder_id, "excerpts": count},
    )
    return count
