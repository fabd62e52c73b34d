"""The consultation's part of the recommendations section: for each round its dates, how many
consultees responded, agreement per recommendation and what the team changed.

No names: the people consulted are few, so the report gives counts (through the disclosure
rule, as every count of people) and never who said what.
"""

from __future__ import annotations

from django.utils import timezone

from pairsight.assessments.models import Assessment
from pairsight.core.document import Cell, Paragraph, Section, Table
from pairsight.recommendations.consultation import queries
from pairsight.recommendations.consultation.models import (
    AGREEMENT,
    ConsultationRound,
    day_text,
)

KEY = "recommendations-consultation"
HEADING = "Consultation on the recommendations"
COLUMNS = ("Number", "Recommendation", "Responses", *AGREEMENT.values(), "Change made")


def _period(consultation: ConsultationRound) -> str:
    opened = day_text(timezone.localdate(consultation.opened_at))
    if consultation.is_open:
        return f"from {opened}; it is open until {day_text(consultation.closes_on)}"
    return f"from {opened} to {day_text(consultation.closed_on)}"


def _summary(consultation: ConsultationRound) -> str:
    people = queries.respondents(consultation)
    count = consultation.recommendations.count()
    return (
        f"{count} draft recommendation{'s were' if count != 1 else ' was'} put out for "
        f"consultation {_period(consultation)}. {people} "
        f"consultee{'s' if people != 1 else ''} responded, each saying how far they agreed "
        "with each recommendation (from strongly disagree to strongly agree) and commenting."
    )


def _table(consultation: ConsultationRound) -> Table:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            result.recommendation.number,
            result.recommendation.title,
            result.total,
            *result.counts,
            result.change.note if result.change is not None else "Not recorded",
        )
        for result in queries.responses_by_recommendation(consultation)
    )
    return Table(
        caption=f"Responses to the consultation closing {day_text(consultation.closes_on)}",
        columns=COLUMNS,
        rows=rows,
        count_columns=tuple(range(2, 3 + len(AGREEMENT))),
        total_column=2,
    )


def consultation_part(assessment: Assessment) -> tuple[Section | None, tuple[str, ...]]:
    """The subsection (None before any round) and the note for the section's methods."""
    found = sorted(queries.rounds(assessment), key=lambda r: (r.opened_at, r.pk))
    if not found:
        return None, ()
    blocks: list[Paragraph | Table] = []
    for consultation in found:
        blocks += [Paragraph(_summary(consultation)), _table(consultation)]
    rounds = len(found)
    note = (
        f"The draft recommendations were consulted on in {rounds} round"
        f"{'s' if rounds != 1 else ''} ({'; '.join(_period(r) for r in found)}). Consultees saw "
        "each recommendation with its evidence as cited; the team recorded what it changed "
        "and why. Responses are counted, never named."
    )
    return Section(heading=HEADING, key=KEY, blocks=tuple(blocks)), (note,)
