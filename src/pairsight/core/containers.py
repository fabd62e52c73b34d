"""Limits on uploaded and downloaded files, checked before anything is allocated.

Survey exports and published statistics are small: the largest real survey export seen
(a 100,000-response Microsoft Forms workbook) is 40 MB unzipped, and ONS's all-areas MYE2
sheet is about 400 columns by 400 rows. A hostile file is made to look small and grow
once read: a zip part that expands a thousandfold, one cell at column DDDDD that makes a
reader pad two million empty cells per row, a CSV line of a million commas, an XML entity
that expands to a gigabyte. Each limit below sits far above any real file and far below
what would exhaust a worker, and each refusal names the limit so the person knows what
to change.

Both the survey importers and the official-data loaders use this module (pure: no Django).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

MB = 1024 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class Limits:
    #: The file as uploaded or downloaded.
    file_bytes: int = 100 * MB
    #: One part of a zip container (a sheet's XML, the shared strings) once decompressed.
    part_bytes: int = 400 * MB
    #: All parts of a zip container together, once decompressed.
    total_bytes: int = 800 * MB
    #: Decompressed size over compressed size of one part. Sheet XML compresses 5-30 times;
    #: a zip bomb is built at hundreds to thousands.
    ratio: int = 200
    #: Parts whose decompressed size is below this are not held to the ratio: tiny parts
    #: of repeated XML compress very well and can do no harm.
    ratio_floor_bytes: int = 1 * MB
    #: Excel's own sheet limits (1,048,576 rows by 16,384 columns, "XFD").
    rows: int = 1_048_576
    columns: int = 16_384
    #: Rows × columns once the sheet is laid out as a table: what a reader allocates.
    cells: int = 20_000_000
    #: Characters in one CSV cell: Excel holds 32,767; Python's CSV reader stops at 131,072.
    #: A workbook's cells are bounded by the size of its parts.
    cell_chars: int = 131_072


LIMITS = Limits()


class LimitExceeded(ValueError):
    """The file goes past a limit; the message names it in a user's words."""


def check_file_size(size: int, limits: Limits = LIMITS) -> None:
    if size > limits.file_bytes:
        raise LimitExceeded(
            f"it is {_size(size)}, over the limit of {_size(limits.file_bytes)} for one file"
        )


def check_zip(archive: zipfile.ZipFile, limits: Limits = LIMITS) -> None:
    """Every part's declared size and ratio, before any part is decompressed.

    The declared size is safe to trust: Python's zipfile stops reading a part at its
    declared size and checks the CRC, so a part that lies about its size fails to read
    rather than growing past it.
    """
    total = 0
    for info in archive.infolist():
        if info.file_size > limits.part_bytes:
            raise LimitExceeded(
                f"its part {info.filename!r} expands to {_size(info.file_size)}, over the "
                f"limit of {_size(limits.part_bytes)} for one part"
            )
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.ratio:
                raise LimitExceeded(
                    f"its part {info.filename!r} expands {ratio:,.0f} times when unzipped, over "
                    f"the limit of {limits.ratio} times (a real workbook compresses far less)"
                )
        total += info.file_size
        if total > limits.total_bytes:
            raise LimitExceeded(
                f"its parts expand to more than {_size(limits.total_bytes)} together, over "
                "the limit for one file"
            )


def check_column(position: int, where: str, limits: Limits = LIMITS) -> None:
    """A 0-based column position, checked before a row is padded out to it."""
    if position >= limits.columns:
        raise LimitExceeded(
            f"{where} is in column {column_letters(position)} (column {position + 1:,}), past "
            f"the limit of {limits.columns:,} columns"
        )


def check_rows(count: int, limits: Limits = LIMITS) -> None:
    if count > limits.rows:
        raise LimitExceeded(f"it has more than {limits.rows:,} rows, the limit")


def check_cells(rows: int, columns: int, limits: Limits = LIMITS) -> None:
    if rows * columns > limits.cells:
        raise LimitExceeded(
            f"its table of {rows:,} rows by {columns:,} columns is over the limit of "
            f"{limits.cells:,} cells"
        )


