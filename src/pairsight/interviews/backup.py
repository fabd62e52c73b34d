"""The interviews' part of an assessment's backup (see assessments/backup).

Only accepted, redacted text is ever stored, so that is all a backup can hold; the full-text
index follows the passages by its triggers.
"""

from pairsight.assessments.backup import register
from pairsight.interviews.models import (
    AnswerCoding,
    Category,
    Excerpt,
    Participant,
    Passage,
    Theme,
    Transcript,
    TranscriptImport,
)

register(
    "interviews",
    Participant,
    Transcript,
    Passage,
    Category,
    Theme,
    Excerpt,
    AnswerCoding,
    TranscriptImport,
    # Which themes each excerpt and answer carries: rows of their own.
    Excerpt.themes.through,
    AnswerCoding.themes.through,
)
