"""Long work on transcripts, each in one plain function a background task can call.

The tasks framework (django-tasks) is not on this branch yet, so the pages call these
directly; once it lands, `embed_transcript` is queued after a transcript is stored.
`read_and_propose` must stay out of any task queue: its input is the original transcript,
which PAIRsight never stores (a queue in the database would store it).
"""

from __future__ import annotations

from pairsight.interviews import redaction, semantic
from pairsight.interviews.models import Passage, Transcript
from pairsight.interviews.transcripts import Transcript as ReadTranscript
from pairsight.interviews.transcripts import read_transcript


def read_and_propose(
    content: bytes, file_name: str
) -> tuple[ReadTranscript, list[redaction.Proposal]]:
    """Read a transcript file and propose its redactions (raises TranscriptError)."""
    transcript = read_transcript(content, file_name)
    return transcript, redaction.propose(transcript.text)


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
