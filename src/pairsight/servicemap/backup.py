"""The service map's part of an assessment's backup (see assessments/backup)."""

from pairsight.assessments.backup import register
from pairsight.servicemap.models import (
    FeedImport,
    SectorWithoutService,
    Service,
    ServiceLocation,
    ServiceSource,
)

register("servicemap", ServiceSource, Service, ServiceLocation, SectorWithoutService, FeedImport)
