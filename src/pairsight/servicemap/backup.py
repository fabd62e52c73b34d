"""The service map's part of an assessment's backup and next edition (assessments/backup.py)."""

from pairsight.assessments.backup import register
from pairsight.servicemap.models import (
    SectorWithoutService,
    Service,
    ServiceLocation,
    ServiceSource,
)

register("servicemap", ServiceSource, Service, ServiceLocation, SectorWithoutService)
