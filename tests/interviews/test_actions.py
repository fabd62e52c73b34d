"""Interview use cases: roles, audit, redaction before storage, coding kept per coder."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from pairsight.assessments.models import AuditEvent
from pairsight.interviews import actions, queries, redaction
from pairsight.interviews.models import Excerpt, Participant, Passage, Transcript
from tests.interviews.conftest import TRANSCRIPT_TEXT, Coding

pytestmark = pytest.mark.django_db

ORIGINAL_IDENTIFIERS = ["Sarah Khan", "Aisha", "14 March 2021", "07700 900123"]


def _everything_stored() -> str:
    """Every text column of every interviews table, as one string."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("interviews_") or "_fts" in table:
                continue
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names from the schema
            parts.extend(str(value) for row in cursor.fetchall() for value in row)
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary, before, after FROM assessments_auditevent")
        parts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


def test_only_the_redacted_text_is_stored(coding: Coding) -> None:
    stored = coding.transcript
    assert "[NAME 1]: Honestly" in stored.text
    assert "[PHONE 1]" in stored.text and "[DATE 1]" in stored.text
    everything = _everything_stored()
    for identifier in ORIGINAL_IDENTIFIERS:
        assert identifier not in everything, f"{identifier!r} was stored"
    # Sarah Khan as the speaker of two turns, and Aisha.
    assert stored.redactions == {"name": 3, "date_of_birth": 1, "phone": 1}


def test_a_rejected_proposal_stays_in_the_text(team: Any) -> None:
    participant = actions.add_participant(
        actor=team.editor, assessment=team.assessment, pseudonym="P02", group="parent"
    )
    proposals = [p for p in redaction.propose(TRANSCRIPT_TEXT) if p.kind != "date_of_birth"]
    stored = actions.store_transcript(
        actor=team.editor,
        participant=participant,
        title="T",
        source_format="Plain text",
        text=TRANSCRIPT_TEXT,
        accepted=proposals,
    )
    assert "14 March 2021" in stored.text
    assert "Sarah Khan" not in stored.text


def test_passages_follow_the_speaker_turns_of_the_redacted_text(coding: Coding) -> None:
    passages = list(Passage.objects.filter(transcript=coding.transcript))
    assert [p.speaker for p in passages] == ["Interviewer", "[NAME 1]", "Interviewer", "[NAME 1]"]
    for passage in passages:
        assert coding.transcript.text[passage.start : passage.end] == passage.text
    assert passages[3].text.startswith("Nobody asked me")


def test_a_redaction_that_does_not_fit_stores_nothing(coding: Coding) -> None:
    transcripts, passages = Transcript.objects.count(), Passage.objects.count()
    events = AuditEvent.objects.count()
    bad = redaction.Proposal(redaction.Kind.NAME, 0, 5, "Nope!")
    with pytest.raises(ValidationError) as error:
        actions.store_transcript(
            actor=coding.team.editor,
            participant=coding.participant,
            title="Second",
            source_format="Plain text",
            text=TRANSCRIPT_TEXT,
            accepted=[bad],
        )
    assert "redactions" in error.value.message_dict
    assert (Transcript.objects.count(), Passage.objects.count()) == (transcripts, passages)
    assert AuditEvent.objects.count() == events


def test_viewers_cannot_store_or_code_and_outsiders_are_told_nothing(coding: Coding) -> None:
    team = coding.team
    with pytest.raises(PermissionDenied):
        actions.code_excerpt(
            actor=team.viewer, transcript=coding.transcript, start=0, end=5, theme_ids=[1]
        )
    with pytest.raises(Http404):
        actions.add_participant(
            actor=team.outsider, assessment=team.assessment, pseudonym="X", group="parent"
        )
    with pytest.raises(PermissionDenied):
        actions.delete_transcript(actor=team.editor, transcript=coding.transcript)


def test_every_read_of_a_transcript_is_audited(coding: Coding) -> None:
    before = AuditEvent.objects.filter(action="transcript read").count()
    actions.read_transcript(actor=coding.team.viewer, transcript=coding.transcript)
    event = AuditEvent.objects.filter(action="transcript read").latest("id")
    assert AuditEvent.objects.filter(action="transcript read").count() == before + 1
    assert event.actor == coding.team.viewer
    assert event.object_id == str(coding.transcript.pk)
    assert event.kind == "read", "reading changes nothing: it is recorded as a read"


def test_coding_is_kept_per_coder_until_merged(coding: Coding) -> None:
    team, text = coding.team, coding.transcript.text
    start = text.index("Nobody asked me")
    mine = actions.code_excerpt(
        actor=team.editor,
        transcript=coding.transcript,
        start=start,
        end=start + len("Nobody asked me"),
        theme_ids=[coding.not_asked.pk],
        memo="Key point",
    )
    assert mine.text == "Nobody asked me"
    assert mine.coder == team.editor and not mine.merged
    assert queries.coded_excerpts(team.assessment) == []
    with pytest.raises(PermissionDenied):
        actions.merge_coding(actor=team.editor, assessment=team.assessment, coder_id=team.editor.pk)
    assert (
        actions.merge_coding(actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk)
        == 1
    )
    [coded] = queries.coded_excerpts(team.assessment)
    assert coded.participant == "P01" and coded.themes == frozenset({"Not asked"})


