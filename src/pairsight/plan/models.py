"""The assessment's plan (milestones), its governance and its dissemination plan."""

from __future__ import annotations

from django.db import models

from pairsight.assessments.models import Assessment
from pairsight.plan.template import WORKSTREAMS


class Milestone(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    workstream = models.CharField(max_length=20, choices=WORKSTREAMS)
    due = models.DateField()
    owner = models.CharField(max_length=200, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class SteeringMember(models.Model):
    """Someone who sits on the steering group."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="steering_members"
    )
    name = models.CharField(max_length=200)
    #: Their role and organisation ("Consultant midwife, Birmingham Women's Hospital").
    role = models.CharField(max_length=300)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A meeting of the steering group."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="steering_meetings"
    )
    date = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%-d %B %Y}" + (f" ({self.note})" if self.note else "")


class Decision(models.Model):
    """A decision the steering group recorded."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="steering_decisions"
    )
    date = models.DateField()
    decision = models.TextField()
    #: The meeting that took it (none when it was agreed between meetings).
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.decision


class Dissemination(models.Model):
    """One line of the dissemination plan: who hears about the findings, how and when."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="dissemination"
    )
    audience = models.CharField(max_length=300)
    channel = models.CharField(max_length=300)
    date = models.DateField()
    owner = models.CharField(max_length=200, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name_plural = "dissemination"

    def __str__(self) -> str:
        return f"{self.audience}: {self.channel}"
