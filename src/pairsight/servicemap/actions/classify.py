"""The team's decisions about services: triage, classification, services added by hand, and
sectors marked as having no service."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.audit import Actor, record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.servicemap.actions._headline import _update_headline
from pairsight.servicemap.models import (
    SectorWithoutService,
    Service,
    ServiceLocation,
    ServiceSource,
)
from pairsight.servicemap.postcodes import normalise
from pairsight.servicemap.register import KNOWN_INTERVENTIONS, Focus, Level, Referral, Sector, Stage


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


def intervention_choices() -> tuple[str, ...]:
    return KNOWN_INTERVENTIONS
