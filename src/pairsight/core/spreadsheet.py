"""Text bound for a spreadsheet cell, made safe to open."""

from __future__ import annotations

#: A cell starting with one of these runs as a formula when the file is opened in Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """`text` as a spreadsheet cell that shows, and never runs, what it says."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
