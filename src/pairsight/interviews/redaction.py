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
from functools import cache
from importlib import resources


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


@cache
def _word_list(name: str) -> frozenset[str]:
    folder = resources.files("pairsight.interviews") / "data"
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def first_names() -> frozenset[str]:
    return _word_list("first_names.txt") - _word_list("ambiguous_names.txt")


#: Speaker labels that name a role, not a person.
ROLE_LABELS = re.compile(
    r"^(?:interviewer|interviewee|participant|respondent|facilitator|researcher|speaker|"
    r"parent|mum|mother|dad|father|carer|practitioner|manager|midwife|health visitor|"
    r"nurse|gp|note|notes|q|a|i|r|p|\w?\d+|[a-z]{1,3}\s?\d+|unknown|\[[^\]]*\])$",
    re.IGNORECASE,
)
_CAPITALISED = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_SURNAME_PREFIX = r"(?:(?:Mc|Mac|O'|O’)?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)"
_TITLE = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Nurse|Sister|Auntie|Aunty|Uncle)\.?"
    rf"\s+(?:{_CAPITALISED}\s+)?{_SURNAME_PREFIX}"
)
_CUE = re.compile(
    r"\b(?i:called|named|name is|name's|names are|known as|I'm|I am|this is|"
    r"(?:my|her|his|their|our|the)\s+(?:son|daughter|baby|babies|partner|husband|wife|boyfriend|"
    r"girlfriend|ex|mum|mom|mother|dad|father|sister|brother|nan|nana|nanny|gran|grandma|"
    r"grandad|granddad|auntie|aunt|uncle|cousin|friend|neighbour|worker|social worker|"
    r"health visitor|midwife|GP|key worker|support worker|family support worker|"
    r"little one|eldest|youngest|twins?|stepson|stepdaughter|child|children|boy|girl),?|"
    r"(?:spoke|speak|talked|talk|went|go|met|meet|saw|see|phoned|rang|texted|"
    r"emailed|asked|told)\s+(?:to|with)?\s*)\s+"
    rf"(?P<name>{_CAPITALISED}(?:\s+(?:and|&)\s+{_CAPITALISED})?(?:\s+{_SURNAME_PREFIX})?)"
)
_WORD = re.compile(rf"\b{_CAPITALISED}\b")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Capitalised words that follow a first name without being its surname.
_NOT_SURNAMES = _words(
    "I I'm I've I'll I'd And But So The A An Then When If Or Because Yes No Oh Well Okay "
    "OK Mum Dad Was Is "
    "Has Had Would Could Should Will Did Does Said Says Who What Why How Where At On In To "
    "For From With By Of As Is It He She They We You Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September "
    "October November December Christmas NHS Road Street Centre Hospital"
)
_NOT_NAMES = _NOT_SURNAMES | _words(
    "Birmingham England London Health Visitor Midwife Children Family Hub Services Service "
    "Social Care Early Help Sure Start Council Trust Covid Teams Zoom Facebook Whatsapp "
    "WhatsApp Google Instagram TikTok Tesco Asda Primark Home Start Barnardo's"
)


def _names(text: str) -> list[Proposal]:
    found: list[Proposal] = []
    for match in _TITLE.finditer(text):
        found.append(Proposal(Kind.NAME, match.start(), match.end(), match.group()))
    for match in _CUE.finditer(text):
        for part in re.split(r"\s+(?:and|&)\s+", match.group("name")):
            words = part.split()
            if words[0] in _NOT_NAMES:
                continue
            if len(words) > 1 and words[-1] in _NOT_NAMES:
                words = words[:-1]
            start = match.start("name") + match.group("name").index(part)
            value = " ".join(words)
            found.append(Proposal(Kind.NAME, start, start + len(value), value))
    names = first_names()
    for match in _WORD.finditer(text):
        if match.group() not in names:
            continue
        end = match.end()
        after = re.match(rf"\s+({_SURNAME_PREFIX})\b", text[end:])
        if after and after.group(1) not in _NOT_NAMES:
            end += after.end()
        found.append(Proposal(Kind.NAME, match.start(), end, text[match.start() : end]))
    found.extend(_proper_nouns(text))
    found.extend(_speaker_names(text))
    return found


_SUBJECT_VERB = re.compile(
    r"(?:'s\b|\s+(?:was|is|has|had|said|says|rang|came|comes|told|did|does|went|called|"
    r"got|gets|would|could|will|wanted|wants|and|who|used|helped|helps|never|always|just|"
    r"really|referred)\b)"
)
_COMMON_SUBJECTS = _words(
    "It That There This These Those Everything Nothing Nobody Everyone Everybody Someone "
    "Somebody Something Anything Anyone Which What Who He She They We You Life Work Money "
    "Housing Nursery School Lockdown Covid Honestly Basically Obviously Sometimes Often "
    "Usually Now Today Yesterday Tomorrow Last Next First Second Again Also Maybe Actually "
    "Definitely Really Just Even Still Each Every Both Some Most Many Any All One Two Three "
    "Mine Hers His Theirs Ours Yours Here Sorry Thanks Thank Right Sure Great Good Bad Hi "
    "Hello Hey Bye Morning Afternoon Evening Dear"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“(]|\.\.\.)\s*$")
_PROPER_NOUN = re.compile(rf"\b{_CAPITALISED}(?:\s+{_SURNAME_PREFIX})*\b")


def _proper_nouns(text: str) -> list[Proposal]:
    """Capitalised words inside a sentence: in speech written down these are names, places
    and organisations, so all are proposed and the reviewer rejects what is not a person."""
    found = []
    for match in _PROPER_NOUN.finditer(text):
        words = match.group().split()
        if _SENTENCE_START.search(text, max(0, match.start() - 4), match.start()):
            # At the start of a sentence any word is capitalised: "So Leanne" keeps the
            # name after a common word, "Wayne Lewis was" two capitalised words, and
            # "Leanne was" a single word only when it is the subject of a verb.
            if words[0] in _NOT_NAMES or words[0] in _COMMON_SUBJECTS:
                words = words[1:]
            elif len(words) == 1 and not _SUBJECT_VERB.match(text, match.end()):
                continue
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        while words and words[-1] in _NOT_NAMES:
            words = words[:-1]
        if not words:
            continue
        value = " ".join(words)
        start = match.start() + match.group().index(words[0])
        if text[start : start + len(value)] == value:
            found.append(Proposal(Kind.NAME, start, start + len(value), value))
    return found


_LABEL_LINE = re.compile(r"(?m)^(?P<speaker>[^\n:]{1,60}):[ \t]")


def _speaker_names(text: str) -> list[Proposal]:
    """Speaker labels that are people's names (every one of its uses)."""
    found = []
    for match in _LABEL_LINE.finditer(text):
        speaker = match.group("speaker").strip(" *_")
        if ROLE_LABELS.match(speaker) or not re.fullmatch(
            rf"{_CAPITALISED}(?:\s+\S+){{0,3}}", speaker
        ):
            continue
        start = match.start("speaker") + match.group("speaker").index(speaker)
        found.append(Proposal(Kind.NAME, start, start + len(speaker), speaker))
    return found


_DETECTORS = (_emails, _nhs_numbers, _phones, _postcodes, _dates, _addresses, _names)
