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
    mark_synthetic,
    sniff_headers,
    unique_headers,
)

FORMAT = ExportFormat.SURVEYMONKEY
_KEY = {"respondent id"}
_PERSONAL = {"ip address", "email address", "first name", "last name"}
_METADATA = {"collector id", "start date", "end date", "custom data", "custom data 1"}
_WHOLE_ANSWER = {"response", "open-ended response", ""}
OTHER_SUBLABELS = {"other (please specify)", "other", "other (please specify):"}


def sniff(grid: Grid) -> int:
    first, second = sniff_headers(grid, 2)
    if {"respondent id", "collector id"} <= first:
        return 95
    return 60 if "respondent id" in first and second & {"response", "open-ended response"} else 0


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
        header = f"{label} [{sublabel}]" if sublabel else label
        is_other = sublabel is not None and normalise(sublabel) in OTHER_SUBLABELS
        columns.append(SourceColumn(position, header, label, sublabel, None, role, is_other))
    return Export(FORMAT, grid, mark_synthetic(unique_headers(columns)), body_below(grid, 2))
