"""Pure helpers for full-text search: the user's words as a safe query, snippets marked up.

The database does the searching (see `queries.search`); these keep the user's text from
being read as query syntax and turn the database's marked snippet into plain pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Private-use characters the database puts around each match in a snippet; they cannot
#: occur in stored text, which is read from files as ordinary characters.
MARK_START = "\ue000"
MARK_END = "\ue001"

_WORD = re.compile(r"[\w'’]+", re.UNICODE)


def query_words(text: str) -> list[str]:
    """The words of what the user typed, at most 12, without operators or punctuation."""
    return [w.replace("’", "'") for w in _WORD.findall(text)][:12]


def fts5_query(text: str) -> str:
    """An FTS5 query that matches passages holding every word (each quoted, so that AND,
    NEAR, * and the like are searched for as words)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query_words(text))


@dataclass(frozen=True)
class Piece:
    text: str
    matched: bool


def snippet_pieces(snippet: str) -> list[Piece]:
    """A snippet with MARK_START/MARK_END around matches, as pieces a template can escape."""
    pieces: list[Piece] = []
    for part in re.split(f"({MARK_START}.*?{MARK_END})", snippet):
        if not part:
            continue
        matched = part.startswith(MARK_START)
        pieces.append(Piece(part.strip(MARK_START + MARK_END), matched))
    return pieces
