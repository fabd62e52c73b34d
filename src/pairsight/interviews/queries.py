"""Reads for the interview pages, the report and the commands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch

from pairsight.assessments import queries as assessment_queries
from pairsight.assessments.models import Assessment
from pairsight.core import codable
from pairsight.core.codable import CodableAnswer
from pairsight.interviews import codebook as codebook_io
from pairsight.interviews.agreement import Agreement, Coding, agreement
from pairsight.interviews.analysis import CodedExcerpt
from pairsight.interviews.models import (
    AnswerCoding,
    Category,
    Excerpt,
    Participant,
    Passage,
    Theme,
    Transcript,
)
from pairsight.interviews.search import MARK_END, MARK_START, Piece, fts5_query, query_words
from pairsight.interviews.search import snippet_pieces as _pieces

SEARCH_LIMIT = 50


def assessment_and_member(assessment_id: int, username: str) -> tuple[Assessment, Any]:
    """An assessment and a user by name, for the commands; LookupError names what is missing.
    (Whether the user may act is the use case's own check.)"""
    from django.contrib.auth import get_user_model

    try:
        found = assessment_queries.assessment_by_id(assessment_id)
    except LookupError as error:
        raise LookupError(f"--assessment: {error}") from None
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        raise LookupError(f"--user: there is no user {username!r} (give a member's user name)")
    return found, user


def participants(assessment: Assessment) -> list[Participant]:
    return list(
        Participant.objects.filter(assessment=assessment).annotate(
            transcript_count=Count("transcripts")
        )
    )


def transcripts(assessment: Assessment) -> list[Transcript]:
    return list(
        Transcript.objects.filter(assessment=assessment)
        .select_related("participant")
        .annotate(excerpt_count=Count("excerpts"))
    )


def categories(assessment: Assessment) -> list[Category]:
    return list(
        Category.objects.filter(assessment=assessment).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.annotate(excerpt_count=Count("excerpts")))
        )
    )


def themes(assessment: Assessment) -> list[Theme]:
    return list(Theme.objects.filter(category__assessment=assessment).select_related("category"))


def stored_codebook(assessment: Assessment) -> codebook_io.Codebook:
    return codebook_io.Codebook(
        tuple(
            codebook_io.Category(
                c.name,
                c.description,
                tuple(
                    codebook_io.Theme(t.name, t.definition, t.example, t.colour, t.guid)
                    for t in c.themes.all()
                ),
                c.guid,
            )
            for c in Category.objects.filter(assessment=assessment).prefetch_related("themes")
        ),
        origin=f"PAIRsight: {assessment.title}",
    )


def excerpts_of(transcript: Transcript, coder: Any = None) -> list[Excerpt]:
    found = Excerpt.objects.filter(transcript=transcript).prefetch_related("themes")
    if coder is not None:
        found = found.filter(coder=coder)
    return list(found.select_related("coder"))


def coded_excerpts(assessment: Assessment, *, merged_only: bool = True) -> list[CodedExcerpt]:
    """Every excerpt as the pure analysis reads it: merged coding only, unless asked."""
    found = Excerpt.objects.filter(transcript__assessment=assessment).select_related(
        "transcript__participant"
    )
    if merged_only:
        found = found.filter(merged=True)
    return [
        CodedExcerpt(
            excerpt_id=e.pk,
            participant=e.transcript.participant.pseudonym,
            group=e.transcript.participant.group,
            text=e.text,
            themes=frozenset(t.name for t in e.themes.all()),
            quote=e.quote,
            synthetic=e.transcript.participant.synthetic,
        )
        for e in found.prefetch_related("themes")
    ]


def theme_order(assessment: Assessment) -> list[tuple[str, str]]:
    """(category, theme) in codebook order."""
    return [(t.category.name, t.name) for t in themes(assessment)]


def waiting_coders(assessment: Assessment) -> list[dict[str, Any]]:
    """Coders with excerpts or coded survey answers not yet merged, with how many."""
    fields = ("coder_id", "coder__username", "coder__first_name", "coder__last_name")
    waiting: dict[int, dict[str, Any]] = {}
    for model, filters in (
        (Excerpt, {"transcript__assessment": assessment}),
        (AnswerCoding, {"assessment": assessment}),
    ):
        rows = (
            model.objects.filter(merged=False, **filters)  # type: ignore[attr-defined]
            .values(*fields)
            .annotate(count=Count("id"))
        )
        for row in rows:
            name = f"{row['coder__first_name']} {row['coder__last_name']}".strip()
            entry = waiting.setdefault(
                row["coder_id"],
                {
                    "id": row["coder_id"],
                    "name": name or row["coder__username"],
                    "username": row["coder__username"],
                    "count": 0,
                },
            )
            entry["count"] += row["count"]
    return sorted(waiting.values(), key=lambda entry: entry["username"])


