from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from pairsight.assessments.models import Assessment


class Scenario(models.Model):
    """A named set of need-model inputs, with the estimate as it stood when it was saved."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="population_scenarios"
    )
    name = models.CharField(max_length=100)
    notes = models.TextField(blank=True)
    # The form's inputs as submitted, so the scenario opens again exactly as it was.
    inputs = models.JSONField()
    # `NeedEstimate.to_dict()` at the time of saving (schema pairsight.need/1).
    result = models.JSONField()
    is_chosen = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-is_chosen", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "assessment", name="scenario_name_unique_in_assessment"
            ),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(is_chosen=True),
                name="one_chosen_scenario_per_assessment",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unmet_need(self) -> int | None:
        value = self.result.get("unmet_need", {}).get("value")
        return int(value) if value is not None else None

    @property
    def children(self) -> int | None:
        value = self.result.get("reading", {}).get("children")
        return int(value) if value is not None else None

    @property
    def children_text(self) -> str:
        """30,672: as every page shows counts (empty when the estimate lacks it)."""
        return f"{self.children:,}" if self.children is not None else ""

    @property
    def unmet_need_text(self) -> str:
        return f"{self.unmet_need:,}" if self.unmet_need is not None else ""
