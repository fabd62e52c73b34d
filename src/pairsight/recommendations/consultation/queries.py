"""Reads of the consultation: what a consultee sees, what the team sees, what the report says."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet

from pairsight.assessments.audit import display_name
from pairsight.assessments.models import Assessment
from pairsight.recommendations.consultation.models import (
    AGREEMENT,
    ConsultationChange,
    ConsultationResponse,
    ConsultationRound,
)
from pairsight.recommendations.models import Citation, Recommendation, Status


def rounds(assessment: Assessment) -> QuerySet[ConsultationRound]:
    return ConsultationRound.objects.filter(assessment=assessment).select_related("opened_by")


def round_of(assessment: Assessment, round_id: int) -> ConsultationRound | None:
    return rounds(assessment).filter(pk=round_id).first()


def latest_round(assessment: Assessment) -> ConsultationRound | None:
    """The round a consultee is shown: the open one, else the one that closed last."""
    found = list(rounds(assessment))
    return next((r for r in found if r.is_open), found[0] if found else None)


def drafts(assessment: Assessment) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(assessment=assessment, status=Status.DRAFT)
        .select_related("category")
        .order_by("category__position", "position", "pk")
    )


def round_recommendations(consultation: ConsultationRound) -> list[Recommendation]:
    """The round's recommendations in register order, each with its citations (frozen copies)."""
    return list(
        consultation.recommendations.select_related("category")
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.order_by("pk")))
        .order_by("category__position", "position", "pk")
    )


def recommendation_in(consultation: ConsultationRound, recommendation_id: int) -> Recommendation:
    """One of the round's recommendations (LookupError when it is not in the round)."""
    for item in round_recommendations(consultation):
        if item.pk == recommendation_id:
            return item
    raise LookupError("That recommendation is not part of this consultation")


def own_responses(consultation: ConsultationRound, person: User) -> dict[int, ConsultationResponse]:
    """A consultee's own responses in the round, by recommendation."""
    return {
        r.recommendation_id: r
        for r in ConsultationResponse.objects.filter(round=consultation, person=person)
    }


@dataclass(frozen=True)
class Comment:
    who: str
    agreement: str
    text: str
    when: object


@dataclass(frozen=True)
class RecommendationResponses:
    """All the responses to one recommendation in a round, for the team (and the report)."""

    recommendation: Recommendation
    counts: tuple[int, ...]  # strongly disagree .. strongly agree
    comments: tuple[Comment, ...]
    change: ConsultationChange | None

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def agreeing(self) -> int:
        return self.counts[3] + self.counts[4]

    @property
    def rows(self) -> list[tuple[str, int]]:
        return list(zip(AGREEMENT.values(), self.counts, strict=True))


def responses_by_recommendation(consultation: ConsultationRound) -> list[RecommendationResponses]:
    responses = list(
        ConsultationResponse.objects.filter(round=consultation).select_related("person")
    )
    changes = {
        c.recommendation_id: c
        for c in ConsultationChange.objects.filter(round=consultation).select_related(
            "recommendation"
        )
    }
    found = []
    for item in round_recommendations(consultation):
        mine = [r for r in responses if r.recommendation_id == item.pk]
        counts = tuple(sum(1 for r in mine if r.rating == rating) for rating in AGREEMENT)
        comments = tuple(
            Comment(display_name(r.person), r.agreement, r.comment, r.updated_at)
            for r in mine
            if r.comment
        )
        found.append(RecommendationResponses(item, counts, comments, changes.get(item.pk)))
    return found


def respondents(consultation: ConsultationRound) -> int:
    """How many people gave at least one response."""
    return (
        ConsultationResponse.objects.filter(round=consultation).values("person").distinct().count()
    )
