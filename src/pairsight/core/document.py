"""The building blocks of a report: what a workstream returns, and what every renderer reads.

A workstream builds one `Section` (with nested subsections if it needs them) out of
paragraphs, tables, charts and callouts, and records where its numbers came from in
`sources`, `assumptions` and `inputs`; `pairsight.reports` gathers the sections into a
`Report`, applies the disclosure rule and renders it. Workstreams never import the renderers.

Every value here is immutable and plain, so a section can be built in a test, a notebook or
a Django view alike.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pairsight.core.disclosure import MODELLED_ESTIMATES_STATEMENT, DisclosureRule

#: What a table cell may hold. Counts are ints; `None` is an empty cell; anything already
#: worded (a percentage, a range, "*") is a string.
Cell = int | float | Fraction | str | None


@dataclass(frozen=True)
class Source:
    """A publication or dataset a number rests on."""

    citation: str
    note: str = ""
    url: str = ""
    #: True when the figure is this area's own assumption, with no published source.
    local_assumption: bool = False


@dataclass(frozen=True)
class Assumption:
    """A value the method assumes (a prevalence, a split), with where it comes from."""

    name: str
    value: str
    source: Source


@dataclass(frozen=True)
class Input:
    """A value the user brought (a population count, a service's capacity)."""

    name: str
    value: str
    origin: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list: next steps, a list of sources, points from a survey."""

    items: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError("A bulleted list needs at least one item.")


@dataclass(frozen=True)
class Callout:
    """A boxed note: a caveat or warning the reader must not miss."""

    text: str
    title: str = ""
    #: "info" for a caveat, "warning" for something that changes how figures can be used.
    tone: str = "info"

    def __post_init__(self) -> None:
        if self.tone not in {"info", "warning"}:
            raise ValueError(f"Callout tone must be 'info' or 'warning', not {self.tone!r}.")


@dataclass(frozen=True)
class Table:
    """A table of figures.

    `count_columns` are the indexes of columns that hold counts of people: those are the
    cells the disclosure rule protects, unless the table is `modelled` (estimates from the
    need model, which are not counts of real people). `total_row` says the last row adds up
    the rows above; `total_column` is the index of a column that adds up the other count
    columns of its row. The first column is read as the row header when `row_headers` is set.
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    count_columns: tuple[int, ...] = ()
    modelled: bool = False
    total_row: bool = False
    total_column: int | None = None
    row_headers: bool = True
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        where = f"Table {self.caption!r}"
        if not self.columns:
            raise ValueError(f"{where} has no column headers.")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"{where}, row {number}: {len(row)} cells for {len(self.columns)} columns."
                )
        for index in self.count_columns:
            if not 0 <= index < len(self.columns):
                raise ValueError(f"{where}: count column {index} does not exist.")
        if self.total_column is not None and self.total_column not in self.count_columns:
            raise ValueError(f"{where}: the total column must be one of the count columns.")
        if self.total_row and not self.rows:
            raise ValueError(f"{where}: a total row needs at least one row.")


@dataclass(frozen=True)
class Chart:
    """A chart: its Vega-Lite spec, the table of the same data, and its text alternative.

    Build one with `pairsight.core.charts`, which keeps the spec's data in step with the
    table (the spec reads the named dataset "table").
    """

    spec: dict[str, Any]
    table: Table
    alt_text: str
    title: str = ""

    def __post_init__(self) -> None:
        if not self.alt_text.strip():
            raise ValueError(f"Chart {self.title or self.table.caption!r} needs alt text.")


Block = Paragraph | Bullets | Table | Chart | Callout


@dataclass(frozen=True)
class Headline:
    """A key figure for the summary slide and the start of the report."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Section:
    """One part of the report: a workstream's findings, or a subsection of them.

    Top-level sections become Heading 1 (chapters); subsections are one level deeper each.
    `method_notes` are shown at the end of the section; `sources`, `assumptions` and
    `inputs` go into the method and sources appendix.
    """

    heading: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    method_notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    inputs: tuple[Input, ...] = ()
    headlines: tuple[Headline, ...] = ()
    #: A stable anchor for links and the contents list; derived from the heading if empty.
    key: str = ""

    def __post_init__(self) -> None:
        if not self.heading.strip():
            raise ValueError("A section needs a heading.")
        if not self.key:
            object.__setattr__(self, "key", slug(self.heading))

    def walk(self, level: int = 1) -> Iterator[tuple[int, Section]]:
        """This section and every subsection, in reading order, with heading levels."""
        yield level, self
        for sub in self.subsections:
            yield from sub.walk(level + 1)

    def has_content(self) -> bool:
        return bool(self.blocks or self.headlines) or any(
            sub.has_content() for sub in self.subsections
        )


class Status(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"


@dataclass(frozen=True)
class Report:
    """A whole needs-assessment report, ready to render."""

    title: str
    area: str
    date: datetime.date
    sections: tuple[Section, ...]
    status: Status = Status.DRAFT
    disclosure: DisclosureRule = DisclosureRule.NHS
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    #: Shown on the cover and in every footer when the report uses synthetic or demo data.
    data_notice: str = ""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValueError("A report needs a title.")
        if not self.area.strip():
            raise ValueError("A report needs an area.")
        keys = [section.key for section in self.all_sections()]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"Two sections have the same heading or key: {duplicates[0]!r}.")

    @property
    def is_draft(self) -> bool:
        return self.status is Status.DRAFT

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            for _, sub in section.walk():
                yield sub

    def walk(self) -> Iterator[tuple[int, Section]]:
        for section in self.sections:
            yield from section.walk()

    def headlines(self) -> tuple[Headline, ...]:
        return tuple(h for section in self.all_sections() for h in section.headlines)

    def disclosure_statement(self) -> str:
        """How the report protects counts of people, and why modelled figures are shown."""
        statement = self.disclosure.statement()
        if any(t.modelled for t in self.tables()):
            statement += " " + MODELLED_ESTIMATES_STATEMENT
        return statement

    def tables(self) -> Iterator[Table]:
        for section in self.all_sections():
            for block in section.blocks:
                if isinstance(block, Table):
                    yield block
                elif isinstance(block, Chart):
                    yield block.table

    def display_date(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"


def slug(text: str) -> str:
    """A lowercase, hyphenated form of `text` for anchors and file names."""
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()
    return "-".join(words) or "section"


def format_cell(value: Cell) -> str:
    """How a cell reads in every format: counts with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Fraction):
        value = float(value)
    if isinstance(value, float):
        return f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    return value
