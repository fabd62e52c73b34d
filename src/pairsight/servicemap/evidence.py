"""The service map's facts for comparing editions: how many services at each level, and each
service on the map with its classification.

Registered in `ServiceMapConfig.ready` with `core.comparable` under the prefix `servicemap`.
A service's key is its ID in its source (`feed_id`), which a carried-forward service keeps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.urls import reverse

from pairsight.assessments.models import Assessment
from pairsight.core.citable import Evidence
from pairsight.servicemap.models import Service
from pairsight.servicemap.register import Focus, Level

PREFIX = "servicemap"
SOURCE = "Service map"


def service_facts(assessment: Assessment) -> Iterator[Evidence]:
    rows = Service.objects.filter(assessment=assessment, triage=Service.Triage.CONFIRMED)
    link = reverse("servicemap:register", kwargs={"assessment_id": assessment.pk})
    levels: Counter[str] = Counter()
    total = 0
    for feed_id, name, service_levels, focus, synthetic in rows.values_list(
        "feed_id", "name", "levels", "focus", "synthetic"
    ).order_by("feed_id"):
        total += 1
        levels.update(set(service_levels) & set(Level))
        shown = [Level(v).label for v in Level if v in service_levels]
        if focus in set(Focus):
            shown.append(Focus(focus).short_label)
        yield Evidence(
            key=f"{PREFIX}:service:{feed_id}",
            label=(name or f"Service without a name ({feed_id})")
            + (" (SYNTHETIC)" if synthetic else ""),
            value="; ".join(shown) or "On the map, not classified yet",
            unit="service",
            source=SOURCE,
            link=link,
        )
    yield Evidence(
        key=f"{PREFIX}:on-the-map",
        label="Services on the map",
        value=f"{total:,}",
        unit="services",
        source=SOURCE,
        link=link,
    )
    for level in Level:
        yield Evidence(
            key=f"{PREFIX}:level:{level.value}",
            label=f"Services at the {level.value} level of need",
            value=f"{levels[level.value]:,}",
            unit="services",
            source=SOURCE,
            link=link,
        )
