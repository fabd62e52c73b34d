"""The recommendations register: categories, recommendations and the evidence they cite."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from pairsight.assessments.models import Assessment
from pairsight.assessments.tasks import Job


class Category(models.Model):
    """One heading of the register (Birmingham's nine are the default list)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="recommendation_categories"
    )
    name = models.CharField(max_length=300)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "assessment", name="category_name_unique_in_assessment"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTED = "consulted", "Consulted on"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Recommendation(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="recommendations"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="recommendations")
    #: Its place within its category (1, 2, ...); the register reads "category.position".
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    text = models.TextField()
    #: Who the recommendation is for: practitioners, services, commissioners, organisations.
    audience = models.TextField(blank=True)
    how_achieved = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField()
    #: Written as an example (the demo), never a real area's own text.
    example = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category__position", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def number(self) -> str:
        return f"{self.category.position}.{self.position}"


class Citation(models.Model):
    """A recommendation's evidence: the key, and a frozen copy of what it showed when cited."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="citations"
    )
    key = models.CharField(max_length=200)
    label = models.TextField()
    # Text, not a short field: a survey finding's value is a sentence, and a truncated
    # copy would always differ from the live value and read as "moved".
    value = models.TextField()
    unit = models.TextField(blank=True)
    source = models.TextField()
    as_of = models.DateField(null=True, blank=True)
    link = models.CharField(max_length=500, blank=True)
    cited_at = models.DateTimeField(auto_now_add=True)
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "key"], name="one_citation_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


# The consultation's models live beside its other modules; imported here so Django finds them.
from pairsight.recommendations.consultation.models import (  # noqa: E402
    ConsultationChange,
    ConsultationResponse,
    ConsultationRound,
)

__all__ = [
    "Category",
    "Citation",
    "ConsultationChange",
    "ConsultationResponse",
    "ConsultationRound",
    "Priority",
    "Recommendation",
    "Status",
]


class RegisterImport(Job):
    """A recommendations register file imported by the worker (`recommendations/tasks.py`).

    The file waits in a private folder under the name in `upload` until it is imported or
    refused; `added` is how many recommendations it added.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="register_imports"
    )
    file_name = models.CharField(max_length=255)
    upload = models.CharField(max_length=64)
    added = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