def test_only_the_coder_or_a_lead_changes_an_excerpt(coding: Coding) -> None:
    team = coding.team
    excerpt = actions.code_excerpt(
        actor=team.lead,
        transcript=coding.transcript,
        start=0,
        end=11,
        theme_ids=[coding.fear.pk],
    )
    with pytest.raises(PermissionDenied):
        actions.remove_excerpt(actor=team.editor, excerpt=excerpt)
    actions.change_excerpt(
        actor=team.lead, excerpt=excerpt, theme_ids=[coding.not_asked.pk], memo="m", quote=True
    )
    excerpt.refresh_from_db()
    assert list(excerpt.themes.values_list("name", flat=True)) == ["Not asked"]
    assert excerpt.quote
    actions.remove_excerpt(actor=team.lead, excerpt=excerpt)
    assert not Excerpt.objects.filter(pk=excerpt.pk).exists()


@pytest.mark.parametrize(
    ("start", "end", "themes", "field"),
    [
        (5, 5, None, "start"),
        (0, 10**6, None, "start"),
        (0, 5, [], "themes"),
        (0, 5, [999], "themes"),
    ],
)
def test_bad_coding_names_the_field_and_stores_nothing(
    coding: Coding, start: int, end: int, themes: list[int] | None, field: str
) -> None:
    count = Excerpt.objects.count()
    with pytest.raises(ValidationError) as error:
        actions.code_excerpt(
            actor=coding.team.editor,
            transcript=coding.transcript,
            start=start,
            end=end,
            theme_ids=themes if themes is not None else [coding.fear.pk],
        )
    assert field in error.value.message_dict
    assert Excerpt.objects.count() == count


def test_a_duplicate_pseudonym_is_refused(coding: Coding) -> None:
    with pytest.raises(ValidationError, match="already a participant"):
        actions.add_participant(
            actor=coding.team.editor,
            assessment=coding.team.assessment,
            pseudonym="P01",
            group="parent",
        )
    assert Participant.objects.filter(pseudonym="P01").count() == 1


def test_codebook_export_is_audited_and_imports_back(coding: Coding) -> None:
    from pairsight.interviews.codebook import from_qdc

    content = actions.export_codebook(
        actor=coding.team.viewer, assessment=coding.team.assessment, file_format="qdc"
    )
    assert [t.name for t in from_qdc(content).themes()] == ["Fear of judgement", "Not asked"]
    event = AuditEvent.objects.latest("id")
    assert event.kind == AuditEvent.Kind.EXPORT and "codebook" in event.summary


def test_search_finds_passages_with_every_word_in_context(coding: Coding) -> None:
    # "asked" alone is in two turns (the interviewer's "ask" too, once stemmed); with
    # "nobody" only the parent's.
    assert len(queries.search(coding.team.assessment, "asked")) == 2
    hits = queries.search(coding.team.assessment, "nobody asked")
    assert [h.speaker for h in hits] == ["[NAME 1]"]
    assert hits[0].position == 3
    matched = [p.text for p in hits[0].pieces if p.matched]
    assert [m.lower() for m in matched] == ["nobody", "asked"]
    # Query syntax is searched for as words, never run.
    assert queries.search(coding.team.assessment, 'NEAR("x" OR') == []
    assert queries.search(coding.team.assessment, "") == []


def test_agreement_over_double_coded_passages(coding: Coding) -> None:
    team, text = coding.team, coding.transcript.text
    start = text.index("Nobody")
    for coder, theme in ((team.editor, coding.not_asked), (team.lead, coding.not_asked)):
        actions.code_excerpt(
            actor=coder,
            transcript=coding.transcript,
            start=start,
            end=start + 6,
            theme_ids=[theme.pk],
        )
    result = queries.double_coded(team.assessment)
    assert result is not None
    # Four passages; both coders: "Not asked" on passage 4, nothing elsewhere: perfect.
    assert result.units == 4
    assert result.alpha == pytest.approx(1.0)


def test_deleting_a_theme_removes_excerpts_tagged_only_with_it(coding: Coding) -> None:
    team = coding.team
    only = actions.code_excerpt(
        actor=team.editor, transcript=coding.transcript, start=0, end=5, theme_ids=[coding.fear.pk]
    )
    both = actions.code_excerpt(
        actor=team.editor,
        transcript=coding.transcript,
        start=5,
        end=9,
        theme_ids=[coding.fear.pk, coding.not_asked.pk],
    )
    with pytest.raises(PermissionDenied):
        actions.delete_theme(actor=team.editor, theme=coding.fear)
    actions.delete_theme(actor=team.lead, theme=coding.fear)
    assert not Excerpt.objects.filter(pk=only.pk).exists()
    assert list(Excerpt.objects.get(pk=both.pk).themes.values_list("name", flat=True)) == [
        "Not asked"
    ]


def test_search_keeps_to_the_assessment_and_forgets_deleted_transcripts(
    coding: Coding, make_user: Any
) -> None:
    from pairsight.assessments import actions as assessment_actions

    other_lead = make_user("other@example.nhs.uk")
    other = assessment_actions.create_assessment(
        user=other_lead, title="Other", area_name="Elsewhere", ons_code="E08000026", start_year=2026
    )
    participant = actions.add_participant(
        actor=other_lead, assessment=other, pseudonym="X1", group="parent"
    )
    actions.store_transcript(
        actor=other_lead,
        participant=participant,
        title="Other interview",
        source_format="Plain text",
        text="Interviewer: Nobody asked me either.",
        accepted=[],
    )
    mine = queries.search(coding.team.assessment, "nobody asked")
    assert [h.transcript_title for h in mine] == ["Parent interview 1"]
    assert [h.transcript_title for h in queries.search(other, "nobody asked")] == [
        "Other interview"
    ]
    actions.delete_transcript(actor=coding.team.lead, transcript=coding.transcript)
    assert queries.search(coding.team.assessment, "nobody asked") == []
    assert len(queries.search(other, "nobody asked")) == 1