# A literal ' r="' lets the regular expression engine skip ahead fast; a reference after
# another kind of whitespace (legal XML, never written by Excel) is looked for separately.
_REF_LETTERS = re.compile(rb' r="([A-Za-z]{1,16})[0-9]')
_REF_DIGITS = re.compile(rb' r="[A-Za-z]{0,16}([0-9]{1,16})"')
_ODD_REF = re.compile(rb'[\t\r\n]r="([A-Za-z]{0,16})([0-9]{1,16})"')
_CELL = re.compile(rb"<c[\s/>]")
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Za-z]*[0-9]*:?([A-Za-z]{1,16})([0-9]{1,16})"')
_CHUNK = 4 * MB
#: Letters or digits one reference may have; the bytes read past a chunk's end.
_REF_WIDTH = 16
_PAD = 2 * _REF_WIDTH + 8
_AFTER_CELL = np.zeros(256, bool)  # what may follow "<c" in a cell's tag: \s, "/" or ">"
_AFTER_CELL[list(b" \t\n\r\x0b\x0c/>")] = True
_LETTER = np.full(256, -1, np.int64)  # a letter's value in a column name, A=1 (else -1)
_LETTER[list(range(65, 91))] = _LETTER[list(range(97, 123))] = np.arange(1, 27)
_DIGIT = np.full(256, -1, np.int64)
_DIGIT[list(range(48, 58))] = np.arange(10)


def check_sheet_extent(archive: zipfile.ZipFile, part: str, limits: Limits = LIMITS) -> None:
    """The table a sheet part lays out, bounded before any reader allocates it.

    A reader sizes a sheet from its cell references, row numbers and <dimension>: one cell
    at XFD1048576 makes it lay out 17 billion cells. The part is scanned in chunks (never
    held whole) for the furthest column and row it names and the cells it holds.
    """
    furthest_column = 0
    furthest_row = 0
    cells = 0
    tail = b""
    with archive.open(part) as handle:
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            # A reference cut by the chunk's end is read whole with the next chunk.
            data = tail + chunk
            cut = max(data.rfind(b"<"), len(data) - 64, 0)
            scan, tail = data[:cut], data[cut:]
            furthest_column, furthest_row, opened = _scan(
                scan, furthest_column, furthest_row, limits
            )
            cells += opened
            if cells > limits.cells:
                check_cells(cells, 1, limits)
    furthest_column, furthest_row = _furthest(tail, furthest_column, furthest_row, limits)
    check_rows(furthest_row, limits)
    check_cells(furthest_row, furthest_column + 1, limits)


def _scan(data: bytes, column: int, row: int, limits: Limits) -> tuple[int, int, int]:
    """The furthest column and row named in `data` and the cells it opens, in numpy.

    The same answer as the regular expressions (`_furthest` and `_CELL`) without making a
    bytes object per reference: a 40 MB sheet names over a million. Anything unusual (a
    reference after a tab or newline, a column past the limit) is left to `_furthest`,
    which also words the refusal.
    """
    size = len(data)
    if size < 4:
        return (*_furthest(data, column, row, limits), len(_CELL.findall(data)))
    text = np.frombuffer(data + bytes(_PAD), np.uint8)
    named = text[1 : size - 2] == ord("r")
    for shift, byte in enumerate(b'="', start=2):
        named &= text[shift : size - 3 + shift] == byte
    spaced = np.flatnonzero(named)
    before = text[spaced]
    if np.isin(before, list(b"\t\n\r")).any():
        return (*_furthest(data, column, row, limits), len(_CELL.findall(data)))
    opens = np.flatnonzero((text[: size - 1] == ord("<")) & (text[1:size] == ord("c")))
    cells = int(np.count_nonzero(_AFTER_CELL[text[opens + 2]]))
    starts = spaced[before == ord(" ")] + 4
    letters, column_index = _run(text, starts, _LETTER, 26, limits.columns + 1)
    after = starts + letters
    digits, number = _run(text, after, _DIGIT, 10, 10**_REF_WIDTH)
    has_digit = (letters <= _REF_WIDTH) & (digits >= 1)
    named_column = has_digit & (letters >= 1)
    closed = text[after + np.minimum(digits, _REF_WIDTH)] == ord('"')
    named_row = has_digit & (digits <= _REF_WIDTH) & closed
    if named_column.any():
        if int(column_index[named_column].max()) > limits.columns:
            column, row = _furthest(data, column, row, limits)  # refuses, naming the column
            return column, row, cells
        column = max(column, int(column_index[named_column].max()) - 1)
    if named_row.any():
        row = max(row, int(number[named_row].max()))
    for found in _DIMENSION.finditer(data):
        column = max(column, column_position(found.group(1).decode("ascii"), limits))
        row = max(row, int(found.group(2)))
    return column, row, cells


