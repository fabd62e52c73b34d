"""Microsoft Forms: an Excel workbook with ID, Start time, Completion time, Email, Name.

Then one column per question (a Likert question gives one column per statement); a
multiple-choice answer is its options joined with ";" and ending with ";", and an "Other"
answer is the text the person typed. Quizzes add points and feedback columns.
"""

from __future__ import annotations

import re

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

FORMAT = ExportFormat.MICROSOFT_FORMS
_KEY = {"id"}
_PERSONAL = {"email", "name"}
_METADATA = {"start time", "completion time", "last modified time", "total points", "quiz feedback"}
_QUIZ = re.compile(r"^(points|feedback) - ")


def sniff(grid: Grid) -> int:
    (first,) = sniff_headers(grid)
    if {"id", "start time", "completion time"} <= first:
        return 90
    return 40 if "id" in first and ("start time" in first or "completion time" in first) else 0


def parse(grid: Grid) -> Export:
    headers = grid.header_row(0)
    columns = [
        SourceColumn(
            position,
            header.strip(),
            header.strip(),
            role=classify(
                position,
                header,
                key=_KEY,
                personal=_PERSONAL,
                metadata=_METADATA,
                metadata_pattern=_QUIZ,
            ),
        )
        for position, header in enumerate(headers)
    ]
    columns = mark_synthetic(unique_headers(columns))
    return Export(FORMAT, grid, columns, body_below(grid, 1), separator=";")
