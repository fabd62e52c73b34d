"""Proposed redactions of identifying details in a transcript, before anything is stored.

Each detector errs towards proposing: a person reviews every proposal and accepts or
rejects it, and can add their own, so a missed identifier costs more than an extra
proposal. Only the text with the accepted redactions applied is ever stored.

Kinds: names, phone numbers, e-mail addresses, NHS numbers (checksum-validated), postcodes,
full dates (possible dates of birth) and street addresses.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pairsight.interviews.names import name_spans


class Kind(enum.StrEnum):
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    NHS_NUMBER = "nhs_number"
    POSTCODE = "postcode"
    DATE_OF_BIRTH = "date_of_birth"
    ADDRESS = "address"
    OTHER = "other"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Kind.NAME: "Name",
    Kind.PHONE: "Phone number",
    Kind.EMAIL: "E-mail address",
    Kind.NHS_NUMBER: "NHS number",
    Kind.POSTCODE: "Postcode",
    Kind.DATE_OF_BIRTH: "Date (possible date of birth)",
    Kind.ADDRESS: "Address",
    Kind.OTHER: "Other identifying detail",
}

_TOKENS = {
    Kind.NAME: "NAME",
    Kind.PHONE: "PHONE",
    Kind.EMAIL: "EMAIL",
    Kind.NHS_NUMBER: "NHS NUMBER",
    Kind.POSTCODE: "POSTCODE",
    Kind.DATE_OF_BIRTH: "DATE",
    Kind.ADDRESS: "ADDRESS",
    Kind.OTHER: "REDACTED",
}


@dataclass(frozen=True)
class Proposal:
    """A span of the text to redact, what kind of detail it is, and what replaces it."""

    kind: Kind
    start: int
    end: int
    text: str
    replacement: str = ""


def propose(text: str) -> list[Proposal]:
    """Every proposed redaction in `text`, in order, without overlaps, numbered per value.

    Where two detectors claim overlapping text the longer span wins, the more specific kind
    on a tie (an NHS number before a phone number).
    """
    found: list[Proposal] = []
    for detector in _DETECTORS:
        found.extend(detector(text))
    return number(_without_overlaps(found))


def number(proposals: Iterable[Proposal]) -> list[Proposal]:
    """Give each proposal its replacement: `[NAME 1]`, `[NAME 2]` ..., one number per distinct
    value of each kind, so that the redacted text still tells two people apart."""
    seen: dict[tuple[Kind, str], int] = {}
    per_kind: dict[Kind, int] = {}
    numbered = []
    for proposal in sorted(proposals, key=lambda p: p.start):
        key = (proposal.kind, _normalised(proposal.text))
        if key not in seen:
            per_kind[proposal.kind] = per_kind.get(proposal.kind, 0) + 1
            seen[key] = per_kind[proposal.kind]
        token = f"[{_TOKENS[proposal.kind]} {seen[key]}]"
        numbered.append(replace(proposal, replacement=token))
    return numbered


def apply(text: str, accepted: Sequence[Proposal]) -> str:
    """`text` with each accepted proposal replaced. Proposals must not overlap."""
    ordered = sorted(accepted, key=lambda p: p.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise ValueError(
                f"Redactions {before.text!r} and {after.text!r} overlap: keep one of them."
            )
    pieces: list[str] = []
    position = 0
    for proposal in ordered:
        if not 0 <= proposal.start < proposal.end <= len(text):
            raise ValueError(f"Redaction {proposal.start}-{proposal.end} is outside the text.")
        if text[proposal.start : proposal.end] != proposal.text:
            raise ValueError(
                f"Redaction at {proposal.start}: the text there is not {proposal.text!r}."
            )
        pieces.append(text[position : proposal.start])
        pieces.append(proposal.replacement or f"[{_TOKENS[proposal.kind]}]")
        position = proposal.end
    pieces.append(text[position:])
    return "".join(pieces)


def manual(text: str, start: int, end: int, kind: Kind = Kind.OTHER) -> Proposal:
    """A redaction the reviewer adds: the span they chose, checked against the text."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"The span {start}-{end} is not inside the transcript.")
    return Proposal(kind, start, end, text[start:end])


def phrase_redactions(
    text: str, phrases: Iterable[str], taken: Sequence[Proposal] = ()
) -> list[Proposal]:
    """Every occurrence (ignoring case) of each phrase the reviewer typed, except where it
    overlaps a redaction already chosen."""
    found: list[Proposal] = []
    for phrase in {p.strip() for p in phrases if p.strip()}:
        for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
            candidate = Proposal(Kind.OTHER, match.start(), match.end(), match.group())
            if all(candidate.end <= t.start or candidate.start >= t.end for t in [*taken, *found]):
                found.append(candidate)
    return found


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number modulus 11 check: weights 10 to 2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _normalised(text: str) -> str:
    return re.sub(r"[\s\-().]", "", text).lower()