def double_coded(assessment: Assessment) -> Agreement | None:
    """Agreement over the passages of transcripts two or more coders coded.

    A coder's codes for a passage are the themes of their excerpts that overlap it; a
    passage of such a transcript the coder left uncoded counts as "no theme" for them.
    """
    excerpts = list(
        Excerpt.objects.filter(transcript__assessment=assessment)
        .select_related("coder")
        .prefetch_related("themes")
    )
    coders_by_transcript: dict[int, set[str]] = {}
    for e in excerpts:
        coders_by_transcript.setdefault(e.transcript_id, set()).add(e.coder.get_username())
    shared = {t for t, coders in coders_by_transcript.items() if len(coders) >= 2}
    if not shared:
        return None
    codings: list[Coding] = []
    for passage in Passage.objects.filter(transcript_id__in=shared):
        unit = str(passage.pk)
        for coder in coders_by_transcript[passage.transcript_id]:
            names = {
                theme.name
                for e in excerpts
                if e.transcript_id == passage.transcript_id
                and e.coder.get_username() == coder
                and e.start < passage.end
                and e.end > passage.start
                for theme in e.themes.all()
            }
            for name in sorted(names) or ["(no theme)"]:
                codings.append(Coding(unit, coder, name))
    return agreement(codings)


@dataclass(frozen=True)
class SearchHit:
    passage_id: int
    transcript_id: int
    transcript_title: str
    participant: str
    group: str
    speaker: str
    position: int
    pieces: tuple[Piece, ...]


