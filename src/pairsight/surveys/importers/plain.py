"""Any spreadsheet or CSV: the first row holds the questions, each row below a response.

An "ID" or "Response ID" column is used as the response key when there is one; otherwise
each response is keyed by a hash of its row, so that importing the same file twice still
finds the responses it already has.
"""

from __future__ import annotations

from pairsight.surveys.importers.export import (
    Export,
    ExportFormat,
    Grid,
    SourceColumn,
    body_below,
    classify,
    mark_synthetic,
    unique_headers,
)

FORMAT = ExportFormat.PLAIN
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
    columns = [
        SourceColumn(
            position,
            header.strip(),
            header.strip(),
            role=classify(position, header, key=_KEY, personal=set(), metadata=_METADATA),
        )
        for position, header in enumerate(grid.header_row(0))
    ]
    return Export(FORMAT, grid, mark_synthetic(unique_headers(columns)), body_below(grid, 1))