def _without_overlaps(found: list[Proposal]) -> list[Proposal]:
    priority = {kind: index for index, kind in enumerate(Kind)}
    ranked = sorted(found, key=lambda p: (-(p.end - p.start), priority[p.kind], p.start))
    kept: list[Proposal] = []
    for proposal in ranked:
        if all(proposal.end <= k.start or proposal.start >= k.end for k in kept):
            kept.append(proposal)
    return sorted(kept, key=lambda p: p.start)


def _spans(kind: Kind, pattern: re.Pattern[str], text: str, group: str | int = 0) -> list[Proposal]:
    return [
        Proposal(kind, m.start(group), m.end(group), m.group(group))
        for m in pattern.finditer(text)
        if m.group(group)
    ]


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def _emails(text: str) -> list[Proposal]:
    return _spans(Kind.EMAIL, _EMAIL, text)


_TEN_DIGITS = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")


def _nhs_numbers(text: str) -> list[Proposal]:
    return [
        Proposal(Kind.NHS_NUMBER, m.start(), m.end(), m.group())
        for m in _TEN_DIGITS.finditer(text)
        if nhs_number_is_valid("".join(m.groups()))
    ]


_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+44|0044)[ -]?(?:\(0\)[ -]?)?|\(0|0)\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}(?!\d)"
)


def _phones(text: str) -> list[Proposal]:
    found = []
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if digits.startswith("44"):
            digits = "0" + digits[2:].removeprefix("0")
        if len(digits) in (10, 11) and digits.startswith("0"):
            found.append(Proposal(Kind.PHONE, match.start(), match.end(), match.group()))
    return found


_POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}\d{1,2}[A-Z]?|GIR)[ ]?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)


def _postcodes(text: str) -> list[Proposal]:
    found = []
    for match in _POSTCODE.finditer(text):
        value = match.group()
        # Lower-case words like "in2" are not postcodes; a transcribed postcode is either
        # all capitals or all lower case.
        if value.upper() == value or value.lower() == value:
            found.append(Proposal(Kind.POSTCODE, match.start(), match.end(), value))
    return found


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DATES = re.compile(
    rf"(?<![\w/.-])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:{_YEAR}|\d{{2}})(?![\w/])"
    rf"|{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH}\s+(?:the\s+)?{_DAY},?\s+{_YEAR})\b",
    re.IGNORECASE,
)
_BIRTH_CUE = re.compile(r"\b(?:born|birth|birthday|d\.?o\.?b\.?|due)\b", re.IGNORECASE)
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b|\b{_MONTH}\s+(?:the\s+)?{_DAY}\b",
    re.IGNORECASE,
)


def _dates(text: str) -> list[Proposal]:
    found = _spans(Kind.DATE_OF_BIRTH, _DATES, text)
    # A day and month without a year is proposed when a birth is mentioned just before.
    for match in _DAY_MONTH.finditer(text):
        if _BIRTH_CUE.search(text, max(0, match.start() - 60), match.start()):
            found.append(Proposal(Kind.DATE_OF_BIRTH, match.start(), match.end(), match.group()))
    return found


_STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Grove|Place|"
    "Gardens|Court|Terrace|Walk|Hill|Row|Square|Mews|Rise|View|Vale|Croft|Parade|"
    "Boulevard|Gate|Fields|Meadow|Meadows|Wharf|Green|Park|End|Lea|Hall|Heights|Chase"
)
_ADDRESS = re.compile(
    r"(?:(?:Flat|Apartment|Apt|Unit|Room)\s+\d+[A-Za-z]?,?\s+(?:[A-Z][\w'’-]+\s+"
    r"(?:House|Court|Tower|Lodge|Point|Block),?\s+)?)?"
    r"\b\d{1,4}[A-Za-z]?(?:-\d{1,4})?,?\s+(?:[A-Z][\w'’-]+\s+){1,3}"
    rf"(?:{_STREET_TYPES})\b\.?"
)


def _addresses(text: str) -> list[Proposal]:
    return _spans(Kind.ADDRESS, _ADDRESS, text)


def _names(text: str) -> list[Proposal]:
    return [Proposal(Kind.NAME, start, end, words) for start, end, words in name_spans(text)]


_DETECTORS = (_emails, _nhs_numbers, _phones, _postcodes, _dates, _addresses, _names)
