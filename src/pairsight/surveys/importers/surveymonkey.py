"""SurveyMonkey: two header rows.

Row 1 holds the question, written once above all of its columns; row 2 says what each
column is: "Response" for a one-answer question, the option for each box of a
multiple-choice question (the cell holds the option when ticked), the statement of a
matrix row, or "Other (please specify)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from pairsight.surveys.answer_text import normalise
from pairsight.surveys.importers.answers import CHECKED
from pairsight.surveys.importers.export import (
    Export,
    ExportFormat,
    Grid,
    SourceColumn,
    body_below,
    cell_text,
    classify,
    is_personal,
    mark_synthetic,
    sniff_headers,
    unique_headers,
)

FORMAT = ExportFormat.SURVEYMONKEY
# Older exports write the bookkeeping headings without spaces ("RespondentID", "LastName").
_KEY = {"respondent id", "respondentid"}
_PERSONAL = {"ip address", "ipaddress", "email address", "emailaddress", "first name",
             "firstname", "last name", "lastname"}  # fmt: skip
_METADATA = {"collector id", "collectorid", "start date", "startdate", "end date", "enddate",
             "custom data", "customdata", "custom data 1"}  # fmt: skip
_WHOLE_ANSWER = {"response", "open-ended response", ""}
_SECOND_ROW = {"response", "open-ended response"}
OTHER_SUBLABELS = {"other (please specify)", "other", "other (please specify):"}
#: A question that asks for one answer: "(select one)", "choose one option", "tick one box".
_ASKS_FOR_ONE = re.compile(
    r"\b(select|choose|tick|pick|mark|circle) (only )?one\b|\b(one|single) answer( only)?\b"
)
_EVERYONE_ONCE = 10


def sniff(grid: Grid) -> int:
    first, second = sniff_headers(grid, 2)
    if first & _KEY and first & {"collector id", "collectorid"}:
        return 95
    # No ID column (exports of some plans, or with the columns removed): the second header
    # row is the signature, "Response" and "Open-Ended Response" under the questions.
    marks = sum(normalise(h) in _SECOND_ROW for h in grid.header_row(1))
    if marks and (first & _KEY or first & (_METADATA | _PERSONAL)):
        return 90
    gaps = sum(not h.strip() for h in grid.header_row(0))
    if first & _KEY and gaps and _labels_under_gaps(grid):
        return 90  # only multiple-choice questions: their options under the blank headings
    return 85 if marks >= 2 or (marks and gaps) else 0


def parse(grid: Grid) -> Export:
    questions = grid.header_row(0)
    parts = grid.header_row(1)
    parts += [""] * (len(questions) - len(parts))
    columns = []
    label = ""
    for position, (top, part) in enumerate(zip(questions, parts, strict=False)):
        if top.strip():
            label = top.strip()
        role = classify(position, label, key=_KEY, personal=_PERSONAL, metadata=_METADATA)
        sublabel = None if normalise(part) in _WHOLE_ANSWER else part.strip()
        if role == "answer" and sublabel and is_personal(sublabel):
            role = "personal"  # a line of a contact-details question: "Email Address"
        header = f"{label} [{sublabel}]" if sublabel else label
        is_other = sublabel is not None and normalise(sublabel) in OTHER_SUBLABELS
        columns.append(SourceColumn(position, header, label, sublabel, None, role, is_other))
    return Export(FORMAT, grid, mark_synthetic(unique_headers(columns)), body_below(grid, 2))


def _labels_under_gaps(grid: Grid) -> bool:
    """Every blank heading of row 1 after a question has an option written under it."""
    top, second = grid.header_row(0), grid.header_row(1)
    second += [""] * (len(top) - len(second))
    started = False
    for heading, part in zip(top, second, strict=False):
        started = started or bool(heading.strip()) and bool(part.strip())
        if started and not heading.strip() and not part.strip():
            return False
    return started


def one_answer_spread(export: Export, group: list[SourceColumn], parts: Sequence[str]) -> bool:
    """Option columns of a one-answer question. Only SurveyMonkey spreads those (older
    "expanded" exports, one column per option, the option in the cell): nobody fills two of
    them, and the question says to choose one or everyone (ten or more) filled exactly one."""
    if export.format is not FORMAT:
        return False
    block = export.body[[c.position for c in group]].map(lambda v: normalise(cell_text(v)))
    marks = pd.concat(
        [
            block[c.position].isin(CHECKED) | (block[c.position] == normalise(p))
            for c, p in zip(group, parts, strict=True)
        ],
        axis=1,
    )
    ticked: pd.Series[int] = marks.sum(axis=1)
    if len(block) < 2 or int(ticked.max()) > 1:
        return False
    if _ASKS_FOR_ONE.search(normalise(group[0].label)):
        return True
    # A handful of rows with one tick each says little: a sparse tick-all-that-apply
    # question looks the same. Ten respondents all giving exactly one answer says more.
    return len(block) >= _EVERYONE_ONCE and bool((ticked == 1).all())
