"""What every export format is turned into before its columns meet a questionnaire.

A `Grid` is the sheet as the user sees it (rows numbered as in Excel, blank rows gone); an
`Export` is that grid understood: which rows are headers, which columns are answers, the
response ID, personal data or the survey tool's own bookkeeping.
"""

from __future__ import annotations

import datetime
import enum
import math
import re
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from pairsight.core.cells import restore_cell
from pairsight.core.containers import column_letters
from pairsight.surveys.answer_text import normalise

#: The column the synthetic demo writes into every export it makes, so that the marker
#: survives a download and a re-upload.
SYNTHETIC_COLUMN = "PAIRsight synthetic data"

Role = Literal["answer", "key", "personal", "metadata", "synthetic"]

# Headers that identify a person in any export, whatever the tool.
_PERSONAL = re.compile(
    r"^(e-?mail( address)?|respondent e-?mail|name|full name|your name|first name|last name|"
    r"surname|forename|phone|telephone|phone number|mobile|ip ?address|postcode|post code|"
    r"address|home address|postal address|street address|date of birth|dob|nhs number|"
    r"name first|name last|name full|referrer|referrer url|latitude|longitude|"
    r"gps|gps coordinates|geolocation|geo location|zip|zip code|zip/postal code|postal code)$"
)
#: A question that asks for one of those ("please leave your email below"), in any tool.
_ASKS_FOR = re.compile(
    r"\b(your|ihre|deine|votre) (e-?mail|email address|e-?mail-adresse|phone|phone number|"
    r"telephone number|mobile number|post ?code|zip code|home address|postal address|address|"
    r"full name|name|date of birth|nhs number)\b"
)
_TRAILING_MARKS = re.compile(r"[\s:?*.]+$")
_NUMBERED = re.compile(r"\s*\d+$")


class ExportFormat(enum.StrEnum):
    MICROSOFT_FORMS = "msforms"
    SURVEYMONKEY = "surveymonkey"
    QUALTRICS = "qualtrics"
    LIMESURVEY = "limesurvey"
    REDCAP = "redcap"
    KOBO = "kobo"
    PLAIN = "plain"

    @property
    def label(self) -> str:
        return {
            "msforms": "Microsoft Forms",
            "surveymonkey": "SurveyMonkey",
            "qualtrics": "Qualtrics",
            "limesurvey": "LimeSurvey",
            "redcap": "REDCap",
            "kobo": "KoboToolbox",
            "plain": "spreadsheet",
        }[self.value]


@dataclass(frozen=True)
class Grid:
    """A sheet's cells: index is the spreadsheet row number, columns are positions from 0."""

    name: str
    kind: Literal["xlsx", "xls", "csv"]
    cells: pd.DataFrame
    encoding: str | None = None
    sheet: str | None = None

    def header_row(self, index: int) -> list[str]:
        """The text of the `index`-th non-blank row (0 for the first), "" for empty cells."""
        if index >= len(self.cells):
            return []
        return [cell_text(v) for v in self.cells.iloc[index].tolist()]


@dataclass(frozen=True)
class SourceColumn:
    """One column of an export.

    `header` is what the user sees and the key a saved mapping uses; `label` is the question
    part of it and `sublabel` the statement, option or item part (SurveyMonkey's second header
    row, Qualtrics' "Question - Statement", LimeSurvey's "[Subquestion]", REDCap's
    "(choice=...)"). `code` is the tool's variable name when it has one.
    """

    position: int
    header: str
    label: str
    sublabel: str | None = None
    code: str | None = None
    role: Role = "answer"
    #: The text box of an "Other, please specify" answer.
    is_other: bool = False

    @property
    def letter(self) -> str:
        return column_letter(self.position)


@dataclass(frozen=True)
class Export:
    """An export understood: its answer columns and the rows of responses below the headers."""

    format: ExportFormat
    grid: Grid
    columns: list[SourceColumn]
    #: Rows of responses only: index is the spreadsheet row number, columns are positions.
    body: pd.DataFrame
    #: How a multiple-choice answer in one cell is joined (";" in Microsoft Forms).
    separator: str = ";"
    #: The option codes this tool writes when it does not write labels ("1", "A1", "AO01").
    position_codes: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.grid.name

    @property
    def answer_columns(self) -> list[SourceColumn]:
        return [c for c in self.columns if c.role == "answer"]

    def column(self, header: str) -> SourceColumn:
        for c in self.columns:
            if c.header == header:
                return c
        raise KeyError(header)

    def describe(self) -> str:
        return f"{self.name} ({self.format.label} export)"


def column_letter(position: int) -> str:
    """Excel's letter for a 0-based column position: 0 → A, 26 → AA."""
    return column_letters(position)


def cell_text(value: object) -> str:
    """A cell as text: "" for empty, whole numbers without ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        # PAIRsight's own exports neutralise answers that a spreadsheet would run.
        return restore_cell(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if value is pd.NaT:
        return ""
    return str(value)


def is_personal(header: str) -> bool:
    # Variable names as REDCap and Kobo write them: name_first, telephone_1.
    text = _TRAILING_MARKS.sub("", normalise(header))
    name = _NUMBERED.sub("", text.replace("_", " ")).strip()
    return bool(_PERSONAL.match(text) or _PERSONAL.match(name) or _ASKS_FOR.search(text))


def body_below(grid: Grid, header_rows: int) -> pd.DataFrame:
    return grid.cells.iloc[header_rows:]


def unique_headers(columns: list[SourceColumn]) -> list[SourceColumn]:
    """The same columns with headers made unique by adding the column letter where repeated."""
    counts: dict[str, int] = {}
    for c in columns:
        counts[c.header] = counts.get(c.header, 0) + 1
    result = []
    for c in columns:
        if counts[c.header] > 1 or not c.header:
            header = f"{c.header} (column {c.letter})" if c.header else f"Column {c.letter}"
            c = SourceColumn(c.position, header, c.label, c.sublabel, c.code, c.role, c.is_other)
        result.append(c)
    return result


def mark_synthetic(columns: list[SourceColumn]) -> list[SourceColumn]:
    return [
        SourceColumn(c.position, c.header, c.label, c.sublabel, c.code, "synthetic", c.is_other)
        if normalise(c.header) == normalise(SYNTHETIC_COLUMN)
        else c
        for c in columns
    ]


def classify(
    position: int,
    header: str,
    *,
    key: set[str],
    personal: set[str],
    metadata: set[str],
    metadata_pattern: re.Pattern[str] | None = None,
) -> Role:
    """The role of a column from its header; the sets hold normalised header names."""
    name = normalise(header)
    if name in key:
        return "key"
    if name in personal or is_personal(header):
        return "personal"
    if name in metadata or (metadata_pattern is not None and metadata_pattern.search(name)):
        return "metadata"
    return "answer"


def sniff_headers(grid: Grid, rows: int = 1) -> list[set[str]]:
    """The normalised header names of the first `rows` rows, for format detection."""
    return [{normalise(h) for h in grid.header_row(i) if h} for i in range(rows)]
