"""Text from feeds and spreadsheets made safe and plain before anything else reads it.

Feed descriptions are HTML written in a council's content editor. They are cleaned with nh3
(the Ammonia sanitiser) down to text: no tag survives, so nothing from a feed can ever be
rendered as markup; paragraphs and list items become line breaks so the text still reads.
A large feed's descriptions are cleaned on two threads: Ammonia runs outside Python's lock.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import nh3

# The common spellings of line and paragraph ends, replaced before parsing (in one pass of
# one pattern); Ammonia then removes every tag that is left.
_LINE_ENDS = (
    ("<br>", "\n"), ("<br/>", "\n"), ("<br />", "\n"), ("<BR>", "\n"), ("</p>", "\n"),
    ("</P>", "\n"), ("</div>", "\n"), ("</li>", "\n"), ("<li>", "\n• "), ("</h2>", "\n"),
    ("</h3>", "\n"), ("</tr>", "\n"),
)  # fmt: skip
_LINE_END_OF = dict(_LINE_ENDS)
_LINE_END = re.compile("|".join(re.escape(tag) for tag, _ in _LINE_ENDS))
_SERIALISED = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&nbsp;", " "), ("&amp;", "&"))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b]")
#: Ammonia with no tag allowed, built once: building it is most of the cost of a short text.
AMMONIA = nh3.Cleaner(tags=set(), attributes={}, strip_comments=True)
#: Below this many texts, starting threads costs more than it saves.
_THREADED_FROM = 200


def clean_html(value: object) -> str:
    """Plain text of an HTML fragment: tags removed (script and style with their content),
    entities decoded, spaces collapsed, paragraphs and list items kept as line breaks."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = _LINE_END.sub(_line_end, text)
        # No tag allowed: Ammonia keeps the text and drops every element (and the content of
        # script, style and the like), whatever the markup's mistakes.
        text = AMMONIA.clean(text)
        # The parser has decoded the source's entities; its output escapes only these.
        if "&" in text:
            for entity, character in _SERIALISED:
                if entity in text:
                    text = text.replace(entity, character)
    elif "&" in text:
        text = html.unescape(text)
    return plain_text(text)


def _line_end(tag: re.Match[str]) -> str:
    return _LINE_END_OF[tag.group(0)]


def clean_many(values: Sequence[object]) -> list[str]:
    """`clean_html` of each value, in order; a text a feed repeats is cleaned once."""
    distinct = list(dict.fromkeys(v for v in values if isinstance(v, str)))
    if len(distinct) < _THREADED_FROM:
        cleaned = _clean_all(distinct)
    else:
        half = len(distinct) // 2
        with ThreadPoolExecutor(max_workers=2) as pool:
            first, second = pool.map(_clean_all, (distinct[:half], distinct[half:]))
        cleaned = first + second
    by_text = dict(zip(distinct, cleaned, strict=True))
    return [by_text[v] if isinstance(v, str) else clean_html(v) for v in values]


def _clean_all(values: Sequence[object]) -> list[str]:
    return [clean_html(v) for v in values]


def plain_text(value: object) -> str:
    """`value` as one tidy text: control characters and runs of spaces removed, lines kept,
    no more than one blank line in a row."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "\n" not in text and "\r" not in text:
        return _tidy(text)
    kept: list[str] = []
    if "\r" in text:
        # Windows and old Mac line ends are one line end each, not a blank line.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for line in text.split("\n"):
        line = _tidy(line)
        if line or (kept and kept[-1]):
            kept.append(line)
    result = "\n".join(kept).strip()
    # A list reads as consecutive lines, not paragraphs.
    return result.replace("\n\n• ", "\n• ") if "•" in result else result


def _tidy(line: str) -> str:
    """One line with control characters and runs of spaces removed."""
    if line.isprintable():
        # Most lines are tidy already: checking is far cheaper than splitting into words.
        if "  " not in line and line[:1] != " " and line[-1:] != " ":
            return line
    else:
        line = _CONTROL.sub(" ", line)
    return " ".join(line.split())


def label(value: object) -> str:
    """An audience or taxonomy label: stray spaces removed, `>` hierarchies spaced evenly
    ("Parents>Grandparents " reads "Parents > Grandparents")."""
    parts = [plain_text(part) for part in str(value or "").split(">")]
    return " > ".join(part for part in parts if part)
