"""The service register of an assessment: services, their places, where they came from.

A service read from a feed waits in triage until the team confirms it; only confirmed
services join the map, the matrix, the gaps and the report. A service is keyed by its id in
its source, so importing the same feed again updates it and never adds a second copy.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pairsight.assessments.models import Assessment
from pairsight.assessments.tasks import Job
from pairsight.servicemap.register import (
    Classification,
    Focus,
    Level,
    Location,
    Referral,
    Sector,
    ServiceRecord,
    Stage,
)
from pairsight.servicemap.triage import Verdict


def _choices(kind: type) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in kind]  # type: ignore[attr-defined]


class ServiceSource(models.Model):
    """A feed, spreadsheet or hand entry services came from, and its last import."""

    class Kind(models.TextChoices):
        ORUK_FILE = "oruk_file", "Open Referral UK file"
        ORUK_URL = "oruk_url", "Open Referral UK feed"
        SPREADSHEET = "spreadsheet", "Spreadsheet"
        HAND = "hand", "Entered by hand"

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="service_sources"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    #: The file name or web address, as given.
    name = models.CharField(max_length=500)
    last_import_at = models.DateTimeField(null=True, blank=True)
    last_import_by = models.CharField(max_length=300, blank=True)
    services_read = models.PositiveIntegerField(default=0)
    services_added = models.PositiveIntegerField(default=0)
    services_updated = models.PositiveIntegerField(default=0)
    services_proposed = models.PositiveIntegerField(default=0)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-last_import_at", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "name"], name="one_source_per_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class Service(models.Model):
    class Triage(models.TextChoices):
        WAITING = "waiting", "Waiting for triage"
        CONFIRMED = "confirmed", "On the map"
        LEFT_OUT = "left_out", "Left out"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="services")
    source = models.ForeignKey(
        ServiceSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    #: The service's id in its source (feed id, spreadsheet key, or hand:N).
    feed_id = models.CharField(max_length=255)
    triage = models.CharField(max_length=10, choices=Triage.choices, default=Triage.WAITING)
    proposal = models.CharField(max_length=20, blank=True)
    proposal_reason = models.TextField(blank=True)
    name = models.CharField(max_length=500)
    provider = models.CharField(max_length=500, blank=True)
    provider_id = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=1000, blank=True)
    email = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=30, default="active")
    audiences = models.JSONField(default=list, blank=True)
    taxonomy = models.JSONField(default=list, blank=True)
    eligibility = models.TextField(blank=True)
    excluded = models.TextField("who is excluded", blank=True)
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    sector = models.CharField(max_length=20, choices=_choices(Sector), blank=True)
    levels = models.JSONField(default=list, blank=True)
    focus = models.CharField(max_length=20, choices=_choices(Focus), blank=True)
    stages = models.JSONField(default=list, blank=True)
    referral = models.CharField(max_length=20, choices=_choices(Referral), blank=True)
    interventions = models.JSONField(default=list, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    caseload_under_two = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "feed_id"], name="one_service_per_feed_id"
            )
        ]
        indexes = [models.Index(fields=["assessment", "triage"], name="service_by_triage")]

    def __str__(self) -> str:
        return self.name or "Service without a name"

    @property
    def display_name(self) -> str:
        return self.name or f"Service without a name ({self.feed_id})"

    @property
    def classification(self) -> Classification:
        return Classification(
            levels=tuple(Level(v) for v in self.levels if v in set(Level)),
            focus=Focus(self.focus) if self.focus else None,
            stages=tuple(Stage(v) for v in self.stages if v in set(Stage)),
            sector=Sector(self.sector) if self.sector else None,
            referral=Referral(self.referral) if self.referral else None,
            interventions=tuple(self.interventions),
            capacity=self.capacity,
            caseload_under_two=self.caseload_under_two,
        )

    @property
    def proposal_label(self) -> str:
        return Verdict(self.proposal).label if self.proposal in set(Verdict) else ""

    @property
    def is_classified(self) -> bool:
        return self.classification.is_classified

    def level_labels(self) -> list[str]:
        return [lv.label for lv in self.classification.levels]

    def stage_labels(self) -> list[str]:
        return [st.label for st in self.classification.stages]

    def record(self) -> ServiceRecord:
        return ServiceRecord(
            source_id=self.feed_id,
            name=self.name,
            provider=self.provider,
            provider_id=self.provider_id,
            description=self.description,
            url=self.url,
            email=self.email,
            phone=self.phone,
            status=self.status,
            audiences=tuple(self.audiences),
            taxonomy=tuple(self.taxonomy),
            eligibility=self.eligibility,
            excluded=self.excluded,
            minimum_age=self.minimum_age,
            maximum_age=self.maximum_age,
            locations=tuple(place.location() for place in self.locations.all()),
            note=self.note,
            classification=self.classification,
        )


class ServiceLocation(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=500, blank=True)
    address = models.CharField(max_length=1000, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    #: "feed", "postcodes.io" or "ONS Postcode Directory": where the coordinates came from.
    located_by = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.address, self.postcode) if p) or "Place not given"

    def location(self) -> Location:
        return Location(
            address=self.address,
            postcode=self.postcode,
            latitude=self.latitude,
            longitude=self.longitude,
            name=self.name,
        )


class SectorWithoutService(models.Model):
    """A sector the team has marked "no service in this sector", as the mapping tool allows."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="sectors_without_service"
    )
    sector = models.CharField(max_length=20, choices=_choices(Sector))
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "sector"], name="one_no_service_mark_per_sector"
            )
        ]

    def __str__(self) -> str:
        return f"No service: {self.get_sector_display()}"


class FeedImport(Job):
    """A feed or spreadsheet import, run in the background by the worker.

    The page stores what the person gave (the file's content, or the web address) and
    returns at once; the worker fetches, reads, triages and stores, and the page polls its
    progress. The content is dropped once the services are stored; a failed or cancelled
    import keeps it so that it can be tried again.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="feed_imports"
    )
    #: The file name, or the web address as given.
    name = models.CharField(max_length=500)
    url = models.CharField(max_length=2000, blank=True)
    content = models.BinaryField(null=True, blank=True)
    synthetic = models.BooleanField(default=False)
    source = models.ForeignKey(
        ServiceSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    services_read = models.PositiveIntegerField(default=0)
    services_added = models.PositiveIntegerField(default=0)
    services_updated = models.PositiveIntegerField(default=0)
    services_proposed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Two imports at once into one register would race for the same source ids.
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(state__in=["queued", "running"]),
                name="one_active_feed_import_per_assessment",
            )
        ]

    def __str__(self) -> str:
        return f"Import of {self.name}: {self.get_state_display()}"

    @property
    def can_retry(self) -> bool:
        return (
            not self.is_active
            and self.state != self.State.SUCCEEDED
            and (bool(self.url) or self.content is not None)
        )
