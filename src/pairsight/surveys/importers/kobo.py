"""KoboToolbox: `group/question` headers (XML names) or labels, and `_uuid`, `_id` etc.

A select_multiple answer is its options' names joined with spaces; Kobo also adds one
`group/question/option` column of 1/0 per option, which repeats the same answer and is
set aside here so that nobody's choice is counted twice.

Kobo writes a second header row of HXL hashtags (`#symmetry`, `#loc+name`) when the form
tags its questions, and splits a geopoint `where` into `_where_latitude`, `_where_longitude`,
`_where_altitude` and `_where_precision` beside it.
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
#: One HXL hashtag with its attributes: `#indicator+diet`.
_HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\s*\+[a-z][a-z0-9_]*)*$")


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
    if hits >= 2:
        return 95
    return 90 if _split_geopoints(first) else 40 * hits


def _split_geopoints(headers: set[str]) -> bool:
    """A geopoint beside the four parts Kobo splits it into (an export without `_id`...)."""
    return any(
        {f"_{h}_{part}" for part in ("latitude", "longitude", "altitude", "precision")} <= headers
        for h in headers
        if h and not h.startswith("_")
    )


def _parts_of(header: str, headers: set[str]) -> set[str]:
    return {h for h in headers if h.startswith(f"_{normalise(header)}_")}


def has_hxl_row(grid: Grid) -> bool:
    """Whether the row under the headings holds HXL hashtags, not an answer."""
    cells = [normalise(c) for c in grid.header_row(1)]
    tags = [c for c in cells if c]
    return bool(tags) and all(_HXL_TAG.match(c) for c in tags)


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
        if role == "answer" and _split_geopoints({normalise(header)} | _parts_of(header, joined)):
            role = "personal"  # the geopoint itself: where someone was
        name = path[-1]
        parent = "/".join(path[:-1])
        if role == "answer" and len(path) > 1 and normalise(parent) in joined:
            # group/question/option beside group/question: the same answer again.
            role = "metadata"
        label = name.replace("_", " ") if "/" in header or " " not in header else header
        base = normalise(name).removesuffix("_other")
        is_other = normalise(name).endswith("_other") and base in names
        columns.append(SourceColumn(position, header, label, None, name, role, is_other))
    header_rows = 2 if has_hxl_row(grid) else 1
    return Export(
        FORMAT,
        grid,
        mark_synthetic(unique_headers(columns)),
        body_below(grid, header_rows),
        separator=" ",
    )
