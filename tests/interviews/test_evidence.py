"""Interview themes are offered as evidence after disclosure control; a citation sees them
move as more participants are coded."""

from __future__ import annotations

from typing import Any

from pairsight.core import citable
from pairsight.interviews import actions
from pairsight.interviews.codebook import Category, Codebook, Theme
from pairsight.interviews.evidence import theme_key
from pairsight.interviews.models import Theme as StoredTheme
from pairsight.recommendations import actions as recommendation_actions
from pairsight.recommendations.queries import cited_evidence

TEXT = "Interviewer: How was it?\n\nParent: Nobody asked me how we were getting on."


def _interview_and_code(team: Any, number: int, themes: list[Any]) -> None:
    participant = actions.add_participant(
        actor=team.editor, assessment=team.assessment, pseudonym=f"P{number:02}", group="parent"
    )
    transcript = actions.store_transcript(
        actor=team.editor,
        participant=participant,
        title=f"Interview {number}",
        source_format="Plain text",
        text=TEXT,
        accepted=[],
    )
    actions.code_excerpt(
        actor=team.editor, transcript=transcript, start=0, end=11, theme_ids=[t.pk for t in themes]
    )


def test_themes_are_offered_with_small_counts_hidden_and_a_citation_sees_them_move(
    team: Any,
) -> None:
    actions.import_codebook(
        actor=team.lead,
        assessment=team.assessment,
        codebook=Codebook((Category("Barriers", themes=(Theme("Fear"), Theme("Not asked"))),)),
    )
    fear, not_asked = (
        StoredTheme.objects.get(name="Fear"),
        StoredTheme.objects.get(name="Not asked"),
    )
    for number in range(1, 10):
        _interview_and_code(team, number, [fear] if number > 2 else [fear, not_asked])
    actions.merge_coding(actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk)
    offered = {e.key: e for e in citable.offered(team.assessment, "interviews")}
    # 9 participants and 9 excerpts: the NHS rule rounds both to 10. 2 of each: hidden.
    assert offered[theme_key(fear.pk)].value == "10 participants, 10 excerpts"
    assert offered[theme_key(not_asked.pk)].value == (
        "fewer than 8 participants, fewer than 8 excerpts"
    )
    assert offered[theme_key(fear.pk)].label == "Interview theme: Fear (Barriers)"

    recommendation = recommendation_actions.create_recommendation(
        actor=team.lead,
        assessment=team.assessment,
        category="Training the workforce",
        title="Ask every parent",
        text="Ask every parent about their relationship with the baby.",
    )
    recommendation_actions.cite_evidence(
        actor=team.lead, recommendation=recommendation, key=theme_key(not_asked.pk)
    )
    for number in range(10, 18):
        _interview_and_code(team, number, [not_asked])
    actions.merge_coding(actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk)
    [item] = cited_evidence(recommendation)
    assert item.citation.value == "fewer than 8 participants, fewer than 8 excerpts"
    # 2 + 8 = 10 participants and excerpts: shown as 10.
    assert item.movement.describe() == (
        "evidence moved: fewer than 8 participants, fewer than 8 excerpts → "
        "10 participants, 10 excerpts"
    )
