"""Interview fixtures: a team's assessment with a participant, a codebook and a transcript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

TRANSCRIPT_TEXT = (
    "Interviewer: How did you find the health visiting service?\n\n"
    "Sarah Khan: Honestly I was scared they'd judge me. My daughter Aisha was born on "
    "14 March 2021 and I didn't sleep for weeks.\n\n"
    "Interviewer: Did anyone ask how you and the baby were getting on?\n\n"
    "Sarah Khan: Nobody asked me about that. You can ring me on 07700 900123 if you need to."
)


@pytest.fixture(autouse=True)
def interview_uploads(settings: Any, tmp_path: Any) -> Any:
    """Each test's own private folder for uploaded transcripts."""
    settings.PAIRSIGHT_INTERVIEW_UPLOADS_DIR = tmp_path / "interview-uploads"
    return settings.PAIRSIGHT_INTERVIEW_UPLOADS_DIR


@dataclass
class Coding:
    team: Any
    participant: Any
    transcript: Any
    fear: Any
    not_asked: Any


@pytest.fixture
def coding(team: Any) -> Coding:
    from pairsight.interviews import actions, redaction
    from pairsight.interviews.codebook import Category, Codebook, Theme

    participant = actions.add_participant(
        actor=team.editor, assessment=team.assessment, pseudonym="P01", group="parent"
    )
    transcript = actions.store_transcript(
        actor=team.editor,
        participant=participant,
        title="Parent interview 1",
        source_format="Plain text",
        text=TRANSCRIPT_TEXT,
        accepted=redaction.propose(TRANSCRIPT_TEXT),
    )
    actions.import_codebook(
        actor=team.editor,
        assessment=team.assessment,
        codebook=Codebook(
            (
                Category(
                    "Barriers for families",
                    themes=(Theme("Fear of judgement", "Worry about being judged"),),
                ),
                Category("Insights into current service provision", themes=(Theme("Not asked"),)),
            )
        ),
    )
    from pairsight.interviews.models import Theme as StoredTheme

    return Coding(
        team,
        participant,
        transcript,
        StoredTheme.objects.get(name="Fear of judgement"),
        StoredTheme.objects.get(name="Not asked"),
    )
