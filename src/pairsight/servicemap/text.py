"""Text from feeds and spreadsheets made safe and plain before anything else reads it.

Feed descriptions are HTML written in a council's content editor. They are cleaned with nh3
(the Ammonia sanitiser) down to text: no tag survives, so nothing from a feed can ever be
rendered as markup; paragraphs and list items become line breaks so the text still reads.
"""

from __future__ import annotations

import html
import re

import nh3

_BLOCK_END = re.compile(r"<\s*(?:br\b[^>]*|/\s*(?:p|li|div|h[1-6]|tr|ul|ol)\s*)>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPREADSHEET_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def clean_html(value: object) -> str:
    """Plain text of an HTML fragment: tags removed (script and style with their content),
    entities decoded, spaces collapsed, paragraphs kept as blank-line breaks."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = _BLOCK_END.sub("\n", text)
        text = _LIST_ITEM.sub("\n• ", text)
        # No tag allowed: Ammonia keeps the text and drops every element (and the content of
        # script, style and the like), whatever the markup's mistakes.
        text = nh3.clean(text, tags=set(), attributes={}, strip_comments=True)
    if "&" in text:
        text = html.unescape(text)
    # A list reads as consecutive lines, not paragraphs.
    return plain_text(text).replace("\n\n• ", "\n• ")


def plain_text(value: object) -> str:
    """`value` as one tidy text: control characters and runs of spaces removed."""
    if value is None:
        return ""
    text = _CONTROL.sub(" ", str(value))
    if "\n" in text:
        lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _SPACES.sub(" ", text).strip()


def label(value: object) -> str:
    """An audience or taxonomy label: stray spaces removed, `>` hierarchies spaced evenly
    ("Parents>Grandparents " reads "Parents > Grandparents")."""
    parts = [plain_text(part) for part in str(value or "").split(">")]
    return " > ".join(part for part in parts if part)


def safe_cell(value: object) -> object:
    """A spreadsheet cell that a spreadsheet program will never run as a formula."""
    if isinstance(value, str) and value.startswith(_SPREADSHEET_FORMULA):
        return "'" + value
    return value
