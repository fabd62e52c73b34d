"""From the sections the workstreams return to the report every renderer draws.

`prepare` applies the report's disclosure rule to every table and chart of counts of
people, then adds the next steps and the method and sources appendix. Renderers only ever
see a prepared report, so no format can show a count another format hides.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar, cast

from pairsight.core.document import (
    Block,
    Bullets,
    Chart,
    Paragraph,
    Report,
    Section,
    Source,
    Table,
)
from pairsight.core.published import publish_chart, publish_table

APPENDIX_KEY = "method-and-sources"
NEXT_STEPS_KEY = "next-steps"


def prepare(report: Report) -> Report:
    """The report as it may be published: counts protected, appendix added."""
    report = _printable(report)
    sections = tuple(_protect(section, report) for section in report.sections)
    extra = []
    if report.next_steps:
        extra.append(
            Section("Next steps", key=NEXT_STEPS_KEY, blocks=(Bullets(report.next_steps),))
        )
    protected = replace(report, sections=sections)
    extra.append(method_appendix(protected))
    return replace(report, sections=sections + tuple(extra))


def _protect(section: Section, report: Report) -> Section:
    def protect_block(block: Block) -> Block:
        if isinstance(block, Table):
            return publish_table(block, report.disclosure)
        if isinstance(block, Chart):
            return publish_chart(block, report.disclosure)
        return block

    return replace(
        section,
        blocks=tuple(protect_block(block) for block in section.blocks),
        subsections=tuple(_protect(sub, report) for sub in section.subsections),
    )


# Control characters (pasted from other programs) are not allowed in Word or PowerPoint XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

T = TypeVar("T")


def _printable(value: T) -> T:
    """`value` with control characters removed from every text in it."""
    if isinstance(value, str):
        return cast(T, _CONTROL.sub(" ", value))
    if isinstance(value, tuple):
        return cast(T, tuple(_printable(item) for item in value))
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _printable(getattr(value, f.name))
            for f in fields(value)
            if f.init and f.name != "spec"
        }
        return replace(value, **changes)
    return value


def body_sections(report: Report) -> tuple[Section, ...]:
    """The workstreams' own sections of a prepared report, without the generated ones."""
    return tuple(s for s in report.sections if s.key not in {APPENDIX_KEY, NEXT_STEPS_KEY})


def method_appendix(report: Report) -> Section:
    """Every assumption with its value and citation, every input with its origin, and the
    sources, numbered, gathered from all sections' provenance."""
    sections = list(report.all_sections())
    sources: list[Source] = []
    for section in sections:
        for source in (*section.sources, *(a.source for a in section.assumptions)):
            if source not in sources:
                sources.append(source)
    number = {source: index for index, source in enumerate(sources, start=1)}

    def cite(source: Source) -> str:
        local = " (local assumption, no published source)" if source.local_assumption else ""
        return f"[{number[source]}]{local}"

    assumption_rows = []
    for section in sections:
        for assumption in section.assumptions:
            row = (assumption.name, assumption.value, cite(assumption.source))
            if row not in assumption_rows:
                assumption_rows.append(row)
    input_rows = []
    for section in sections:
        for item in section.inputs:
            row = (item.name, item.value, item.origin)
            if row not in input_rows:
                input_rows.append(row)

    subsections = [
        Section(
            "Protecting people's privacy",
            key="protecting-privacy",
            blocks=(Paragraph(report.disclosure_statement()),),
        )
    ]
    listings = (
        ("Assumptions", "Every assumption used, its value and its source", "Source"),
        ("Inputs", "Every input and where it came from", "Where it came from"),
    )
    for (heading, caption, origin), rows in zip(
        listings, (assumption_rows, input_rows), strict=True
    ):
        if rows:
            columns = (heading.removesuffix("s"), "Value", origin)
            table = Table(caption=caption, columns=columns, rows=tuple(rows))
            subsections.append(Section(heading, key=heading.lower(), blocks=(table,)))
    if sources:
        subsections.append(
            Section(
                "Sources",
                key="sources",
                blocks=(Bullets(tuple(_reference(number[s], s) for s in sources)),),
            )
        )
    return Section(
        "Method and sources",
        key=APPENDIX_KEY,
        blocks=(
            Paragraph(
                "This appendix lists every assumption the figures in this report rest on, "
                "with its value and where it comes from, and every input with its origin. "
                "Numbers in square brackets refer to the list of sources at the end."
            ),
        ),
        subsections=tuple(subsections),
    )


def _reference(number: int, source: Source) -> str:
    text = f"[{number}] {source.citation}"
    if source.note:
        text += f" Note: {source.note}"
    if source.url:
        text += f" {source.url}"
    if source.local_assumption and "local assumption" not in source.citation.lower():
        text += " (Local assumption: no published source.)"
    return text
