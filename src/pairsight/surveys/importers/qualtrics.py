"""Qualtrics: three header rows.

Row 1 holds the variable names (Q1, Q3_2, Q4_5_TEXT), row 2 the question text ("Question -
Statement" for a matrix or ranking row; exports of 2016-17 write "Question-Statement"), row 3
the ImportId JSON (`{"ImportId":"QID1"}`, or `{'ImportId': 'QID1'}` in exports of 2016-17).
A multiple-choice answer is its options joined with ","; "_TEXT" columns hold what was typed
in an "Other" box.
Exports with numeric values write option numbers instead of labels.

Legacy exports (before 2017) have two header rows: `V1 … Vn` for the bookkeeping columns
with their names (ResponseID, IPAddress, StartDate …) in row 2, then Q1, Q2_1 … with the
question text in row 2, and LocationLatitude/LocationLongitude/LocationAccuracy last.
"""

from __future__ import annotations

import os
import re

from pairsight.surveys.answer_text import normalise
from pairsight.surveys.importers.export import (
    Export,
    ExportFormat,
    Grid,
    SourceColumn,
    body_below,
    classify,
    mark_synthetic,
    sniff_headers,
    unique_headers,
)

FORMAT = ExportFormat.QUALTRICS
_KEY = {"responseid", "response id"}
_PERSONAL = {
    "ipaddress",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "locationaccuracy",
    "emailaddress",
    "name",
}
_METADATA = {
    "startdate",
    "enddate",
    "status",
    "progress",
    "duration (in seconds)",
    "finished",
    "recordeddate",
    "distributionchannel",
    "userlanguage",
    "q_recaptchascore",
    "q_relevantidduplicate",
    "responseset",
}
_LEGACY_CODE = re.compile(r"^V\d+$")
_SUBQUESTION = re.compile(r"^(?P<base>.+?)_(?P<sub>\d+)(?P<text>_TEXT)?$")
_IMPORT_ID = re.compile(r"""^\{\s*["']ImportId["']\s*:""")


def _is_import_id_row(cells: list[str]) -> bool:
    return any(_IMPORT_ID.match(cell) for cell in cells)


def _shared_question(codes: list[str], texts: list[str]) -> dict[str, str]:
    """The question of each variable (Q2 of Q2_1, Q2_2...) whose columns' text has no " - ".

    Older exports join question and statement with a bare "-", and a question's text may
    hold hyphens itself, so the question is what every column of the variable shares up to
    a "-"; the statement is the rest.
    """
    siblings: dict[str, list[str]] = {}
    for code, text in zip(codes, texts, strict=False):
        match = _SUBQUESTION.match(code)
        if match and not match.group("text") and " - " not in text:
            siblings.setdefault(match.group("base"), []).append(text)
    questions: dict[str, str] = {}
    for base, statements in siblings.items():
        cut = os.path.commonprefix(statements).rfind("-")
        if len(statements) >= 2 and cut > 0 and all(len(t) > cut + 1 for t in statements):
            questions[base] = statements[0][:cut].strip()
    return questions


def _legacy(grid: Grid) -> bool:
    codes = [c for c in grid.header_row(0) if c.strip()]
    named = {normalise(t) for t in grid.header_row(1)}
    return (
        len(codes) >= 2
        and _LEGACY_CODE.match(codes[0]) is not None
        and _LEGACY_CODE.match(codes[1]) is not None
        and bool(named & _KEY)
    )


def sniff(grid: Grid) -> int:
    if _legacy(grid):
        return 95
    first = sniff_headers(grid)[0]
    third = grid.header_row(2)
    if _KEY & first and _is_import_id_row(third):
        return 95
    return 50 if {"startdate", "enddate", "responseid"} <= first else 0


def parse(grid: Grid) -> Export:
    codes = grid.header_row(0)
    texts = grid.header_row(1) + [""] * len(codes)
    import_ids = grid.header_row(2)
    header_rows = 3 if _is_import_id_row(import_ids) else 2
    legacy = _legacy(grid)
    shared = _shared_question(codes, [t.strip() for t in texts])
    columns = []
    for position, code in enumerate(codes):
        text = texts[position].strip() or code
        if legacy and (_LEGACY_CODE.match(code) or normalise(code) == normalise(text)):
            code = text  # V7 is "Status"; the name in row 2 says what the column is
        role = classify(position, code, key=_KEY, personal=_PERSONAL, metadata=_METADATA)
        if normalise(code).endswith(" - topics"):
            role = "metadata"  # Text iQ's topics for a text answer: Qualtrics' own coding
        label, sublabel = text, None
        is_other = code.upper().endswith("_TEXT")
        match = _SUBQUESTION.match(code)
        if match and " - " in text and not is_other:
            label, sublabel = (part.strip() for part in text.rsplit(" - ", 1))
        elif match and match.group("base") in shared and not is_other:
            label = shared[match.group("base")]
            sublabel = text[len(label) :].strip().removeprefix("-").strip()
        elif is_other and match and match.group("base") in shared:
            label, sublabel = shared[match.group("base")], "Other (please specify)"
        elif is_other:
            label = text.split(" - ")[0].strip()
            sublabel = "Other (please specify)"
        columns.append(SourceColumn(position, text, label, sublabel, code, role, is_other))
    return Export(
        FORMAT,
        grid,
        mark_synthetic(unique_headers(columns)),
        body_below(grid, header_rows),
        separator=",",
        position_codes=("{n}",),
        notes=[] if header_rows == 3 or legacy else ["Qualtrics export without its ImportId row."],
    )
