"""How answers and headers are compared: case, spaces and typographic quotes don't count.

Exports disagree about "Don’t know" and "Don't know", about "Health visitor " and "health
visitor"; a person reading them sees the same answer, so the importer must too.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """The form two answers are compared in: NFKC, plain quotes, single spaces, casefolded."""
    # Headings, question texts and option labels are compared again and again (every column
    # with every question): short texts are remembered, long answers worked out each time.
    if len(text) <= _REMEMBERED_CHARS:
        return _remembered(text)
    return _normalised(text)


def _normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _SPACES.sub(" ", text).strip().casefold()


_REMEMBERED_CHARS = 200
_remembered = functools.lru_cache(maxsize=8192)(_normalised)


def slug(text: str) -> str:
    """A lower-case identifier made of letters, digits and underscores (Kobo-style names)."""
    folded = unicodedata.normalize("NFKD", normalise(text)).encode("ascii", "ignore").decode()
    return _NOT_WORD.sub("_", folded).strip("_")


def identifier(text: str, taken: set[str]) -> str:
    """A question id made from a column header, unique among `taken` (which it extends)."""
    base = slug(text)[:40].strip("_") or "column"
    if not base[0].isalpha():
        base = f"q_{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    taken.add(candidate)
    return candidate
