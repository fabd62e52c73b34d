"""Open Referral UK feeds read into `ServiceRecord`s: v1 and v3, list, page and detail shapes.

Real feeds are messy: HTML descriptions, a missing organisation, vendor fields (`pc_...`),
audience labels with stray spaces and `>` hierarchies, ages as text. The reader takes all of
that; what it cannot take (not JSON, a JSON object where services are expected, a service
with no id) is an error that names the service, and no service from such a feed is used.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from pairsight.servicemap.register import (
    Classification,
    Focus,
    Level,
    Location,
    Sector,
    ServiceRecord,
    Stage,
)
from pairsight.servicemap.text import clean_html, clean_many, label, plain_text

#: Keys of one page of a paged list: ORUK v1 (Spring's `content`) and v3 (`contents`).
PAGE_KEYS = ("contents", "content")
#: The vocabulary of the taxonomy terms a PAIRsight export writes its classification in.
VOCABULARY = "PAIRsight"


NOT_CLASSIFIED = Classification()


class FeedError(ValueError):
    """A feed that cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Page:
    """One page of a paged list, and which page it says it is."""

    items: list[Any]
    number: int | None = None
    total_pages: int | None = None
    last: bool | None = None


@dataclass
class FeedRead:
    """The services read from a feed, and the problems that stop it being stored."""

    services: list[ServiceRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    shape: str = ""
    #: Things worth knowing that stop nothing (an id listed twice).
    notes: list[str] = field(default_factory=list)
    entries: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_json(content: bytes | str, where: str = "The feed") -> Any:
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError as error:
        raise FeedError(f"{where} is not JSON ({error}). Give an Open Referral UK feed.") from None


def page_of(data: Any, where: str = "The feed") -> Page:
    """The services in a decoded feed, whatever its shape."""
    if isinstance(data, list):
        return Page(items=data)
    if isinstance(data, Mapping):
        for key in PAGE_KEYS:
            if key in data:
                items = data[key]
                if not isinstance(items, list):
                    raise FeedError(
                        f"{where}: '{key}' should be a list of services, not {_kind(items)}."
                    )
                return Page(
                    items=items,
                    number=_int(data.get("page_number", data.get("number"))),
                    total_pages=_int(data.get("total_pages", data.get("totalPages"))),
                    last=_bool(data.get("last_page", data.get("last"))),
                )
        if "id" in data and "name" in data:
            return Page(items=[data])
        raise FeedError(
            f"{where} is a JSON object that is neither a list of services, a page of them "
            f"('contents' or 'content') nor one service (with 'id' and 'name'); its keys are "
            f"{', '.join(sorted(map(str, data))[:8]) or 'none'}."
        )
    raise FeedError(f"{where} is {_kind(data)}, not a list of services.")


def read_feed(content: bytes | str, where: str = "The feed") -> FeedRead:
    """Every service in a feed file (list, page or detail shape)."""
    page = page_of(parse_json(content, where), where)
    result = read_services(page.items, where)
    result.shape = "paged list" if page.total_pages is not None else "list"
    return result


def read_services(items: Iterable[Any], where: str = "The feed", start: int = 1) -> FeedRead:
    result = FeedRead()
    seen: dict[str, int] = {}
    listed = list(items)
    descriptions = clean_many(
        [item.get("description") if isinstance(item, Mapping) else None for item in listed]
    )
    for number, (item, description) in enumerate(zip(listed, descriptions, strict=True), start):
        try:
            record = service_record(item, f"{where}, service {number}", description)
        except FeedError as error:
            result.errors.append(str(error))
            continue
        result.entries += 1
        if record.source_id in seen:
            # Pages that overlap, or a service listed twice: the later copy wins, as a later
            # entry is the directory's later edit.
            earlier = result.services[seen[record.source_id]]
            result.notes.append(
                f"{where}, service {number}: id {record.source_id} is listed twice "
                f"({earlier.name!r} and {record.name!r}); the later entry is kept."
            )
            result.services[seen[record.source_id]] = record
            continue
        seen[record.source_id] = len(result.services)
        result.services.append(record)
    return result


def service_record(item: Any, where: str, description: str | None = None) -> ServiceRecord:
    if not isinstance(item, Mapping):
        raise FeedError(f"{where} is {_kind(item)}, not a service (a JSON object).")
    source_id = plain_text(item.get("id"))
    name = plain_text(item.get("name"))
    if not source_id:
        named = f" ({name!r})" if name else ""
        raise FeedError(f"{where}{named} has no id; every service needs one to be updated later.")
    organisation = item.get("organization") or item.get("organisation")
    if not isinstance(organisation, Mapping):
        organisation = {}
    minimum, maximum, eligibility = _eligibility(item)
    terms = _terms(item)
    return ServiceRecord(
        source_id=source_id,
        name=name,
        provider=plain_text(organisation.get("name")),
        provider_id=plain_text(organisation.get("id") or item.get("organization_id")),
        description=clean_html(item.get("description")) if description is None else description,
        url=_web_address(item.get("url")),
        email=plain_text(item.get("email")),
        phone=_phone(item),
        status=plain_text(item.get("status")) or "active",
        audiences=_audiences(item, terms),
        taxonomy=_taxonomy(terms),
        eligibility=eligibility,
        minimum_age=minimum,
        maximum_age=maximum,
        locations=_locations(item),
        classification=_classification(terms),
    )


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a JSON object"
    if isinstance(value, list):
        return "a JSON list"
    if isinstance(value, str):
        return "a text"
    if value is None:
        return "null"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _age(value: Any) -> float | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        age = float(str(value).strip())
    except ValueError:
        return None
    return age if 0 <= age < 130 else None


def _list(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _web_address(value: Any) -> str:
    url = plain_text(value)
    # Only web addresses are kept as links; anything else (javascript:, data:) is dropped.
    return url if url.lower().startswith(("http://", "https://")) else ""


def _phone(item: Mapping[str, Any]) -> str:
    phones = _list(item.get("phones"))
    for contact in _list(item.get("contacts")):
        phones.extend(_list(contact.get("phones")))
    numbers = [plain_text(p.get("number")) for p in phones]
    return next((n for n in numbers if n), "")


def _audiences(item: Mapping[str, Any], terms: list[Mapping[str, Any]]) -> tuple[str, ...]:
    found: list[str] = []
    for entry in _list(item.get("pc_targetAudience")):
        found.append(label(entry.get("audienceType") or entry.get("name")))
    for term in terms:
        vocabulary = plain_text(term.get("vocabulary")).lower()
        if "audience" in vocabulary or "client" in vocabulary:
            found.append(label(term.get("name") or term.get("term")))
    return tuple(dict.fromkeys(a for a in found if a))


def _terms(item: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Taxonomy terms of v1 (`service_taxonomys`) and v3 (`attributes`, `taxonomy_terms`)."""
    if not ("service_taxonomys" in item or "attributes" in item or "taxonomy_terms" in item):
        return []
    terms: list[Mapping[str, Any]] = []
    for link in _list(item.get("service_taxonomys")):
        taxonomy = link.get("taxonomy")
        terms.append(taxonomy if isinstance(taxonomy, Mapping) else link)
    for attribute in _list(item.get("attributes")):
        term = attribute.get("taxonomy_term")
        terms.append(term if isinstance(term, Mapping) else attribute)
    terms.extend(_list(item.get("taxonomy_terms")))
    return terms


def _taxonomy(terms: list[Mapping[str, Any]]) -> tuple[str, ...]:
    names = (label(t.get("name") or t.get("term")) for t in terms if not _ours(t))
    return tuple(dict.fromkeys(n for n in names if n))


def _ours(term: Mapping[str, Any]) -> bool:
    return plain_text(term.get("vocabulary")) == VOCABULARY


def _classification(terms: list[Mapping[str, Any]]) -> Classification:
    """The classification a PAIRsight export wrote as terms of its own vocabulary."""
    if not terms:
        return NOT_CLASSIFIED
    values: dict[str, list[str]] = {}
    for term in terms:
        kind, _, value = plain_text(term.get("id")).partition(":")
        if _ours(term) and value:
            values.setdefault(kind, []).append(value)

    def chosen(kind: str, choices: type[enum.StrEnum]) -> list[Any]:
        known = {member.value for member in choices}
        return [choices(v) for v in values.get(kind, []) if v in known]

    focus = chosen("focus", Focus)
    sector = chosen("sector", Sector)
    return Classification(
        levels=tuple(chosen("level", Level)),
        focus=focus[0] if focus else None,
        stages=tuple(chosen("stage", Stage)),
        sector=sector[0] if sector else None,
    )


def _eligibility(item: Mapping[str, Any]) -> tuple[float | None, float | None, str]:
    """Age range in years and eligibility text, from v3 fields or v1 `eligibilitys`."""
    minimum = _age(item.get("minimum_age"))
    maximum = _age(item.get("maximum_age"))
    texts = [clean_html(item.get("eligibility_description"))]
    for entry in _list(item.get("eligibilitys")) + _list(item.get("eligibility")):
        texts.append(clean_html(entry.get("eligibility")))
        low, high = _age(entry.get("minimum_age")), _age(entry.get("maximum_age"))
        if low is not None:
            minimum = low if minimum is None else min(minimum, low)
        if high is not None:
            maximum = high if maximum is None else max(maximum, high)
    return minimum, maximum, "\n".join(dict.fromkeys(t for t in texts if t))


def _locations(item: Mapping[str, Any]) -> tuple[Location, ...]:
    found: list[Location] = []
    for link in _list(item.get("service_at_locations")):
        place = link.get("location")
        if isinstance(place, Mapping):
            found.append(_location(place))
    for place in _list(item.get("locations")):
        found.append(_location(place))
    return tuple(dict.fromkeys(found))


def _location(place: Mapping[str, Any]) -> Location:
    addresses = (
        _list(place.get("physical_addresses"))
        + _list(place.get("addresses"))
        + _list(place.get("postal_addresses"))
    )
    address = addresses[0] if addresses else {}
    parts = [
        plain_text(address.get(key)) for key in ("address_1", "address_2", "city", "state_province")
    ]
    postcode = plain_text(address.get("postal_code") or address.get("postcode"))
    latitude, longitude = (
        _coordinate(place.get("latitude"), 90),
        _coordinate(place.get("longitude"), 180),
    )
    return Location(
        name=plain_text(place.get("name")),
        address=", ".join(p for p in parts if p),
        postcode=postcode.upper(),
        latitude=latitude if longitude is not None else None,
        longitude=longitude if latitude is not None else None,
    )


def _coordinate(value: Any, limit: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    # Some feeds write 0, 0 for "not known": that is in the sea off Ghana, not in England.
    return number if -limit <= number <= limit and number != 0 else None
