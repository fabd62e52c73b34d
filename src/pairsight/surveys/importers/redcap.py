"""REDCap: record_id first, one column per field, `field___N` for each checkbox option.

The raw export writes variable names and option codes (1, 2, 3... by default) with 1/0 in
checkbox columns; the labels export writes field labels, "Label (choice=Option)" for a
checkbox column with Checked/Unchecked in it, and option labels as answers.
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
    mark_synthetic,
    sniff_headers,
    unique_headers,
)

FORMAT = ExportFormat.REDCAP
_KEY = {"record_id", "record id"}
_PERSONAL = {"redcap_survey_identifier", "survey identifier"}
_METADATA = {
    "redcap_event_name",
    "event name",
    "redcap_repeat_instrument",
    "redcap_repeat_instance",
}
_METADATA_PATTERN = re.compile(r"(_timestamp|_complete|survey timestamp|complete\?)$")
_CHECKBOX = re.compile(r"^(?P<field>[a-z][a-z0-9_]*?)___(?P<code>[A-Za-z0-9_-]+)$")
_SPECIFY = re.compile(r"\bplease specify\b|\bif other\b", re.IGNORECASE)
_CHOICE_LABEL = re.compile(r"^(?P<label>.*?)\s*\(choice=(?P<option>.*)\)$", re.DOTALL)


def sniff(grid: Grid) -> int:
    first = sniff_headers(grid)[0]
    score = 60 if first & _KEY else 0
    if any(_CHECKBOX.match(h) or "(choice=" in h for h in first):
        score += 35
    if any(_METADATA_PATTERN.search(h) for h in first) or first & _PERSONAL:
        score += 30
    return min(score, 95)


def parse(grid: Grid) -> Export:
    columns = []
    for position, header in enumerate(grid.header_row(0)):
        header = header.strip()
        code, label, sublabel = None, header, None
        checkbox = _CHECKBOX.match(header)
        choice = _CHOICE_LABEL.match(header)
        if checkbox:
            code, label, sublabel = (
                checkbox.group("field"),
                checkbox.group("field"),
                checkbox.group("code"),
            )
        elif choice:
            label, sublabel = choice.group("label").strip(), choice.group("option").strip()
        elif re.fullmatch(r"[a-z][a-z0-9_]*", header):
            code = header
        role = classify(
            position,
            header,
            key=_KEY,
            personal=_PERSONAL,
            metadata=_METADATA,
            metadata_pattern=_METADATA_PATTERN,
        )
        if position == 0 and role == "answer" and code is not None:
            # A REDCap export always starts with the project's record ID field, whatever
            # the project named it (participant_id, study_id).
            role = "key"
        is_other = sublabel is None and (
            (code is not None and normalise(code).endswith("_other"))
            or (code is None and bool(_SPECIFY.search(header)))
        )
        columns.append(SourceColumn(position, header, label, sublabel, code, role, is_other))
    return Export(
        FORMAT,
        grid,
        mark_synthetic(unique_headers(columns)),
        body_below(grid, 1),
        position_codes=("{n}",),
    )
