"""The register written out: Open Referral UK JSON, CSV and XLSX.

ORUK JSON follows the v1 service shape (the one councils publish) and is validated against
it before it is written; the classification travels as taxonomy terms of a "PAIRsight"
vocabulary, so reading the export back restores it. Spreadsheet cells that a spreadsheet
program would run as a formula (starting = + - @, tab or carriage return) are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Literal

from openpyxl import Workbook
from pydantic import BaseModel, ConfigDict, Field

from pairsight.core.cells import neutralise_cell
from pairsight.servicemap.oruk import VOCABULARY
from pairsight.servicemap.register import Classification, ServiceRecord

COLUMNS = (
    "Source id",
    "Name",
    "Provider",
    "Sector",
    "Levels of need",
    "Parent-infant focus",
    "Ages and stages",
    "Eligibility",
    "Who is excluded",
    "Referral",
    "Interventions",
    "Capacity a year",
    "0-2s on caseload",
    "Address",
    "Postcode",
    "Telephone",
    "Email",
    "Website",
    "Note",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="allow")


class OrukTaxonomy(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    vocabulary: str


class OrukServiceTaxonomy(_Strict):
    id: str = Field(min_length=1)
    taxonomy: OrukTaxonomy


class OrukAddress(_Strict):
    id: str
    address_1: str
    city: str = ""
    postal_code: str
    country: str = "GB"


class OrukLocation(_Strict):
    id: str = Field(min_length=1)
    name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    physical_addresses: list[OrukAddress] = []


class OrukServiceAtLocation(_Strict):
    id: str = Field(min_length=1)
    location: OrukLocation


class OrukOrganisation(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)


class OrukEligibility(_Strict):
    id: str
    eligibility: str = ""
    minimum_age: float | None = None
    maximum_age: float | None = None


class OrukService(_Strict):
    """An ORUK v1 service: the fields the standard requires and those PAIRsight fills."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    url: str = ""
    email: str = ""
    status: Literal["active", "inactive", "defunct", "temporarily closed"]
    organization: OrukOrganisation
    eligibilitys: list[OrukEligibility] = []
    service_taxonomys: list[OrukServiceTaxonomy] = []
    service_at_locations: list[OrukServiceAtLocation] = []


def classification_terms(classification: Classification) -> list[tuple[str, str]]:
    """(id, name) of each PAIRsight term: level:targeted, focus:additional, stage:0-12m."""
    terms = [
        (f"level:{level.value}", f"Level of need: {level.label}") for level in classification.levels
    ]
    if classification.focus is not None:
        terms.append((f"focus:{classification.focus.value}", classification.focus.label))
    terms += [(f"stage:{stage.value}", stage.label) for stage in classification.stages]
    if classification.sector is not None:
        terms.append((f"sector:{classification.sector.value}", classification.sector.label))
    return terms


def oruk_service(service: ServiceRecord) -> dict[str, Any]:
    sid = service.source_id
    status = service.status if service.status in {"active", "inactive", "defunct"} else "active"
    data: dict[str, Any] = {
        "id": sid,
        "name": service.name or "Service without a name",
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": status,
        "organization": {
            "id": service.provider_id or f"{sid}-provider",
            "name": service.provider or "Provider not recorded",
        },
        "eligibilitys": [
            {
                "id": f"{sid}-eligibility",
                "eligibility": service.eligibility,
                "minimum_age": service.minimum_age,
                "maximum_age": service.maximum_age,
            }
        ]
        if service.eligibility or service.minimum_age is not None or service.maximum_age is not None
        else [],
        "service_taxonomys": [
            {
                "id": f"{sid}-{term_id}",
                "taxonomy": {"id": term_id, "name": name, "vocabulary": VOCABULARY},
            }
            for term_id, name in classification_terms(service.classification)
        ],
        "service_at_locations": [
            {
                "id": f"{sid}-location-{number}",
                "location": {
                    "id": f"{sid}-place-{number}",
                    "name": place.name,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "physical_addresses": [
                        {
                            "id": f"{sid}-address-{number}",
                            "address_1": place.address,
                            "postal_code": place.postcode,
                        }
                    ],
                },
            }
            for number, place in enumerate(service.locations, start=1)
        ],
    }
    OrukService.model_validate(data)
    return data


def oruk_json(services: Sequence[ServiceRecord]) -> str:
    """The services as an ORUK v1 list, each validated against the ORUK service shape."""
    return json.dumps([oruk_service(s) for s in services], indent=2, ensure_ascii=False) + "\n"


def register_rows(services: Sequence[ServiceRecord]) -> list[list[object]]:
    rows: list[list[object]] = []
    for s in services:
        c = s.classification
        place = s.locations[0] if s.locations else None
        rows.append(
            [
                s.source_id,
                s.name,
                s.provider,
                c.sector.label if c.sector else "",
                "; ".join(level.label for level in c.levels),
                c.focus.label if c.focus else "",
                "; ".join(stage.label for stage in c.stages),
                s.eligibility,
                s.excluded,
                c.referral.label if c.referral else "",
                "; ".join(c.interventions),
                c.capacity,
                c.caseload_under_two,
                place.address if place else "",
                place.postcode if place else "",
                s.phone,
                s.email,
                s.url,
                s.note,
            ]
        )
    return [[neutralise_cell(cell) for cell in row] for row in rows]


def register_csv(services: Sequence[ServiceRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(
        ["" if cell is None else cell for cell in row] for row in register_rows(services)
    )
    return out.getvalue()


def register_xlsx(services: Sequence[ServiceRecord], *, title: str = "Services") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(COLUMNS))
    for row in register_rows(services):
        sheet.append(row)
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
