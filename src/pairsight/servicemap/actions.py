"""Writes to the service register: one function per use case, each checking the actor's role,
each in a transaction, each audited once.

An import stores everything or nothing: the feed is read and triaged in full by the pure
modules before the transaction starts; a feed with any error stores nothing at all.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pairsight.assessments import access
from pairsight.assessments.actions import set_headline
from pairsight.assessments.audit import Actor, display_name, record_change, record_export
from pairsight.assessments.models import Assessment, Role, Workstream
from pairsight.servicemap import queries
from pairsight.servicemap.exports import oruk_json, register_csv, register_xlsx
from pairsight.servicemap.matrix import build_matrix
from pairsight.servicemap.models import (
    SectorWithoutService,
    Service,
    ServiceLocation,
    ServiceSource,
)
from pairsight.servicemap.oruk import FeedRead
from pairsight.servicemap.postcodes import PostcodeError, PostcodeLookup, normalise
from pairsight.servicemap.register import (
    KNOWN_INTERVENTIONS,
    Focus,
    Level,
    Referral,
    Sector,
    ServiceRecord,
    Stage,
)
from pairsight.servicemap.triage import Verdict, judge

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
) -> ServiceSource:
    """Store what a feed or spreadsheet holds: new services wait in triage with the triage's
    proposal; services already stored (same source id) are updated, keeping the team's
    triage and classification. A spreadsheet is the team's own list: its rows join the map
    with the classification they give."""
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
    for record in read.services:
        proposal = judge(record)
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


@transaction.atomic
def decide_triage(
    *,
    actor: Actor,
    assessment: Assessment,
    confirmed: Collection[int],
    left_out: Collection[int],
) -> int:
    """Services confirmed for the map and services left out, decided in the triage screen."""
    access.require(actor, assessment, Role.EDITOR)
    both = set(confirmed) & set(left_out)
    if both:
        raise ValidationError({"services": "A service cannot be both confirmed and left out."})
    waiting = Service.objects.filter(assessment=assessment)
    chosen = list(waiting.filter(pk__in=confirmed).values_list("pk", "name"))
    dropped = list(waiting.filter(pk__in=left_out).values_list("pk", "name"))
    if len(chosen) != len(set(confirmed)) or len(dropped) != len(set(left_out)):
        raise ValidationError({"services": "Some services are not in this assessment."})
    waiting.filter(pk__in=confirmed).update(triage=Service.Triage.CONFIRMED)
    waiting.filter(pk__in=left_out).update(triage=Service.Triage.LEFT_OUT)
    record_change(
        actor=actor,
        assessment=assessment,
        action="services triaged",
        object_type="service register",
        object_id=assessment.pk,
        summary=f"Triage: {len(chosen)} services confirmed for the map, {len(dropped)} left out",
        after={"confirmed": [n for _, n in chosen], "left_out": [n for _, n in dropped]},
    )
    _update_headline(assessment)
    return len(chosen)


def _choice(value: str, kind: type, field: str) -> Any:
    if value in {"", None}:
        return ""
    if value not in {m.value for m in kind}:  # type: ignore[attr-defined]
        raise ValidationError({field: f"{value!r} is not a choice here."})
    return value


@transaction.atomic
def classify_service(
    *,
    actor: Actor,
    service: Service,
    levels: Sequence[str],
    focus: str,
    stages: Sequence[str] = (),
    sector: str = "",
    referral: str = "",
    interventions: Sequence[str] = (),
    capacity: int | None = None,
    caseload_under_two: int | None = None,
    eligibility: str | None = None,
    excluded: str = "",
    note: str = "",
) -> Service:
    """The team's classification of a service; classifying it puts it on the map."""
    access.require(actor, service.assessment, Role.EDITOR)
    if not levels:
        raise ValidationError({"levels": "Choose at least one level of need."})
    if not focus:
        raise ValidationError({"focus": "Choose the service's parent-infant focus."})
    for number, value in (("capacity", capacity), ("caseload_under_two", caseload_under_two)):
        if value is not None and value < 0:
            raise ValidationError({number: "Enter 0 or more."})
    before = _classification_snapshot(service)
    service.levels = [_choice(v, Level, "levels") for v in dict.fromkeys(levels)]
    service.focus = _choice(focus, Focus, "focus")
    service.stages = [_choice(v, Stage, "stages") for v in dict.fromkeys(stages)]
    service.sector = _choice(sector, Sector, "sector")
    service.referral = _choice(referral, Referral, "referral")
    service.interventions = [i.strip()[:200] for i in dict.fromkeys(interventions) if i.strip()]
    service.capacity = capacity
    service.caseload_under_two = caseload_under_two
    if eligibility is not None:
        service.eligibility = eligibility
    service.excluded = excluded
    service.note = note
    service.triage = Service.Triage.CONFIRMED
    service.updated_by = actor if isinstance(actor, User) else None
    service.save()
    record_change(
        actor=actor,
        assessment=service.assessment,
        action="service classified",
        object_type="service",
        object_id=service.pk,
        summary=f"Classified {service.display_name}",
        before=before,
        after=_classification_snapshot(service),
    )
    _update_headline(service.assessment)
    return service


