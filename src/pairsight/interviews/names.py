"""Finding people's names in interview text, for redaction: speaker labels, titles and
cues ("my daughter Aisha"), known first names, and capitalised words that are not at the
start of a sentence nor among words known not to be names.

Pure: returns spans (start, end, words); `redaction` turns them into proposals.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

#: Where a name is in the text: (start, end, the words).
Span = tuple[int, int, str]


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


def name_spans(text: str) -> list[Span]:
    found: list[Span] = []
    for match in _TITLE.finditer(text):
        found.append((match.start(), match.end(), match.group()))
    for match in _CUE.finditer(text):
        for part in re.split(r"\s+(?:and|&)\s+", match.group("name")):
            words = part.split()
            if words[0] in _NOT_NAMES:
                continue
            if len(words) > 1 and words[-1] in _NOT_NAMES:
                words = words[:-1]
            start = match.start("name") + match.group("name").index(part)
            value = " ".join(words)
            found.append((start, start + len(value), value))
    names = first_names()
    for match in _WORD.finditer(text):
        if match.group() not in names:
            continue
        end = match.end()
        after = re.match(rf"\s+({_SURNAME_PREFIX})\b", text[end:])
        if after and after.group(1) not in _NOT_NAMES:
            end += after.end()
        found.append((match.start(), end, text[match.start() : end]))
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


def _proper_nouns(text: str) -> list[Span]:
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
            found.append((start, start + len(value), value))
    return found


_LABEL_LINE = re.compile(r"(?m)^(?P<speaker>[^\n:]{1,60}):[ \t]")


def _speaker_names(text: str) -> list[Span]:
    """Speaker labels that are people's names (every one of its uses)."""
    found = []
    for match in _LABEL_LINE.finditer(text):
        speaker = match.group("speaker").strip(" *_")
        if ROLE_LABELS.match(speaker) or not re.fullmatch(
            rf"{_CAPITALISED}(?:\s+\S+){{0,3}}", speaker
        ):
            continue
        start = match.start("speaker") + match.group("speaker").index(speaker)
        found.append((start, start + len(speaker), speaker))
    return found
