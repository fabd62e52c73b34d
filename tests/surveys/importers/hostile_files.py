"""Hostile files, built in the test: each small on disk and made to grow once read.

Used by the survey importer's and the official-data loaders' tests. Each builder returns
the file's bytes; `measure` reads one in a fresh Python process and reports the time, the
peak memory above the process's start and the message it was refused with.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_CLOSE = "</sheetData></worksheet>"


def workbook(sheet_xml: str | bytes, sheet: str = "Sheet1", prolog: str = "") -> bytes:
    """An .xlsx whose one sheet is `sheet_xml`; `prolog` goes before the workbook's root."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=sheet))
        archive.writestr("xl/_rels/workbook.xml.rels", _RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def _row(number: int, cells: str) -> str:
    return f'<row r="{number}">{cells}</row>'


def wide_reference(sheet: str = "Sheet1") -> bytes:
    """One cell at column DDDDD in each of 200 rows: 4 KB that a naive reader pads to
    380 million cells."""
    rows = "".join(
        _row(n, f'<c r="A{n}" t="inlineStr"><is><t>x</t></is></c><c r="DDDDD{n}"><v>1</v></c>')
        for n in range(1, 201)
    )
    return workbook(SHEET_OPEN + rows + SHEET_CLOSE, sheet)


def bomb_by_ratio(sheet: str = "Sheet1") -> bytes:
    """A sheet part that unzips 1,000 times larger than it is stored (50 MB from 50 KB)."""
    filler = b" " * (50 * 1024 * 1024)
    return workbook(SHEET_OPEN.encode() + filler + SHEET_CLOSE.encode(), sheet)


def bomb_by_size(sheet: str = "Sheet1", part_mb: int = 600) -> bytes:
    """A sheet part whose header says it unzips to `part_mb` MB; the bytes stored are few.

    Built by writing a small part and then changing the sizes recorded in the zip's local
    and central headers: the reader must refuse on the header, before inflating anything.
    """
    data = bytearray(workbook(SHEET_OPEN + _row(1, '<c r="A1"><v>1</v></c>') + SHEET_CLOSE, sheet))
    size = (part_mb * 1024 * 1024).to_bytes(4, "little")
    name = b"xl/worksheets/sheet1.xml"
    local = data.find(b"PK\x03\x04" + bytes(0), 0)
    while local != -1:
        if data[local + 30 : local + 30 + len(name)] == name:
            data[local + 22 : local + 26] = size
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46 : central + 46 + len(name)] == name:
            data[central + 24 : central + 28] = size
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def entity_expansion(sheet: str = "Sheet1") -> bytes:
    """ "Billion laughs" in the sheet: ten levels of ten entities each."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    doctype = f"<!DOCTYPE worksheet [{entities}]>"
    return workbook(_with_doctype(doctype, "&lol9;"), sheet)


def external_entity(target: Path) -> bytes:
    """A cell whose text is an external entity naming a file on the server."""
    doctype = f'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file://{target}">]>'
    return workbook(_with_doctype(doctype, "&secret;"))


def _with_doctype(doctype: str, text: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + doctype
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row>'
        + SHEET_CLOSE
    )


def million_columns(sheet: str = "") -> bytes:
    """A CSV whose header has a million columns, then two short rows."""
    return b"," * 1_000_000 + b"x\r\n1,2\r\n3,4\r\n"


def binary_as_csv(sheet: str = "") -> bytes:
    """Random-looking bytes with NULs, saved under a .csv name."""
    return bytes(range(256)) * 64


def malformed_xml(sheet: str = "Sheet1") -> bytes:
    return workbook(SHEET_OPEN + '<row r="1"><c r="A1"><v>1</v></row>', sheet)


#: What each refusal must say: the limit or the danger, in words a person can act on.
REFUSED_BECAUSE = {
    "wide reference": "column DDDDD",
    "zip bomb by ratio": "expands 1,",
    "zip bomb by size": "expands to 600 MB",
    "entity expansion": "declares XML entities",
    "million columns": "limit of 16,384 columns",
    "malformed XML": "XML is malformed",
}

HOSTILE = {
    "wide reference": wide_reference,
    "zip bomb by ratio": bomb_by_ratio,
    "zip bomb by size": bomb_by_size,
    "entity expansion": entity_expansion,
    "million columns": million_columns,
    "binary renamed .csv": binary_as_csv,
    "malformed XML": malformed_xml,
}


def measure(path: Path, reader: str) -> dict[str, object]:
    """Read `path` with `reader` ("survey" or "official") in a fresh process.

    Returns the seconds taken, the peak extra memory in MB (the larger of tracemalloc's
    peak and the growth of the process's peak resident set, which also sees what Rust and C
    libraries allocate) and the error's type and message.
    """
    script = textwrap.dedent(
        f"""
        import json, sys, time, tracemalloc
        from pathlib import Path
        path = Path({str(path)!r})
        if {reader!r} == "survey":
            from pairsight.surveys.importers.detect import read_export as read
        else:
            from pairsight.officialdata.mye import load_mid_year_estimates as read
        import resource
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        tracemalloc.start()
        start = time.perf_counter()
        try:
            read(path)
            error, message = "", ""
        except Exception as caught:
            error, message = type(caught).__name__, str(caught)
        seconds = time.perf_counter() - start
        traced = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        # calamine allocates in Rust, out of tracemalloc's sight: the growth of the
        # process's resident set counts too.
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss_before
        peak = max(traced, grown)
        print(json.dumps({{"seconds": seconds, "peak_mb": peak, "error": error,
                          "message": message}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
