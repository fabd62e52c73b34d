"""The team's own words in the report: Markdown with live figures, as report blocks (pure).

People write the executive summary, the key messages and a commentary on each section in
Markdown. Raw HTML in it is never markup: it stays text, and every renderer escapes it.
Paragraphs and lists become the report's own blocks (so Word keeps them as editable
paragraphs and lists, and the PDF and web page style them like the rest of the report).

A live figure is written `{{ figure:unmet_need }}` and always shows the current value of
that figure of the report. When the text is saved, the value of each figure it cites is
kept beside it, so the editor can warn when a figure has changed since the text was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pairsight.core.document import Block, Bullets, Callout, Paragraph, Section, slug

FIGURE = re.compile(r"\{\{\s*figure\s*:\s*([A-Za-z0-9_\-]+)\s*\}\}")

#: Short names for the figures people cite most.
ALIASES = {
    "unmet_need": "unmet_specialised_need",
    "specialised_need": "specialised_pair_need",
    "capacity": "already_seen_by_existing_services",
    "staff_needed": "practitioners_needed",
}

_MARKDOWN = MarkdownIt("commonmark", {"html": False})

EXECUTIVE_SUMMARY = "executive-summary"
KEY_MESSAGES = "key-messages"
COMMENTARY_HEADING = "What this means"
EXAMPLE_NOTE = (
    "Example text, written by PAIRsight for the demonstration to show what a team writes "
    "here. A real assessment's team writes its own."
)


@dataclass(frozen=True)
class Written:
    """One part of the narrative as stored: its Markdown, and whether it is an example."""

    text: str
    is_example: bool = False


@dataclass(frozen=True)
class LiveFigure:
    """A figure the narrative may cite: a key figure of one of the report's sections."""

    key: str
    label: str
    value: str
    detail: str
    section: str


@dataclass(frozen=True)
class FigureChange:
    key: str
    label: str
    then: str
    now: str  # "" when the figure is no longer in the report

    def sentence(self) -> str:
        if not self.now:
            return (
                f"{self.label} was {self.then} when this text was written and is no longer in "
                "the report."
            )
        return f"{self.label} was {self.then} when this text was written and is now {self.now}."


def figure_key(label: str) -> str:
    return slug(label).replace("-", "_")


def live_figures(sections: Iterable[Section]) -> dict[str, LiveFigure]:
    """Every key figure of the sections, by key (aliases included), in reading order."""
    figures: dict[str, LiveFigure] = {}
    for section in sections:
        for part in section.walk():
            for headline in part[1].headlines:
                key = figure_key(headline.label)
                figures.setdefault(
                    key,
                    LiveFigure(
                        key, headline.label, headline.value, headline.detail, section.heading
                    ),
                )
    for alias, key in ALIASES.items():
        if key in figures and alias not in figures:
            figures[alias] = figures[key]
    return figures


def cited_keys(text: str) -> list[str]:
    """The figure keys the text cites, once each, in the order they first appear."""
    return list(dict.fromkeys(match.group(1).lower() for match in FIGURE.finditer(text)))


def unknown_keys(text: str, figures: Mapping[str, LiveFigure]) -> list[str]:
    return [key for key in cited_keys(text) if key not in figures]


def cited_values(text: str, figures: Mapping[str, LiveFigure]) -> dict[str, str]:
    """The value of each cited figure now: kept with the text when it is saved."""
    return {key: figures[key].value for key in cited_keys(text) if key in figures}


def changes(cited: Mapping[str, str], figures: Mapping[str, LiveFigure]) -> list[FigureChange]:
    """The cited figures whose values have moved since the text was written."""
    found = []
    for key, then in cited.items():
        figure = figures.get(key)
        if figure is None:
            found.append(FigureChange(key, key.replace("_", " ").capitalize(), then, ""))
        elif figure.value != then:
            found.append(FigureChange(key, figure.label, then, figure.value))
    return found


def fill(text: str, figures: Mapping[str, LiveFigure]) -> str:
    """The text with each live figure replaced by its current value."""

    def value(match: re.Match[str]) -> str:
        figure = figures.get(match.group(1).lower())
        return figure.value if figure is not None else f"[figure not available: {match.group(1)}]"

    return FIGURE.sub(value, text)


def _inline_text(token: Token) -> str:
    parts = []
    href = ""
    for child in token.children or []:
        if child.type in {"text", "code_inline", "html_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
        elif child.type == "link_close" and href:
            parts.append(f" ({href})")
            href = ""
    return " ".join("".join(parts).split())


def to_blocks(text: str, figures: Mapping[str, LiveFigure]) -> tuple[Block, ...]:
    """Markdown as report blocks: paragraphs, bulleted lists, and quotes as callouts."""
    tokens = _MARKDOWN.parse(fill(text, figures))
    blocks: list[Block] = []
    items: list[str] = []
    depth = 0  # list nesting: nested items join the outer list
    quote = 0
    for token in tokens:
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            depth -= 1
            if depth == 0 and items:
                blocks.append(Bullets(tuple(items)))
                items = []
        elif token.type == "blockquote_open":
            quote += 1
        elif token.type == "blockquote_close":
            quote -= 1
        elif token.type == "inline":
            words = _inline_text(token)
            if not words:
                continue
            if depth:
                items.append(words)
            elif quote:
                blocks.append(Callout(words))
            else:
                blocks.append(Paragraph(words))
        elif token.type in {"fence", "code_block"} and token.content.strip():
            blocks.append(Paragraph(" ".join(token.content.split())))
    return tuple(blocks)


def _written_blocks(written: Written, figures: Mapping[str, LiveFigure]) -> tuple[Block, ...]:
    blocks = to_blocks(written.text, figures)
    if written.is_example:
        return (Callout(EXAMPLE_NOTE, title="Example text", tone="info"), *blocks)
    return blocks


def with_narrative(
    sections: tuple[Section, ...], written: Mapping[str, Written]
) -> tuple[Section, ...]:
    """The workstreams' sections with the team's words: the executive summary and key
    messages first, and each section's commentary at the start of that section."""
    figures = live_figures(sections)
    opening = []
    for part, heading in ((EXECUTIVE_SUMMARY, "Executive summary"), (KEY_MESSAGES, "Key messages")):
        own = written.get(part)
        if own is not None and own.text.strip():
            blocks = _written_blocks(own, figures)
            if blocks:
                opening.append(Section(heading, key=part, blocks=blocks))
    commented = []
    for section in sections:
        own = written.get(section.key)
        blocks = _written_blocks(own, figures) if own is not None and own.text.strip() else ()
        if blocks:
            commentary = Section(COMMENTARY_HEADING, key=f"{section.key}-commentary", blocks=blocks)
            section = replace(section, subsections=(commentary, *section.subsections))
        commented.append(section)
    return (*opening, *commented)
