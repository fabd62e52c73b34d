"""The Birmingham demo's interviews: a few SYNTHETIC transcripts, coded and merged.

Birmingham interviewed practitioners, managers and parents; its transcripts are not
published. The demo stores short interviews PAIRsight wrote (`interviews.synthetic`), each
participant labelled SYNTHETIC so that the reader, the theme overview and the report say
so, and codes them with the starter codebook's categories and a few illustrative themes.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from pairsight.assessments.models import Assessment
from pairsight.assessments.queries import first_lead
from pairsight.interviews import actions
from pairsight.interviews.codebook import Category, Codebook, Theme, starter_codebook
from pairsight.interviews.models import Participant
from pairsight.interviews.models import Theme as StoredTheme
from pairsight.interviews.synthetic import INTERVIEWS, SYNTHETIC_LABEL, THEMES


def demo_codebook() -> Codebook:
    """The starter codebook's categories, each with the demo's illustrative themes."""
    return Codebook(
        tuple(
            Category(
                category.name,
                themes=tuple(
                    Theme(name, definition)
                    for cat, name, definition in THEMES
                    if cat == category.name
                ),
            )
            for category in starter_codebook().categories
        ),
        origin="PAIRsight demo codebook (Birmingham 2022 categories, illustrative themes)",
    )


@transaction.atomic
def add_demo_interviews(assessment: Assessment, user: User | None = None) -> int:
    """Store and code the synthetic interviews, where not done already; returns how many
    transcripts were added. Done as the assessment's first lead unless `user` is given."""
    user = user or first_lead(assessment)
    if (
        user is None
        or Participant.objects.filter(assessment=assessment).exclude(synthetic="").exists()
    ):
        return 0
    actions.import_codebook(
        actor=user, assessment=assessment, codebook=demo_codebook(), file_name="the demo codebook"
    )
    themes = {
        (t.category.name, t.name): t.pk
        for t in StoredTheme.objects.filter(category__assessment=assessment).select_related(
            "category"
        )
    }
    for interview in INTERVIEWS:
        participant = actions.add_participant(
            actor=user,
            assessment=assessment,
            pseudonym=interview.pseudonym,
            group=interview.group,
            role=interview.role,
            synthetic=SYNTHETIC_LABEL,
        )
        transcript = actions.store_transcript(
            actor=user,
            participant=participant,
            title=interview.title,
            source_format="Generated (synthetic)",
            text=interview.text,
            accepted=[],
        )
        for start, end, turn in interview.coded_spans():
            excerpt = actions.code_excerpt(
                actor=user,
                transcript=transcript,
                start=start,
                end=end,
                theme_ids=[themes[pair] for pair in turn.themes],
            )
            if turn.quote:
                actions.change_excerpt(
                    actor=user,
                    excerpt=excerpt,
                    theme_ids=[themes[pair] for pair in turn.themes],
                    memo="",
                    quote=True,
                )
    actions.merge_coding(actor=user, assessment=assessment, coder_id=user.pk)
    return len(INTERVIEWS)
