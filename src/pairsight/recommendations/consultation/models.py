"""A consultation round on the draft recommendations, the responses and the changes made.

Imported by the app's own models module, so Django files these under `recommendations`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from pairsight.assessments.models import Assessment

#: Agreement, 1 to 5, as consultees choose it.
AGREEMENT = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
COMMENT_LIMIT = 2000
CHANGE_LIMIT = 2000


def day_text(value: datetime.date) -> str:
    """A date as the pages and the report write it: 7 December 2026."""
    return f"{value.day} {value:%B %Y}"


class ConsultationRound(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="consultation_rounds"
    )
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation", related_name="consultation_rounds"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The last day responses are taken (the round closes at the end of it).
    closes_on = models.DateField()
    #: Set when the lead closes the round before its closing date.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"Consultation opened {self.opened_at:%d %B %Y}, closing {self.closes_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and timezone.localdate() <= self.closes_on

    @property
    def closed_on(self) -> datetime.date:
        """The day it closed or will close."""
        if self.closed_at is not None:
            return timezone.localdate(self.closed_at)
        return self.closes_on


class ConsultationResponse(models.Model):
    """One person's view of one recommendation in one round (changed in place until closing)."""

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="responses")
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.CASCADE,
        related_name="consultation_responses",
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "recommendation", "person"], name="one_response_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.recommendation}: {self.agreement}"

    @property
    def agreement(self) -> str:
        return AGREEMENT.get(self.rating, str(self.rating))


class ConsultationChange(models.Model):
    """What the team changed in a recommendation after the round, and why."""

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="changes")
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.CASCADE,
        related_name="consultation_changes",
    )
    note = models.TextField()
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "recommendation"], name="one_change_note_per_recommendation"
            )
        ]

    def __str__(self) -> str:
        return self.note[:80]
