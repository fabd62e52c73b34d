"""Which services of a council directory concern conception to age two, and why.

The triage judges what a service is for, from every part of its record: who it is for (the
audience labels, the age range, the eligibility), how the directory files it (taxonomy), and
what its name and description say. Evidence is weighed by where it is found: a baby in the
name or the audience says more than a baby once in a long description of a community hall.
It proposes; the team confirms in the triage screen, and nothing joins the map unconfirmed.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pairsight.servicemap.register import ServiceRecord, Stage


class Verdict(enum.StrEnum):
    PROPOSED = "proposed"
    POSSIBLE = "possible"
    NOT_PROPOSED = "not_proposed"

    @property
    def label(self) -> str:
        return {"proposed": "Proposed", "possible": "Possibly"}.get(self.value, "Not proposed")


@dataclass(frozen=True)
class Concept:
    """A purpose that places a service in conception to two, and the stages it implies."""

    name: str
    pattern: re.Pattern[str]
    stages: tuple[Stage, ...]
    #: Lowercase fragments one of which every match contains: a text with none of them is
    #: passed over without running the pattern (most of a directory never mentions babies).
    triggers: tuple[str, ...] = ()
    #: A place families with young children go, rather than a purpose: it counts as a
    #: mention even in a service's name ("Warm space at the children's centre").
    place: bool = False


def _words(*alternatives: str) -> re.Pattern[str]:
    # Matched against lowercased text: a case-insensitive pattern is several times slower.
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")")


CONCEPTS = (
    Concept(
        "pregnancy and birth",
        _words(
            r"pregnan",
            r"ante-?natal",
            r"pre-?natal",
            r"maternity",
            r"midwi",
            r"expectant",
            r"mums?-to-be",
            r"birth(?!day)",
            r"labour ward",
        ),
        (Stage.ANTENATAL,),
        ("pregnan", "natal", "maternity", "midwi", "expectant", "to-be", "birth", "labour"),
    ),
    Concept(
        "perinatal mental health",
        _words(r"perinatal", r"post-?natal", r"post-?partum", r"after the birth", r"new mums?"),
        (Stage.ANTENATAL, Stage.FIRST_YEAR),
        ("perinatal", "natal", "partum", "after the birth", "new mum"),
    ),
    Concept(
        "babies",
        _words(r"bab(?:y|ies)\b", r"infants?\b", r"new-?borns?", r"neo-?natal"),
        (Stage.FIRST_YEAR, Stage.SECOND_YEAR),
        ("bab", "infant", "born", "natal"),
    ),
    Concept(
        "health visiting",
        _words(r"health visit"),
        (Stage.ANTENATAL, Stage.FIRST_YEAR, Stage.SECOND_YEAR),
        ("health visit",),
    ),
    Concept(
        "infant feeding",
        _words(r"breast-?feed", r"breast ?milk", r"infant feeding", r"bottle-?feed", r"weaning"),
        (Stage.FIRST_YEAR,),
        ("breast", "feeding", "weaning", "bottle"),
    ),
    Concept(
        "parent-infant relationship",
        _words(
            r"parent-infant",
            r"parent infant",
            r"(?:secure|insecure|infant) attachment",
            r"attachment(?:-based| based| focused| difficult| theory)",
            r"bonding",
            r"video interaction guidance",
            r"circle of security",
            r"mellow (?:parenting|bumps|babies)",
            r"solihull approach",
            r"watch,? wait,? (?:and|&) wonder",
            r"infant mental health",
        ),
        (Stage.FIRST_YEAR, Stage.SECOND_YEAR),
        # As narrow as the pattern allows: "parent" alone is in most of a directory.
        (
            "parent-infant",
            "parent infant",
            "attachment",
            "bonding",
            "video interaction",
            "circle of security",
            "mellow",
            "solihull",
            "wonder",
            "infant mental",
        ),  # fmt: skip
    ),
    Concept(
        "toddlers",
        _words(
            r"toddlers?\b", r"tots?\b", r"under[- ]?(?:2|two|3|three)s?\b", r"first 1,?001 days"
        ),
        (Stage.SECOND_YEAR,),
        ("toddler", "tot", "under", "1001", "1,001"),
    ),
    Concept(
        "children's centre or family hub",
        _words(
            r"children[’']?s cent(?:re|er)",
            r"family hubs?",
            r"stay and play",
            r"parent and (?:baby|toddler)",
        ),
        (Stage.FIRST_YEAR, Stage.SECOND_YEAR),
        # "s cent" is in every children's centre, and in far fewer texts than "centre".
        ("s cent", "family hub", "stay and play", "parent and "),
        place=True,
    ),
)

#: Audience labels of adults with no parenthood in view: a service for these only is not
#: about babies however its text reads.
ADULT_ONLY = _words(
    r"older (?:people|adults)",
    r"elderly",
    r"dementia",
    r"retire",
    r"pensioners?",
    r"adults? only",
    r"over[- ]?(?:18|50|55|60|65)s?\b",
    r"18\s*\+",
    r"aged 18 (?:and|or) over",
)
#: Purposes that mention pregnancy without caring for one: preventing or testing for it.
NOT_CARE = _words(r"contracepti", r"pregnancy test", r"sexual health", r"std\b", r"sti\b")
PARENTS = _words(
    r"parents?\b",
    r"carers? of (?:a )?(?:young )?child",
    r"famil(?:y|ies)",
    r"mums?\b",
    r"mothers?\b",
    r"fathers?\b",
    r"dads?\b",
)
#: Ranges like "0-5", "0 to 3 years", "18 months - 3 yrs", "under 5s" that take in under-twos.
_AGE_RANGE = re.compile(
    r"\b(?:aged? )?0?0\s*(?:-|–|to)\s*(\d{1,2})\s*(months?|m\b|yrs?|years?)?"
    r"|\b(\d{1,2})\s*(months?)\s*(?:-|–|to)\s*\d{1,2}\s*(?:yrs?|years?)"
    r"|\bunder[- ]?(\d)s?\b|\bunder[- ]?(five|four|three|two)s?\b",
)
#: What every match of `_AGE_RANGE` holds: a text without it is passed over. A regex, not
#: fragments, so any spacing around the dash ("0 – 2", "0\n-2") is let through as the range is.
_AGE_TRIGGER = re.compile(r"0\s*(?:-|–|to)|nder|month")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}

#: The stages in their order (iterating an enum is slow enough to show in a large feed).
STAGES = tuple(Stage)
PROPOSE_AT = 5
POSSIBLE_AT = 2
MANY_MENTIONS = 3
#: Mentions per word that make a description mostly about conception to two.
DENSE_SHARE = 0.08


@dataclass(frozen=True)
class Proposal:
    service: ServiceRecord
    score: int
    verdict: Verdict
    reasons: tuple[str, ...]
    stages: tuple[Stage, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons) if self.reasons else "nothing about conception to two"


def triage(services: Iterable[ServiceRecord]) -> list[Proposal]:
    return [judge(service) for service in services]


def judge(service: ServiceRecord) -> Proposal:
    score = 0
    reasons: list[str] = []
    stages: set[Stage] = set()
    labels = " | ".join((*service.audiences, *service.taxonomy)).lower()
    name = service.name.lower()
    description = service.description.lower()
    eligibility = service.eligibility.lower()
    found_in_name = _concepts(name)
    found_in_labels = _concepts(labels)
    found_in_text = _concepts(description + "\n" + eligibility if eligibility else description)
    named: set[str] = set()
    for where, found, weight in (
        ("name", found_in_name, 4),
        ("audience or category", found_in_labels, 4),
        ("description", found_in_text, 2),
    ):
        fresh = [c for c in found if c.name not in named]
        named.update(c.name for c in found)
        for concept in fresh:
            stages.update(concept.stages)
        if fresh:
            weight = weight if any(not c.place for c in fresh) else 2
            score += weight + (len(fresh) - 1)
            reasons.append(f"{where}: " + ", ".join(c.name for c in fresh))
    # A description that keeps coming back to pregnancy and babies is about them; one
    # mention in a long list of what a building hosts is not.
    mentions = sum(len(c.pattern.findall(description)) for c in found_in_text)
    words = len(description.split()) if mentions >= 2 else 0
    dense = words > 0 and mentions / words >= DENSE_SHARE
    if mentions >= MANY_MENTIONS or dense:
        score += (mentions >= MANY_MENTIONS) + dense
        reasons.append(f"{mentions} mentions in {words} words of description")
    age_evidence = _age_evidence(service, name + "\n" + description)
    if age_evidence:
        score += 3 if "age range" in age_evidence else 2
        reasons.append(age_evidence)
        stages.update((Stage.FIRST_YEAR, Stage.SECOND_YEAR))
    if PARENTS.search(labels) or PARENTS.search(name):
        score += 1
        reasons.append("for parents or families")
    adult = _adult_only(service, eligibility)
    if adult:
        score -= 5
        reasons.append(adult)
    only_pregnancy = named <= {"pregnancy and birth"}
    if (
        named
        and only_pregnancy
        and not found_in_name
        and not found_in_labels
        and NOT_CARE.search(name + "\n" + description)
    ):
        score -= 2
        reasons.append("pregnancy mentioned as sexual health or testing, not care")
    if service.status.lower() not in {"active", ""}:
        score -= 5
        reasons.append(f"status {service.status}")
    verdict = (
        Verdict.PROPOSED
        if score >= PROPOSE_AT
        else Verdict.POSSIBLE
        if score >= POSSIBLE_AT
        else Verdict.NOT_PROPOSED
    )
    ordered = tuple(s for s in STAGES if s in stages)
    return Proposal(service, score, verdict, tuple(reasons), ordered)


def _concepts(text: str) -> list[Concept]:
    if not text:
        return []
    found = []
    for concept in CONCEPTS:
        for trigger in concept.triggers:
            if trigger in text:
                if concept.pattern.search(text):
                    found.append(concept)
                break
    return found


def _age_evidence(service: ServiceRecord, text: str) -> str:
    """`text` is the service's name and description, lowercased."""
    low, high = service.minimum_age, service.maximum_age
    if low is not None or high is not None:
        if (low or 0) < 2 and (high is None or high >= 0) and (high is None or high <= 25):
            shown = f"{low or 0:g} to {high:g}" if high is not None else f"from {low or 0:g}"
            return f"age range {shown} years takes in under-twos"
        return ""
    if _AGE_TRIGGER.search(text) is None:
        return ""
    for match in _AGE_RANGE.finditer(text):
        upper, unit, months, _, under, under_word = match.groups()
        if months:
            months_low = int(match.group(3))
            if months_low < 24:
                return f"ages from {months_low} months ({' '.join(match.group(0).split())})"
            continue
        if upper:
            top = int(upper) / (12 if unit and unit.lower().startswith("m") else 1)
            # 0-18 and wider are "children and young people", not a service for babies.
            if 1 <= top <= 5:
                shown = " ".join(match.group(0).split())
                return shown if shown.startswith("age") else f"ages {shown}"
            continue
        limit = int(under) if under else _NUMBER_WORDS[under_word.lower()]
        if limit <= 5:
            return f"for children {' '.join(match.group(0).split())}"
    return ""


def _adult_only(service: ServiceRecord, eligibility: str) -> str:
    if service.minimum_age is not None and service.minimum_age >= 16:
        return f"for ages {service.minimum_age:g} and over"
    adult = [a for a in service.audiences if ADULT_ONLY.search(a.lower())]
    if adult and not any(PARENTS.search(a.lower()) for a in service.audiences):
        return "for adults: " + ", ".join(adult)
    if ADULT_ONLY.search(eligibility):
        return "eligibility: adults only"
    return ""
