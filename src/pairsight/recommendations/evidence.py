"""The register's facts for comparing editions: each recommendation's status.

Registered in `RecommendationsConfig.ready` with `core.comparable` under the prefix
`recommendations` (comparable facts, not citable findings: a recommendation does not cite
another). A recommendation is matched across editions by its title, which a carried-forward
recommendation keeps while its number may change when the register is reordered.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from pairsight.assessments.models import Assessment
from pairsight.core.citable import Evidence
from pairsight.recommendations.models import Recommendation

PREFIX = "recommendations"


def status_facts(assessment: Assessment) -> Iterator[Evidence]:
    link = reverse("recommendations:register", kwargs={"assessment_id": assessment.pk})
    for item in Recommendation.objects.filter(assessment=assessment).select_related("category"):
        yield Evidence(
            key=f"{PREFIX}:status:{' '.join(item.title.casefold().split())}",
            label=f"{item.number} {item.title}" + (" (example)" if item.example else ""),
            value=item.get_status_display(),
            unit="status",
            source=f"Recommendations register, {item.category.name}",
            as_of=item.status_changed_at.date(),
            link=link,
        )
