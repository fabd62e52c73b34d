"""LimeSurvey: one header row of question codes, or of question text, or both.

Subquestions are written `Q2[SQ001]` (codes) or "Question text [Subquestion]" (text), or
"Q2[SQ001]. Question text [Subquestion]" (both). A multiple-choice box holds "Y" when
ticked; `[other]` holds the "Other" text. Exports of answer codes write A1, A2... or
AO01, AO02... for the options.

LimeSurvey adds its own columns beside the answers: timings ("Total time", "Group time:
Name", "Question time: code", or `interviewtime`, `groupTime12`, `Q1Time` as codes), the
values of Expression Manager equations (a heading that is the expression itself,
`{if(age.NAOK > 65, 1, 0)}`), and the number of files of an upload ("filecount - Question").
"""

from __future__ import annotations

import re

from pairsight.surveys.answer_text import normalise
from pairsight.surveys.importers.export import (
    Export,
    ExportFormat,
    Grid,
    SourceColumn,
    body_below,
    classify,
    is_personal,
    mark_synthetic,
    unique_headers,
)

FORMAT = ExportFormat.LIMESURVEY
#: The response ID as the export's heading language writes it ("Antwort ID" in German).
_KEY = {"id", "response id", "antwort id"}
#: Who answered and from where: the participant's access code (a token) and what the
#: participant list holds about them, the IP address and the page they came from.
_PERSONAL = {
    "ipaddr",
    "ip address",
    "ip-adresse",
    "token",
    "access code",
    "zugangsschlüssel",
    "email",
    "email address",
    "firstname",
    "first name",
    "lastname",
    "last name",
    "refurl",
    "referrer url",
    "referrer-url",
}
_ATTRIBUTE = re.compile(r"^attribute_\d+$")
_METADATA = {
    "submitdate",
    "date submitted",
    "lastpage",
    "last page",
    "startlanguage",
    "start language",
    "seed",
    "startdate",
    "date started",
    "datestamp",
    "date last action",
    "interviewtime",
    "total time",
}
#: The tool's own columns, whatever the question: timings, equations and upload counts.
_OWN_COLUMN = re.compile(
    r"^((group|question) time: |grouptime\d+$|filecount - |\{.*\}$)", re.DOTALL
)
_CODED = re.compile(
    r"^(?P<code>[A-Za-z][A-Za-z0-9_]*)(?:\[(?P<sub>[^\]]+)\])?(?:\.\s*(?P<text>.*))?$"
)
_TRAILING_SUB = re.compile(r"^(?P<text>.*?)\s*\[(?P<sub>[^\]]+)\]$", re.DOTALL)
_SIGNATURE = {
    "submitdate",
    "lastpage",
    "startlanguage",
    "date submitted",
    "last page",
    "start language",
}


_OTHER = {"other", "comment", "sonstiges", "kommentar"}


def sniff(grid: Grid) -> int:
    headings = grid.header_row(0)
    first = {normalise(_split(h)[0] or h) for h in headings if h}
    hits = len(first & _SIGNATURE)
    if hits >= 2 and first & _KEY:
        return 90
    if hits == 0 and headings and normalise(headings[0]) in _KEY - {"id"}:
        # Dates and pages left out of the export: the response ID first, then questions
        # split into "Question [Subquestion]" columns.
        split = sum(_split(h)[2] is not None for h in headings)
        return 60 if split >= 2 else 0
    return 30 * hits if first & _KEY else 0


def parse(grid: Grid) -> Export:
    columns = []
    for position, header in enumerate(grid.header_row(0)):
        header = header.strip()
        code, label, sublabel = _split(header)
        name = code if code else header
        role = classify(position, name, key=_KEY, personal=_PERSONAL, metadata=_METADATA)
        if _ATTRIBUTE.match(normalise(name)) or (role == "answer" and is_personal(sublabel or "")):
            role = "personal"  # the participant list's attributes; "[Email]" of a text array
        elif role == "answer" and (
            normalise(header) in _METADATA | _KEY or _OWN_COLUMN.match(normalise(header))
        ):
            role = "metadata"
        is_other = sublabel is not None and normalise(sublabel) in _OTHER
        if is_other:
            sublabel = "Other (please specify)"
        columns.append(SourceColumn(position, header, label, sublabel, code, role, is_other))
    return Export(
        FORMAT,
        grid,
        mark_synthetic(unique_headers(columns)),
        body_below(grid, 1),
        position_codes=("A{n}", "AO{n:02d}", "{n}"),
    )


def _split(header: str) -> tuple[str | None, str, str | None]:
    """(code, question text, subquestion) of a LimeSurvey heading."""
    coded = _CODED.match(header)
    if coded and (coded.group("sub") or coded.group("text") is not None or " " not in header):
        text = (coded.group("text") or "").strip()
        sub_text = None
        trailing = _TRAILING_SUB.match(text) if text else None
        if trailing:
            text, sub_text = trailing.group("text").strip(), trailing.group("sub").strip()
        sub = sub_text or coded.group("sub")
        return coded.group("code"), text or coded.group("code"), sub
    trailing = _TRAILING_SUB.match(header)
    if trailing:
        return None, trailing.group("text").strip(), trailing.group("sub").strip()
    return None, header, None
