"""SurveyMonkey: two header rows.

Row 1 holds the question, written once above all of its columns; row 2 says what each
column is: "Response" for a one-answer question, the option for each box of a
multiple-choice question (the cell holds the option when ticked), the statement of a
matrix row, or "Other (please specify)".
"""

from __future__ import annotations

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
