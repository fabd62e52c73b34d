"""Coordinates for the services' postcodes, from postcodes.io or an ONS Postcode Directory."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.audit import Actor, record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.servicemap.models import Service, ServiceLocation
from pairsight.servicemap.postcodes import PostcodeError, PostcodeLookup, normalise


@transaction.atomic
def locate_services(
    *, actor: Actor, assessment: Assessment, lookup: PostcodeLookup, by: str
) -> int:
    """Coordinates for the confirmed services' postcodes (those a feed did not locate)."""
    access.require(actor, assessment, Role.EDITOR)
    places = list(
        ServiceLocation.objects.filter(
            service__assessment=assessment,
            service__triage=Service.Triage.CONFIRMED,
            latitude__isnull=True,
        ).exclude(postcode="")
    )
    try:
        points = lookup.locate(p.postcode for p in places)
    except PostcodeError as error:
        raise ValidationError({"postcodes": str(error)}) from None
    located = []
    for place in places:
        point = points.get(normalise(place.postcode))
        if point is not None:
            place.latitude, place.longitude, place.located_by = point.latitude, point.longitude, by
            located.append(place)
    ServiceLocation.objects.bulk_update(located, ["latitude", "longitude", "located_by"])
    record_change(
        actor=actor,
        assessment=assessment,
        action="services located",
        object_type="service register",
        object_id=assessment.pk,
        summary=f"Located {len(located)} of {len(places)} places by postcode ({by})",
        after={"located": len(located), "asked": len(places), "by": by},
    )
    return len(located)
