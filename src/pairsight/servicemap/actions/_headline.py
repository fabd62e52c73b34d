"""The service-mapping card's headline on the dashboard, refreshed by every change."""

from __future__ import annotations

from pairsight.assessments.actions import set_headline
from pairsight.assessments.models import Assessment, Workstream
from pairsight.servicemap import queries
from pairsight.servicemap.matrix import build_matrix
from pairsight.servicemap.models import Service


def _update_headline(assessment: Assessment) -> None:
    matrix = build_matrix(s.classification for s in queries.mapped_services(assessment))
    waiting = Service.objects.filter(assessment=assessment, triage=Service.Triage.WAITING).count()
    detail = matrix.headline() if matrix.services else "Classify the confirmed services"
    if waiting:
        detail += f"; {waiting} services waiting for triage"
    set_headline(
        assessment=assessment,
        workstream=Workstream.SERVICES,
        label="services on the map, by parent-infant focus",
        value=str(matrix.services),
        detail=detail[:300],
    )