def _classification_snapshot(service: Service) -> dict[str, Any]:
    return {
        "triage": service.triage,
        "levels": list(service.levels),
        "focus": service.focus,
        "stages": list(service.stages),
        "sector": service.sector,
        "referral": service.referral,
        "interventions": list(service.interventions),
        "capacity": service.capacity,
        "caseload_under_two": service.caseload_under_two,
        "excluded": service.excluded,
        "note": service.note,
    }


@transaction.atomic
def add_service(
    *, actor: Actor, assessment: Assessment, name: str, provider: str = "", postcode: str = ""
) -> Service:
    """A service entered by hand (one no feed lists); it is classified on its own page."""
    access.require(actor, assessment, Role.EDITOR)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the service's name."})
    if postcode and not normalise(postcode):
        raise ValidationError({"postcode": f"{postcode!r} is not a postcode, like BS1 5TR."})
    source, _ = ServiceSource.objects.get_or_create(
        assessment=assessment, kind=ServiceSource.Kind.HAND, name="Entered by hand"
    )
    number = Service.objects.filter(assessment=assessment, source=source).count() + 1
    while Service.objects.filter(assessment=assessment, feed_id=f"hand:{number}").exists():
        number += 1
    service = Service.objects.create(
        assessment=assessment,
        source=source,
        feed_id=f"hand:{number}",
        name=name[:500],
        provider=provider.strip()[:500],
        triage=Service.Triage.CONFIRMED,
        updated_by=actor if isinstance(actor, User) else None,
    )
    if postcode:
        ServiceLocation.objects.create(service=service, postcode=normalise(postcode))
    record_change(
        actor=actor,
        assessment=assessment,
        action="service added",
        object_type="service",
        object_id=service.pk,
        summary=f"Added {service.name} by hand",
        after={"name": service.name, "provider": service.provider, "postcode": postcode},
    )
    return service


@transaction.atomic
def mark_sector(
    *, actor: Actor, assessment: Assessment, sector: str, without_service: bool, note: str = ""
) -> None:
    """Mark (or unmark) a sector as having no service, as the mapping tool allows."""
    access.require(actor, assessment, Role.EDITOR)
    chosen = Sector(_choice(sector, Sector, "sector") or "other") if sector else None
    if chosen is None:
        raise ValidationError({"sector": "Choose a sector."})
    marks = SectorWithoutService.objects.filter(assessment=assessment, sector=chosen)
    was = marks.exists()
    if without_service:
        SectorWithoutService.objects.update_or_create(
            assessment=assessment, sector=chosen, defaults={"note": note}
        )
    else:
        marks.delete()
    record_change(
        actor=actor,
        assessment=assessment,
        action="sector marked" if without_service else "sector unmarked",
        object_type="service register",
        object_id=assessment.pk,
        summary=f"{chosen.label}: {'no service' if without_service else 'services expected'}",
        before={"no_service": was},
        after={"no_service": without_service, "note": note},
    )


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


EXPORTS = {
    "oruk": ("Open Referral UK JSON", "application/json", "json"),
    "csv": ("CSV", "text/csv; charset=utf-8", "csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


@transaction.atomic
def export_register(*, actor: Actor, assessment: Assessment, file_format: str) -> bytes:
    """The services on the map as a file; the download is recorded in the audit trail."""
    access.require(actor, assessment, Role.VIEWER)
    if file_format not in EXPORTS:
        raise ValidationError({"format": f"{file_format!r} is not one of {', '.join(EXPORTS)}."})
    records = [s.record() for s in queries.mapped_services(assessment)]
    body: bytes
    if file_format == "oruk":
        body = oruk_json(records).encode("utf-8")
    elif file_format == "csv":
        body = ("\ufeff" + register_csv(records)).encode("utf-8")
    else:
        body = register_xlsx(records)
    record_export(
        actor=actor,
        assessment=assessment,
        what=f"the service register ({len(records)} services)",
        file_format=EXPORTS[file_format][0],
        object_type="service register",
        object_id=assessment.pk,
        detail={"services": len(records)},
    )
    return body


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


def intervention_choices() -> tuple[str, ...]:
    return KNOWN_INTERVENTIONS
