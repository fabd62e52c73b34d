from __future__ import annotations

from django.conf import settings
from django.db import models

from pairsight.assessments.models import Assessment
from pairsight.assessments.tasks import Job
from pairsight.core.disclosure import DisclosureRule
from pairsight.reports.build import FORMATS


class Disclosure(models.TextChoices):
    """The small-number rules a lead or editor can choose for the assessment's report."""

    NHS = DisclosureRule.NHS.value, DisclosureRule.NHS.label
    UNDER_10 = DisclosureRule.UNDER_10.value, DisclosureRule.UNDER_10.label
    UNDER_5 = DisclosureRule.UNDER_5.value, DisclosureRule.UNDER_5.label
    OFF = DisclosureRule.OFF.value, DisclosureRule.OFF.label

    @property
    def rule(self) -> DisclosureRule:
        return DisclosureRule(self.value)


class ReportSettings(models.Model):
    """How the assessment's report is made; one row per assessment, made on first change."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="report_settings"
    )
    disclosure = models.CharField(max_length=10, choices=Disclosure.choices, default=Disclosure.NHS)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "report settings"

    def __str__(self) -> str:
        return f"Report settings of {self.assessment}"

    @property
    def rule(self) -> DisclosureRule:
        return DisclosureRule(self.disclosure)


class ReportBuild(Job):
    """One attempt to build the report in every format, run as a background task.

    The files of a successful build live in their own folder (see `queries.build_folder`);
    the assessment's current report is its latest successful build, so a build that fails
    leaves the previous one in place. State, progress and heartbeat come from `Job`.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="report_builds"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    disclosure = models.CharField(max_length=10, choices=Disclosure.choices)
    report_date = models.DateField()
    # {"pdf": {"name": "....pdf", "size": 70851}, ...} for a successful build.
    files = models.JSONField(default=dict, blank=True)
    # What the report said when built (see `queries.fingerprint`): publishing checks that
    # the lead publishes what they previewed, and the page says when the data has moved on.
    fingerprint = models.CharField(max_length=64, blank=True)
    error_format = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(state__in=["queued", "running"]),
                name="one_active_report_build_per_assessment",
            )
        ]
        indexes = [models.Index(fields=["assessment", "state"], name="report_build_by_state")]

    def __str__(self) -> str:
        status, state = self.get_status_display(), self.get_state_display()
        return f"{status} report of {self.assessment}: {state}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def rule(self) -> DisclosureRule:
        return DisclosureRule(self.disclosure)

    @property
    def failure_text(self) -> str:
        label = FORMATS[self.error_format].label if self.error_format in FORMATS else "report"
        return f"Could not build the {label}: {self.error_reason}"


class Narrative(models.Model):
    """Text the team writes for the report: the executive summary, the key messages, or the
    commentary on one section (`part` is the section's key). Markdown, with live figures."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="report_narratives"
    )
    part = models.SlugField(max_length=100)
    text = models.TextField(blank=True)
    # The value of each figure the text cites, as it was when the text was saved.
    cited = models.JSONField(default=dict, blank=True)
    # Written by PAIRsight as an example (the demo): labelled as such wherever it shows.
    is_example = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "part"], name="one_narrative_per_part_of_a_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.part} of {self.assessment}"
