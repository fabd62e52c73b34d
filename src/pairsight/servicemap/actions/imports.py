"""Importing services: a feed or spreadsheet stored whole or not at all.

The feed is read and triaged in full by the pure modules before the transaction starts; a
feed with any error stores nothing at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pairsight.assessments import access
from pairsight.assessments.audit import Actor, display_name, record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.servicemap.actions._headline import _update_headline
from pairsight.servicemap.models import Service, ServiceLocation, ServiceSource
from pairsight.servicemap.oruk import FeedRead
from pairsight.servicemap.register import ServiceRecord
from pairsight.servicemap.triage import Proposal, Verdict, judge

#: Fields a re-import refreshes from the source; the team's decisions are never overwritten.
FEED_FIELDS = (
    "name",
    "provider",
    "provider_id",
    "description",
    "url",
    "email",
    "phone",
    "status",
    "audiences",
    "taxonomy",
    "eligibility",
    "minimum_age",
    "maximum_age",
)
MAX_ERRORS_SHOWN = 5


def _feed_values(record: ServiceRecord) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in FEED_FIELDS}
    values["audiences"] = list(record.audiences)
    values["taxonomy"] = list(record.taxonomy)
    # A feed's text can be longer than a column allows (PostgreSQL would refuse it).
    for name, value in values.items():
        limit = getattr(Service._meta.get_field(name), "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            values[name] = value[:limit]
    if len(record.url) > 1000:
        values["url"] = ""
    return values


def _classification_values(record: ServiceRecord) -> dict[str, Any]:
    c = record.classification
    return {
        "levels": [lv.value for lv in c.levels],
        "focus": c.focus.value if c.focus else "",
        "stages": [st.value for st in c.stages],
        "sector": c.sector.value if c.sector else "",
        "referral": c.referral.value if c.referral else "",
        "interventions": list(c.interventions),
        "capacity": c.capacity,
        "caseload_under_two": c.caseload_under_two,
        "excluded": record.excluded,
        "note": record.note,
    }


@transaction.atomic
def import_services(
    *,
    actor: Actor,
    assessment: Assessment,
    kind: str,
    source_name: str,
    read: FeedRead,
    synthetic: bool = False,
    proposals: Sequence[Proposal] | None = None,
) -> ServiceSource:
    """Store what a feed or spreadsheet holds: new services wait in triage with the triage's
    proposal; services already stored (same source id) are updated, keeping the team's
    triage and classification. A spreadsheet is the team's own list: its rows join the map
    with the classification they give. `proposals` is the triage of `read.services`, when
    the caller has made it already (the background import does, outside the transaction)."""
    access.require(actor, assessment, Role.EDITOR)
    if read.errors:
        shown = read.errors[:MAX_ERRORS_SHOWN]
        more = len(read.errors) - len(shown)
        raise ValidationError(
            {"feed": shown + ([f"and {more} more problems like these"] if more > 0 else [])}
        )
    if not read.services:
        raise ValidationError({"feed": f"{source_name} holds no services."})
    source_kind = ServiceSource.Kind(kind)
    source, _ = ServiceSource.objects.get_or_create(
        assessment=assessment, kind=source_kind, name=source_name[:500]
    )
    existing = {
        s.feed_id: s
        for s in Service.objects.filter(
            assessment=assessment, feed_id__in=[r.source_id for r in read.services]
        )
    }
    from_sheet = source_kind is ServiceSource.Kind.SPREADSHEET
    added: list[Service] = []
    changed: list[Service] = []
    proposed = 0
    if proposals is None or len(proposals) != len(read.services):
        proposals = [judge(record) for record in read.services]
    for record, proposal in zip(read.services, proposals, strict=True):
        proposed += proposal.verdict is Verdict.PROPOSED
        service = existing.get(record.source_id)
        values = _feed_values(record)
        if from_sheet:
            values.update(_classification_values(record))
        if service is None:
            service = Service(assessment=assessment, feed_id=record.source_id, **values)
            service.triage = Service.Triage.CONFIRMED if from_sheet else Service.Triage.WAITING
            if not from_sheet and not service.stages:
                service.stages = [st.value for st in proposal.stages]
            added.append(service)
        else:
            for name, value in values.items():
                setattr(service, name, value)
            changed.append(service)
        service.source = source
        service.synthetic = synthetic
        service.updated_by = actor if isinstance(actor, User) else None
        service.proposal = proposal.verdict.value
        service.proposal_reason = proposal.reason[:2000]
    Service.objects.bulk_create(added, batch_size=500)
    fields = [*FEED_FIELDS, "source", "synthetic", "proposal", "proposal_reason", "updated_by"]
    if from_sheet:
        fields += list(_classification_values(read.services[0]))
    Service.objects.bulk_update(changed, fields, batch_size=500)
    _replace_locations(assessment, read.services)
    source.last_import_at = timezone.now()
    source.last_import_by = display_name(actor)
    source.services_read = len(read.services)
    source.services_added = len(added)
    source.services_updated = len(changed)
    source.services_proposed = proposed
    source.synthetic = synthetic
    source.save()
    record_change(
        actor=actor,
        assessment=assessment,
        action="services imported",
        object_type="service source",
        object_id=source.pk,
        summary=f"Imported {len(read.services)} services from {source.name} "
        f"({len(added)} new, {len(changed)} updated; {proposed} proposed for conception to two)",
        after={
            "kind": source.kind,
            "read": len(read.services),
            "added": len(added),
            "updated": len(changed),
            "proposed": proposed,
            "synthetic": synthetic,
        },
    )
    _update_headline(assessment)
    return source


def _replace_locations(assessment: Assessment, records: Sequence[ServiceRecord]) -> None:
    ids = dict(
        Service.objects.filter(
            assessment=assessment, feed_id__in=[r.source_id for r in records]
        ).values_list("feed_id", "pk")
    )
    # A location the team located by postcode keeps its coordinates if its postcode is the same.
    kept = {
        (loc.service_id, loc.postcode): (loc.latitude, loc.longitude, loc.located_by)
        for loc in ServiceLocation.objects.filter(service_id__in=ids.values()).exclude(
            located_by__in=["", "feed"]
        )
    }
    ServiceLocation.objects.filter(service_id__in=ids.values()).delete()
    places = []
    for record in records:
        for place in record.locations:
            latitude, longitude, located_by = place.latitude, place.longitude, "feed"
            if latitude is None:
                latitude, longitude, located_by = kept.get(
                    (ids[record.source_id], place.postcode), (None, None, "")
                )
            places.append(
                ServiceLocation(
                    service_id=ids[record.source_id],
                    name=place.name[:500],
                    address=place.address[:1000],
                    postcode=place.postcode[:10],
                    latitude=latitude,
                    longitude=longitude,
                    located_by=located_by if latitude is not None else "",
                )
            )
    ServiceLocation.objects.bulk_create(places, batch_size=500)