def _run(
    text: npt.NDArray[np.uint8],
    starts: npt.NDArray[np.intp],
    kind: npt.NDArray[np.int64],
    base: int,
    cap: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """From each start: how many bytes of `kind` follow (counted to one past the reference
    width), and their value in `base` (letters: A=1; digits: 0-9), held at `cap`."""
    length = np.zeros(len(starts), np.int64)
    value = np.zeros(len(starts), np.int64)
    going = np.ones(len(starts), bool)
    for offset in range(_REF_WIDTH + 1):
        digit = kind[text[starts + offset]]
        going &= digit >= 0
        if not going.any():
            break
        length += going
        if offset < _REF_WIDTH:
            value = np.where(going, np.minimum(value * base + digit, cap), value)
    return length, value


def _furthest(data: bytes, column: int, row: int, limits: Limits) -> tuple[int, int]:
    # The distinct letters and numbers only: a sheet names a few dozen columns a million
    # times, and the regular expressions find them all in C.
    letters = set(_REF_LETTERS.findall(data))
    numbers = set(_REF_DIGITS.findall(data))
    if any(data.find(space + b'r="') != -1 for space in (b"\t", b"\n", b"\r")):
        for found in _ODD_REF.finditer(data):
            if found.group(1):
                letters.add(found.group(1))
            numbers.add(found.group(2))
    for found in _DIMENSION.finditer(data):
        letters.add(found.group(1))
        numbers.add(found.group(2))
    for name in letters:
        column = max(column, column_position(name.decode("ascii"), limits))
    if numbers:
        row = max(row, max(map(int, numbers)))
    return column, row


def read_part(archive: zipfile.ZipFile, name: str, limits: Limits = LIMITS) -> bytes:
    """A part's bytes, read no further than the part limit whatever its header says."""
    with archive.open(name) as handle:
        data = handle.read(limits.part_bytes + 1)
    if len(data) > limits.part_bytes:
        raise LimitExceeded(f"its part {name!r} expands past {_size(limits.part_bytes)}")
    return data


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Each sheet's name and its part in the zip, in the workbook's order (defusedxml)."""
    from defusedxml import ElementTree

    workbook = ElementTree.fromstring(read_part(archive, "xl/workbook.xml"))
    listed = workbook.find(f"{_MAIN}sheets")
    if listed is None or not len(listed):
        raise LookupError("the workbook has no sheets")
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        rels = ElementTree.fromstring(read_part(archive, "xl/_rels/workbook.xml.rels"))
        targets = {
            rel.get("Id", ""): rel.get("Target", "") for rel in rels.iter(f"{_RELS}Relationship")
        }
    sheets = []
    for number, sheet in enumerate(listed, start=1):
        target = targets.get(sheet.get(f"{_DOC_RELS}id", ""), "") or f"worksheets/sheet{number}.xml"
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        sheets.append((sheet.get("name", f"Sheet{number}"), posixpath.normpath(path)))
    return sheets


def column_letters(position: int) -> str:
    """Excel's letters for a 0-based column position: 0 → A, 26 → AA."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_position(letters: str, limits: Limits = LIMITS) -> int:
    """The 0-based position of column letters, refused past the column limit.

    Worked out letter by letter and stopped as soon as it passes the limit, so a
    reference of a thousand letters costs nothing.
    """
    index = 0
    for letter in letters.upper():
        index = index * 26 + (ord(letter) - 64)
        if index > limits.columns:
            raise LimitExceeded(
                f"a cell at column {letters[:12]}{'…' if len(letters) > 12 else ''} is past "
                f"the limit of {limits.columns:,} columns (the last is "
                f"{column_letters(limits.columns - 1)})"
            )
    return index - 1


def xml_errors() -> tuple[type[BaseException], ...]:
    """What defusedxml and the XML parser raise for a hostile or malformed part."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    return (ParseError, DefusedXmlException)


def xml_problem(error: BaseException) -> str:
    """A user's sentence for an XML part that was refused or could not be parsed."""
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    if isinstance(error, EntitiesForbidden):
        return "it declares XML entities, which no spreadsheet needs (refused for safety)"
    if isinstance(error, ExternalReferenceForbidden):
        return "it refers to files or addresses outside itself (refused for safety)"
    if isinstance(error, DTDForbidden):
        return "it carries an XML document type declaration (refused for safety)"
    return "its XML is malformed; the file may be damaged, so export or download it again"


def _size(size: int) -> str:
    if size >= MB:
        return f"{size / MB:,.0f} MB"
    return f"{size / 1024:,.0f} KB"
