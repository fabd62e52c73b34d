"""Any spreadsheet or CSV: the first row holds the questions, each row below a response.

An "ID" or "Response ID" column is used as the response key when there is one; otherwise
each response is keyed by a hash of its row, so that importing the same file twice still
finds the responses it already has.
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

FORMAT = ExportFormat.PLAIN
_PART = re.compile(r"^(.+?)\s*\[([^\]]+)\]$", re.DOTALL)
_OTHER = {"other", "other (please specify)", "other, please specify"}
_KEY = {"id", "response id", "respondent id", "response number", "respondent"}
_METADATA = {
    "timestamp",
    "start time",
    "end time",
    "completion time",
    "submitted",
    "date submitted",
    "submission date",
}


def sniff(grid: Grid) -> int:
    return 1  # the fallback: every grid with a header row is a plain export


def parse(grid: Grid) -> Export:
    columns = []
    for position, header in enumerate(grid.header_row(0)):
        header = header.strip()
        # "Question [Statement]": one statement, option or item of a question per column.
        part = _PART.match(header)
        label, sublabel = (part.group(1).strip(), part.group(2).strip()) if part else (header, None)
        role = classify(position, header, key=_KEY, personal=set(), metadata=_METADATA)
        if role == "answer" and sublabel and is_personal(sublabel):
            role = "personal"
        is_other = sublabel is not None and normalise(sublabel) in _OTHER
        columns.append(SourceColumn(position, header, label, sublabel, None, role, is_other))
    return Export(FORMAT, grid, mark_synthetic(unique_headers(columns)), body_below(grid, 1))