def search(assessment: Assessment, text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """Passages of the assessment's transcripts holding every word of `text`, best first,
    each with a snippet of its context. SQLite FTS5 or PostgreSQL full-text search."""
    if not query_words(text):
        return []
    if connection.vendor == "postgresql":
        sql = (
            "SELECT p.id, ts_headline('english', p.text, q, %s) "
            "FROM interviews_passage p JOIN interviews_transcript t ON t.id = p.transcript_id, "
            "plainto_tsquery('english', %s) q "
            "WHERE t.assessment_id = %s AND to_tsvector('english', p.text) @@ q "
            "ORDER BY ts_rank(to_tsvector('english', p.text), q) DESC, p.id LIMIT %s"
        )
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12"
        params: list[Any] = [options, " ".join(query_words(text)), assessment.pk, limit]
    else:
        # The index knows each passage's assessment (migration 0004), so SQLite ranks,
        # limits and makes snippets inside the index, for the returned rows only.
        sql = (
            "SELECT rowid, snippet(interviews_passage_fts, 0, %s, %s, '…', 24) "
            "FROM interviews_passage_fts WHERE interviews_passage_fts MATCH %s "
            "AND assessment_id = %s ORDER BY rank LIMIT %s"
        )
        params = [MARK_START, MARK_END, fts5_query(text), assessment.pk, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Only what a result shows: loading each transcript's whole text for 50 hits cost more
    # than the search itself.
    passages = (
        Passage.objects.select_related("transcript__participant")
        .only(
            "transcript_id",
            "speaker",
            "position",
            "transcript__title",
            "transcript__participant__pseudonym",
            "transcript__participant__group",
        )
        .in_bulk([row[0] for row in rows])
    )
    return [
        SearchHit(
            passage_id=pk,
            transcript_id=passages[pk].transcript_id,
            transcript_title=passages[pk].transcript.title,
            participant=passages[pk].transcript.participant.pseudonym,
            group=passages[pk].transcript.participant.get_group_display(),
            speaker=passages[pk].speaker,
            position=passages[pk].position,
            pieces=tuple(_pieces(snippet)),
        )
        for pk, snippet in rows
    ]


def headline(assessment: Assessment) -> dict[str, Any]:
    """The dashboard card's figures: transcripts, participants and themes coded."""
    stored = Transcript.objects.filter(assessment=assessment)
    return {
        "transcripts": stored.count(),
        "participants": stored.values("participant").distinct().count(),
        "themes_coded": Theme.objects.filter(category__assessment=assessment, excerpts__merged=True)
        .distinct()
        .count(),
        "themes": Theme.objects.filter(category__assessment=assessment).count(),
        "synthetic": stored.exclude(participant__synthetic="").count(),
    }


@dataclass(frozen=True)
class SimilarPassage:
    passage: Passage
    score: float


def similar_passages(
    assessment: Assessment, passage: Passage, limit: int = 10
) -> tuple[list[SimilarPassage], list[tuple[str, float]]]:
    """Passages of the assessment's transcripts nearest in meaning to `passage`, and the
    themes its merged coding suggests for it. Empty when nothing is embedded."""
    import numpy as np

    from pairsight.interviews import semantic

    if passage.embedding is None:
        return [], []
    stored = list(
        Passage.objects.filter(transcript__assessment=assessment, embedding__isnull=False)
        .exclude(pk=passage.pk)
        .select_related("transcript__participant")
    )
    query = semantic.from_bytes(bytes(passage.embedding))
    if not stored:
        return [], []
    matrix = np.stack([semantic.from_bytes(bytes(p.embedding or b"")) for p in stored])
    nearest = semantic.most_similar(query, matrix, top=limit)
    coded: dict[str, list[np.ndarray]] = {}
    by_id = {p.pk: i for i, p in enumerate(stored)}
    for excerpt in Excerpt.objects.filter(transcript__assessment=assessment, merged=True):
        overlapping = [
            p
            for p in stored
            if p.transcript_id == excerpt.transcript_id
            and p.start < excerpt.end
            and p.end > excerpt.start
        ]
        for theme in excerpt.themes.all():
            coded.setdefault(theme.name, []).extend(matrix[by_id[p.pk]] for p in overlapping)
    return (
        [SimilarPassage(stored[i], score) for i, score in nearest],
        semantic.suggest_themes(query, coded),
    )


class InterviewParticipants:
    """Interview participants, counted toward the surveys' recruitment targets.

    A target's characteristic is a survey question ("area", "ethnicity"); a participant
    counts in the group their own attribute of that name gives (the team records it on the
    participant, e.g. "area: Ladywood"). Registered in `apps.py` through core, so surveys
    never import interviews.
    """

    label = "interview participants"

    def counts(self, assessment_id: int, characteristic: str) -> dict[str, int]:
        wanted = characteristic.strip().casefold()
        found: dict[str, int] = {}
        for attributes in Participant.objects.filter(assessment_id=assessment_id).values_list(
            "attributes", flat=True
        ):
            for name, value in (attributes or {}).items():
                if str(name).strip().casefold() == wanted and str(value).strip():
                    group = str(value).strip()
                    found[group] = found.get(group, 0) + 1
        return found


INTERVIEW_PARTICIPANTS = InterviewParticipants()


@dataclass(frozen=True)
class AnswerToCode:
    """A written survey answer on the coding page, with the signed-in coder's themes."""

    answer: CodableAnswer
    coding: AnswerCoding | None

    @property
    def themes(self) -> list[str]:
        return [t.name for t in self.coding.themes.all()] if self.coding else []


def answers_to_code(
    assessment: Assessment, coder: Any
) -> list[tuple[str, str, list[AnswerToCode]]]:
    """The written answers the workstreams offer, by (source, question), each with the
    coder's own coding of it (other coders' stay apart until merged)."""
    mine = {
        c.answer_key: c
        for c in AnswerCoding.objects.filter(assessment=assessment, coder=coder).prefetch_related(
            "themes"
        )
    }
    grouped: dict[tuple[str, str], list[AnswerToCode]] = {}
    for answer in codable.answers(assessment.pk):
        grouped.setdefault((answer.source, answer.question), []).append(
            AnswerToCode(answer, mine.get(answer.key))
        )
    return [(source, question, rows) for (source, question), rows in grouped.items()]


def answer_to_code(assessment: Assessment, coder: Any, key: str) -> AnswerToCode | None:
    answer = next((a for a in codable.answers(assessment.pk) if a.key == key), None)
    if answer is None:
        return None
    coding = AnswerCoding.objects.filter(assessment=assessment, coder=coder, answer_key=key).first()
    return AnswerToCode(answer, coding)


def coded_answers(assessment: Assessment) -> list[CodedExcerpt]:
    """Merged codings of written survey answers, as the pure analysis reads them: each
    answer counts as one person of its group (its key stands in for a pseudonym)."""
    found = AnswerCoding.objects.filter(assessment=assessment, merged=True).prefetch_related(
        "themes"
    )
    return [
        CodedExcerpt(
            excerpt_id=c.pk,
            participant=c.answer_key,
            group=c.group,
            text=c.text,
            themes=frozenset(t.name for t in c.themes.all()),
            synthetic=c.synthetic,
        )
        for c in found
    ]
