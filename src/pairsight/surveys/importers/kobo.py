"""KoboToolbox: `group/question` headers (XML names) or labels, and `_uuid`, `_id` etc.

A select_multiple answer is its options' names joined with spaces; Kobo also adds one
`group/question/option` column of 1/0 per option, which repeats the same answer and is
set aside here so that nobody's choice is counted twice.
"""

from __future__ import annotations

import re

from pairsight.surveys.answer_text import normalise
from pairsight.surveys.importers.export import (
    Export,
    ExportFormat,
    Grid,
    Role,
    SourceColumn,
    body_below,
    classify,
    mark_synthetic,
    sniff_headers,
    unique_headers,
)

FORMAT = ExportFormat.KOBO
_KEY = {"_uuid", "meta/instanceid"}
_PERSONAL = {
    "_submitted_by",
    "username",
    "phonenumber",
    "deviceid",
    "simserial",
    "subscriberid",
    "_geolocation",
    "_attachments",
}
_METADATA = {
    "start", "end", "today", "audit", "_id", "_submission_time", "_validation_status",
    "_notes", "_status", "_tags", "_index", "__version__", "formhub/uuid", "_xform_id_string",
    "meta/rootuuid", "meta/deprecatedid",
}  # fmt: skip
_SIGNATURE = {"_uuid", "_submission_time", "_id", "_validation_status", "__version__", "_index",
              "_submitted_by", "_parent_index", "_parent_table_name"}  # fmt: skip


#: Kobo's own columns written without their `meta/` group.
_OWN_NAMES = {"instanceid", "instancename", "deprecatedid", "rootuuid", "__version__"}
#: The parts Kobo splits a geopoint into: where someone was, so personal.
_GPS_PART = re.compile(r"^_.+_(latitude|longitude|altitude|precision)$")


def _own_column(name: str) -> Role:
    """Kobo names its own columns with a leading underscore (`_id`, `_parent_index`,
    `_tags`); a form's questions cannot start with one."""
    name = normalise(name)
    if _GPS_PART.match(name):
        return "personal"
    if name.startswith("_") or name in _OWN_NAMES:
        return "metadata"
    return "answer"


def sniff(grid: Grid) -> int:
    first = sniff_headers(grid)[0]
    hits = len(first & _SIGNATURE)
    return 95 if hits >= 2 else 40 * hits


def parse(grid: Grid) -> Export:
    headers = [h.strip() for h in grid.header_row(0)]
    joined = {normalise(h) for h in headers}
    names = {normalise(h.split("/")[-1]) for h in headers}
    columns = []
    for position, header in enumerate(headers):
        path = header.split("/")
        role = classify(position, header, key=_KEY, personal=_PERSONAL, metadata=_METADATA)
        if role == "answer":
            role = _own_column(path[-1])
        name = path[-1]
        parent = "/".join(path[:-1])
        if role == "answer" and len(path) > 1 and normalise(parent) in joined:
            # group/question/option beside group/question: the same answer again.
            role = "metadata"
        label = name.replace("_", " ") if "/" in header or " " not in header else header
        base = normalise(name).removesuffix("_other")
        is_other = normalise(name).endswith("_other") and base in names
        columns.append(SourceColumn(position, header, label, None, name, role, is_other))
    return Export(
        FORMAT, grid, mark_synthetic(unique_headers(columns)), body_below(grid, 1), separator=" "
    )
