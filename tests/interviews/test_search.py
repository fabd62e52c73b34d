"""The user's words as a full-text query, and snippets as pieces to escape."""

from __future__ import annotations

from pairsight.interviews.search import (
    MARK_END,
    MARK_START,
    Piece,
    fts5_query,
    query_words,
    snippet_pieces,
)


def test_operators_and_quotes_become_plain_quoted_words() -> None:
    assert fts5_query('judge* NEAR("x" OR y)') == '"judge" "NEAR" "x" "OR" "y"'
    assert fts5_query("they’d") == '"they\'d"'
    assert query_words("  ,;  ") == []


def test_at_most_twelve_words_are_searched() -> None:
    assert len(query_words(" ".join(f"w{i}" for i in range(30)))) == 12


def test_snippet_pieces_keep_text_and_say_which_matched() -> None:
    snippet = f"…scared they'd {MARK_START}judge{MARK_END} me <b>…"
    assert snippet_pieces(snippet) == [
        Piece("…scared they'd ", False),
        Piece("judge", True),
        Piece(" me <b>…", False),
    ]
