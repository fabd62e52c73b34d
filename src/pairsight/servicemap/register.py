"""What a service in the register is: the words of the Parent-Infant Foundation's mapping tool.

A service is classified by level of need (one or more), by its focus on the parent-infant
relationship, and by the ages and stages it covers; these types are shared by the feed reader,
the triage, the matrix, the gaps, the exports and the Django models.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Sector(enum.StrEnum):
    NHS = "nhs"
    LOCAL_AUTHORITY = "local_authority"
    VOLUNTARY = "voluntary"
    OTHER = "other"

    @property
    def label(self) -> str:
        return SECTOR_LABELS[self]


SECTOR_LABELS = {
    Sector.NHS: "NHS",
    Sector.LOCAL_AUTHORITY: "Local authority",
    Sector.VOLUNTARY: "Voluntary and community",
    Sector.OTHER: "Other",
}


class Level(enum.StrEnum):
    """Level of need, from the support every family gets to the most specialised."""

    UNIVERSAL = "universal"
    TARGETED = "targeted"
    STATUTORY = "statutory"
    SPECIALIST = "specialist"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Focus(enum.StrEnum):
    """How far a service works on the relationship between parent and baby."""

    WIDER = "wider"
    ADDITIONAL = "additional"
    SPECIALISED = "specialised"

    @property
    def label(self) -> str:
        return FOCUS_LABELS[self]

    @property
    def short_label(self) -> str:
        return FOCUS_SHORT_LABELS[self]


FOCUS_LABELS = {
    Focus.WIDER: "Reduces risk or strengthens protective factors as part of wider aims",
    Focus.ADDITIONAL: "Works with an additional focus on the parent-infant relationship",
    Focus.SPECIALISED: "Highly specialised parent-infant relationship support",
}
FOCUS_SHORT_LABELS = {
    Focus.WIDER: "Non-specialised (wider aims)",
    Focus.ADDITIONAL: "Additional parent-infant focus",
    Focus.SPECIALISED: "Highly specialised",
}


class Stage(enum.StrEnum):
    ANTENATAL = "antenatal"
    FIRST_YEAR = "0-12m"
    SECOND_YEAR = "12-24m"
    BEYOND = "beyond"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.ANTENATAL: "Antenatal",
    Stage.FIRST_YEAR: "0 to 12 months",
    Stage.SECOND_YEAR: "12 to 24 months",
    Stage.BEYOND: "Beyond age two",
}
#: The stages of conception to two; "beyond" is recorded but is not a gap when missing.
CORE_STAGES = (Stage.ANTENATAL, Stage.FIRST_YEAR, Stage.SECOND_YEAR)


class Referral(enum.StrEnum):
    SELF = "self"
    PROFESSIONAL = "professional"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {"self": "Self-referral", "professional": "Professional referral"}.get(
            self.value, "Self or professional referral"
        )


#: Interventions named in the Birmingham 2022 mapping, offered as choices; others can be typed.
KNOWN_INTERVENTIONS = (
    "Video Interaction Guidance",
    "Circle of Security",
    "Mellow Parenting",
    "Solihull Approach",
    "Newborn Behavioural Observations",
    "Watch Wait and Wonder",
)


@dataclass(frozen=True)
class Location:
    address: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    name: str = ""


@dataclass(frozen=True)
class Classification:
    """What the team decides about a service (none of it comes from a feed)."""

    levels: tuple[Level, ...] = ()
    focus: Focus | None = None
    stages: tuple[Stage, ...] = ()
    sector: Sector | None = None
    referral: Referral | None = None
    interventions: tuple[str, ...] = ()
    capacity: int | None = None
    caseload_under_two: int | None = None

    @property
    def is_classified(self) -> bool:
        return bool(self.levels) and self.focus is not None


@dataclass(frozen=True)
class ServiceRecord:
    """One service as read from a feed or a spreadsheet: text only, cleaned, nothing decided."""

    source_id: str
    name: str
    provider: str = ""
    provider_id: str = ""
    description: str = ""
    url: str = ""
    email: str = ""
    phone: str = ""
    status: str = "active"
    audiences: tuple[str, ...] = ()
    taxonomy: tuple[str, ...] = ()
    eligibility: str = ""
    excluded: str = ""
    minimum_age: float | None = None
    maximum_age: float | None = None
    locations: tuple[Location, ...] = ()
    note: str = ""
    classification: Classification = field(default_factory=Classification)
