"""The service map's citable findings: coverage by level of need and by stage, and the
level × focus matrix.

Registered in `ServiceMapConfig.ready` under the prefix `servicemap`. Keys name the level,
stage or cell (`servicemap:level:targeted`, `servicemap:stage:antenatal`,
`servicemap:matrix:specialist:specialised`), so a citation of "no service works at the
specialist level" finds its live count when a specialist service is added and says the
evidence moved. Offered once at least one service is mapped.

Also the facts for comparing editions (`core.comparable`): how many services at each level,
and each service on the map with its classification, keyed by its ID in its source
(`feed_id`), which a carried-forward service keeps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from pairsight.assessments.models import Assessment
from pairsight.core.citable import Evidence
from pairsight.servicemap.matrix import build_matrix
from pairsight.servicemap.models import Service
from pairsight.servicemap.queries import is_synthetic, mapped
from pairsight.servicemap.register import CORE_STAGES, Focus, Level

PREFIX = "servicemap"


def _services(count: int) -> str:
    return "No service" if count == 0 else f"{count:,} service{'s' if count != 1 else ''}"


def servicemap_evidence(assessment: Assessment) -> Iterator[Evidence]:
    services = mapped(assessment)
    if not services:
        return
    source = "Service map" + (" (includes SYNTHETIC services)" if is_synthetic(assessment) else "")
    link = reverse("servicemap:analysis", kwargs={"assessment_id": assessment.pk})
    today = timezone.localdate()
    matrix = build_matrix(s.classification for s in services)

    def evidence(key: str, label: str, count: int, unit: str) -> Evidence:
        return Evidence(
            key=f"{PREFIX}:{key}",
            label=label,
            value=_services(count),
            unit=unit,
            source=source,
            as_of=today,
            link=link,
        )

    classified = "classified services"
    for level in Level:
        yield evidence(
            f"level:{level.value}",
            f"Services at the {level.label.lower()} level of need",
            matrix.row_total(level),
            classified,
        )
    for stage in CORE_STAGES:
        covering = sum(1 for s in services if stage in s.classification.stages)
        yield evidence(
            f"stage:{stage.value}",
            f"Services covering {stage.label[0].lower()}{stage.label[1:]}",
            covering,
            "mapped services",
        )
    for level in Level:
        for focus in Focus:
            yield evidence(
                f"matrix:{level.value}:{focus.value}",
                f"Services at the {level.label.lower()} level: {focus.short_label.lower()}",
                matrix.counts[level][focus],
                classified,
            )


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
