"""Services from a spreadsheet (CSV or XLSX) in the layout of the downloadable template.

The template's columns are the export's (`exports.COLUMNS`), so an exported register can be
edited and brought back. Every problem names its row and column; one problem anywhere means
nothing from the file is used.
"""

from __future__ import annotations

import csv
import enum
import io
import logging
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pairsight.servicemap.exports import COLUMNS
from pairsight.servicemap.oruk import FeedError, FeedRead
from pairsight.servicemap.register import (
    FOCUS_SHORT_LABELS,
    Classification,
    Focus,
    Level,
    Location,
    Referral,
    Sector,
    ServiceRecord,
    Stage,
)
from pairsight.servicemap.text import plain_text

logger = logging.getLogger(__name__)

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
REQUIRED = ("Name",)


def template_csv() -> str:
    return ",".join(COLUMNS) + "\r\n"


def read_spreadsheet(content: bytes, file_name: str) -> FeedRead:
    if len(content) > MAX_BYTES:
        raise FeedError(f"{file_name} is larger than {MAX_BYTES // 1024 // 1024} MB.")
    rows = (
        _xlsx_rows(content, file_name)
        if file_name.lower().endswith(".xlsx")
        else _csv_rows(content, file_name)
    )
    if not rows:
        raise FeedError(f"{file_name} is empty: the first row should hold the column headings.")
    headers = [plain_text(h) for h in rows[0]]
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise FeedError(
            f"{file_name}: no column {missing[0]!r} in the first row. Download the template "
            "and keep its headings."
        )
    if len(rows) - 1 > MAX_ROWS:
        raise FeedError(
            f"{file_name} has {len(rows) - 1} rows; the most PAIRsight takes is {MAX_ROWS}."
        )
    result = FeedRead(shape="spreadsheet")
    for number, values in enumerate(rows[1:], start=2):
        row = {h: plain_text(v) for h, v in zip(headers, values, strict=False) if h}
        if not any(row.values()):
            continue
        try:
            result.services.append(_service(row, f"{file_name}, row {number}"))
        except FeedError as error:
            result.errors.append(str(error))
    return result


def _csv_rows(content: bytes, file_name: str) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(content: bytes, file_name: str) -> list[list[Any]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise FeedError(f"{file_name} is not an Excel workbook ({type(error).__name__}).") from None
    except Exception as error:
        logger.exception("openpyxl failed on %s", file_name)
        raise FeedError(f"{file_name} is not an Excel workbook ({type(error).__name__}).") from None
    sheet = book.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + 1:
            raise FeedError(f"{file_name} has more than {MAX_ROWS} rows.")
        rows.append(["" if v is None else v for v in row[: len(COLUMNS) + 5]])
    book.close()
    return rows


def _service(row: dict[str, str], where: str) -> ServiceRecord:
    name = row.get("Name", "")
    if not name:
        raise FeedError(f"{where}, column Name: every service needs a name.")
    provider = row.get("Provider", "")
    source_id = row.get("Source id") or "sheet:" + _slug(f"{name} {provider}")
    focus = _choices(row, "Parent-infant focus", Focus, where, extra=FOCUS_SHORT_LABELS)
    if len(focus) > 1:
        raise FeedError(f"{where}, column Parent-infant focus: choose one focus, not {len(focus)}.")
    sector = _choices(row, "Sector", Sector, where)
    referral = _choices(row, "Referral", Referral, where)
    address, postcode = row.get("Address", ""), row.get("Postcode", "").upper()
    return ServiceRecord(
        source_id=source_id,
        name=name,
        provider=provider,
        provider_id="",
        eligibility=row.get("Eligibility", ""),
        excluded=row.get("Who is excluded", ""),
        phone=row.get("Telephone", ""),
        email=row.get("Email", ""),
        url=row.get("Website", "")
        if row.get("Website", "").startswith(("http://", "https://"))
        else "",
        note=row.get("Note", ""),
        locations=(Location(address=address, postcode=postcode),) if address or postcode else (),
        classification=Classification(
            levels=tuple(_choices(row, "Levels of need", Level, where)),
            focus=focus[0] if focus else None,
            stages=tuple(_choices(row, "Ages and stages", Stage, where)),
            sector=sector[0] if sector else None,
            referral=referral[0] if referral else None,
            interventions=tuple(p for p in _parts(row.get("Interventions", ""))),
            capacity=_count(row, "Capacity a year", where),
            caseload_under_two=_count(row, "0-2s on caseload", where),
        ),
    )


def _parts(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]


def _choices(
    row: dict[str, str],
    column: str,
    kind: type[enum.StrEnum],
    where: str,
    extra: dict[Any, str] | None = None,
) -> list[Any]:
    names: dict[str, Any] = {}
    for member in kind:
        names[member.value.casefold()] = member
        names[str(getattr(member, "label", member.value)).casefold()] = member
        if extra and member in extra:
            names[extra[member].casefold()] = member
    chosen = []
    for part in _parts(row.get(column, "")):
        found = names.get(part.casefold())
        if found is None:
            allowed = "; ".join(str(getattr(m, "label", m.value)) for m in kind)
            raise FeedError(f"{where}, column {column}: {part!r} is not one of: {allowed}.")
        if found not in chosen:
            chosen.append(found)
    return chosen


def _count(row: dict[str, str], column: str, where: str) -> int | None:
    text = row.get(column, "").replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = -1.5
    if number < 0 or number != int(number):
        raise FeedError(f"{where}, column {column}: {text!r} is not a whole number of 0 or more.")
    return int(number)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:80]


def column_names() -> Sequence[str]:
    return COLUMNS
