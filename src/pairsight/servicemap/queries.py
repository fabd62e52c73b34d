"""Reads of the service register for the pages, the report and the commands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from pairsight.assessments.models import Assessment
from pairsight.servicemap.gaps import Gaps, MappedService, PathwayNeed, find_gaps
from pairsight.servicemap.matrix import Matrix, build_matrix
from pairsight.servicemap.models import (
    FeedImport,
    SectorWithoutService,
    Service,
    ServiceLocation,
    ServiceSource,
)
from pairsight.servicemap.register import Focus, Level, Sector
from pairsight.servicemap.support_map import SupportMap, support_map
from pairsight.servicemap.triage import Verdict


def mapped_services(assessment: Assessment) -> QuerySet[Service]:
    """The services the team confirmed: the ones on the map, in the matrix and the report."""
    return (
        Service.objects.filter(assessment=assessment, triage=Service.Triage.CONFIRMED)
        .prefetch_related("locations")
        .order_by("name", "id")
    )


def service_of(assessment: Assessment, service_id: int) -> Service | None:
    return Service.objects.filter(assessment=assessment, pk=service_id).first()


@dataclass(frozen=True)
class RegisterFilter:
    search: str = ""
    level: str = ""
    focus: str = ""
    sector: str = ""


def register(assessment: Assessment, chosen: RegisterFilter) -> QuerySet[Service]:
    services = mapped_services(assessment)
    if chosen.search:
        services = services.filter(
            Q(name__icontains=chosen.search)
            | Q(provider__icontains=chosen.search)
            | Q(description__icontains=chosen.search)
        )
    if chosen.level in {lv.value for lv in Level}:
        # JSON containment is not available on SQLite: match the stored list's text.
        services = services.filter(levels__icontains=f'"{chosen.level}"')
    if chosen.focus in {f.value for f in Focus}:
        services = services.filter(focus=chosen.focus)
    if chosen.sector in {s.value for s in Sector}:
        services = services.filter(sector=chosen.sector)
    return services


def triage_queue(assessment: Assessment, show: str = "waiting") -> QuerySet[Service]:
    """Services in the triage screen: those proposed first, then possible, then the rest."""
    services = Service.objects.filter(assessment=assessment)
    if show == "waiting":
        services = services.filter(triage=Service.Triage.WAITING)
    order = {Verdict.PROPOSED.value: 0, Verdict.POSSIBLE.value: 1}
    listed = list(services.select_related("source").order_by("name", "id"))
    listed.sort(key=lambda s: order.get(s.proposal, 2))
    return listed  # type: ignore[return-value]


def triage_counts(assessment: Assessment) -> dict[str, int]:
    services = Service.objects.filter(assessment=assessment)
    return {
        "waiting": services.filter(triage=Service.Triage.WAITING).count(),
        "proposed": services.filter(
            triage=Service.Triage.WAITING, proposal=Verdict.PROPOSED.value
        ).count(),
        "confirmed": services.filter(triage=Service.Triage.CONFIRMED).count(),
        "left_out": services.filter(triage=Service.Triage.LEFT_OUT).count(),
    }


def sources(assessment: Assessment) -> QuerySet[ServiceSource]:
    return ServiceSource.objects.filter(assessment=assessment).order_by("-last_import_at", "name")


def mapped(assessment: Assessment) -> list[MappedService]:
    return [MappedService(s.display_name, s.classification) for s in mapped_services(assessment)]


def sectors_without_service(assessment: Assessment) -> list[Sector]:
    return [
        Sector(v)
        for v in SectorWithoutService.objects.filter(assessment=assessment).values_list(
            "sector", flat=True
        )
    ]


def matrix(assessment: Assessment) -> Matrix:
    return build_matrix(s.classification for s in mapped(assessment))


def gaps(assessment: Assessment, need: PathwayNeed | None = None) -> Gaps:
    return find_gaps(
        mapped(assessment),
        sectors_without_service=sectors_without_service(assessment),
        need=need,
    )


def support_layout(assessment: Assessment) -> SupportMap:
    return support_map(mapped(assessment))


def map_points(assessment: Assessment) -> list[dict[str, Any]]:
    """Each located place of a service on the map, as the map's script reads it."""
    points = []
    places = ServiceLocation.objects.filter(
        service__assessment=assessment,
        service__triage=Service.Triage.CONFIRMED,
        latitude__isnull=False,
        longitude__isnull=False,
    ).select_related("service")
    for place in places.order_by("service__name", "id"):
        service = place.service
        points.append(
            {
                "id": service.pk,
                "name": service.display_name,
                "provider": service.provider,
                "levels": list(service.levels),
                "focus": service.focus,
                "focus_label": service.get_focus_display(),
                "address": str(place),
                "lat": round(place.latitude or 0, 6),
                "lon": round(place.longitude or 0, 6),
            }
        )
    return points


def is_synthetic(assessment: Assessment) -> bool:
    return Service.objects.filter(
        assessment=assessment, triage=Service.Triage.CONFIRMED, synthetic=True
    ).exists()


def active_import(assessment: Assessment) -> FeedImport | None:
    """The import waiting for or running in the worker, if there is one (one at a time)."""
    return FeedImport.objects.filter(assessment=assessment, state__in=FeedImport.ACTIVE).first()
