"""Reading one cell's answer against a question: the rules, applied to distinct values only.

A column of 100,000 answers holds a handful of distinct values, so each rule runs once per
distinct value (`pd.factorize`) and the result is spread back over the rows with numpy.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from pairsight.surveys.answer_text import normalise, slug
from pairsight.surveys.importers.export import cell_text
from pairsight.surveys.instruments.model import Option

T = TypeVar("T")

CHECKED = frozenset({"1", "y", "yes", "checked", "true", "x", "✓", "✔", "selected", "ticked"})
UNCHECKED = frozenset({"0", "n", "no", "unchecked", "false", "not selected", "not checked"})
# Tools write the words of the survey's language in boxes (LimeSurvey's German "Ja"/"Nein"),
# and "N/A" in a box the respondent never saw.
CHECKED |= {"ja", "oui", "sí", "si"}
UNCHECKED |= {"nein", "non", "n/a"}
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


@dataclass(frozen=True)
class Unknown:
    """A value that fits no option: kept, with what it was, for the problem list."""

    text: str
    reason: str


def per_distinct(
    values: pd.Series, rule: Callable[[object], T]
) -> tuple[npt.NDArray[np.intp], list[T]]:
    """Apply `rule` to each distinct value: codes per row (-1 for empty) and each result."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    return codes, [rule(u) for u in uniques]


def choice_lookup(
    labels: Sequence[str], options: Sequence[Option] = (), position_codes: Sequence[str] = ()
) -> dict[str, str]:
    """Every way an export may write each option, normalised, to the option's label.

    Labels come first and are never displaced by a code; explicit option codes come next;
    position codes ("1", "A1", "AO01") only when the questionnaire gives no codes of its own.
    """
    lookup: dict[str, str] = {}
    for label in labels:
        lookup.setdefault(normalise(label), label)
    for label in labels:
        lookup.setdefault(slug(label), label)
    explicit = [o for o in options if o.code is not None]
    for option in explicit:
        lookup.setdefault(normalise(option.code or ""), option.label)
    if not explicit:
        for number, label in enumerate(labels, start=1):
            for pattern in position_codes:
                lookup.setdefault(normalise(pattern.format(n=number)), label)
    lookup.pop("", None)
    return lookup


def read_choice(value: object, lookup: dict[str, str]) -> str | Unknown | None:
    text = cell_text(value).strip()
    key = normalise(text)
    if not key:
        return None
    return lookup.get(key) or Unknown(text, "not one of the options")


def read_choices(
    value: object, lookup: dict[str, str], separator: str
) -> tuple[list[str], list[str]] | None:
    """The options chosen in a joined cell ("A;B;"), and the parts that fit no option.

    Labels may contain the separator ("Other needs (e.g. SEND, housing)" in a comma-joined
    Qualtrics cell), so the longest run of parts that makes a known option wins.
    """
    text = cell_text(value).strip()
    if not normalise(text):
        return None
    whole = lookup.get(normalise(text))
    if whole is not None:
        return [whole], []
    # Parts keep their own spacing, so that joining them again restores a label exactly.
    parts = [part for part in text.split(separator) if part.strip()]
    chosen: list[str] = []
    unknown: list[str] = []
    start = 0
    after_unknown = False
    while start < len(parts):
        for end in range(len(parts), start, -1):
            label = lookup.get(normalise(separator.join(parts[start:end])))
            if label is not None:
                chosen.append(label)
                start, after_unknown = end, False
                break
        else:
            # Consecutive unknown parts are one answer typed in an "Other" box.
            if after_unknown:
                unknown[-1] = f"{unknown[-1]}{separator}{parts[start]}".strip()
            else:
                unknown.append(parts[start].strip())
            start, after_unknown = start + 1, True
    return chosen, unknown


def read_tick(value: object, option_forms: frozenset[str]) -> bool | Unknown:
    """A checkbox column: ticked (1, Y, Checked, or the option's own label) or not."""
    text = cell_text(value).strip()
    key = normalise(text)
    if not key or key in UNCHECKED:
        return False
    if key in CHECKED or key in option_forms:
        return True
    return Unknown(text, "not a tick: expected the option, Checked, Y or 1 (or an empty cell)")


def read_number(
    value: object, minimum: float | None, maximum: float | None, integer: bool, unit: str | None
) -> float | Unknown | None:
    if isinstance(value, bool):
        return Unknown(cell_text(value), "not a number")
    if isinstance(value, int | float):
        number = float(value)
        text = cell_text(value)
    else:
        text = cell_text(value).strip()
        if not text:
            return None
        cleaned = _THOUSANDS.sub("", normalise(text))
        if unit and cleaned.endswith(normalise(unit)):
            cleaned = cleaned[: -len(normalise(unit))].strip()
        try:
            number = float(cleaned)
        except ValueError:
            return Unknown(text, "not a number")
    if math.isnan(number):
        return None
    if math.isinf(number):
        return Unknown(text, "not a number")
    if integer and not number.is_integer():
        return Unknown(text, "not a whole number")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        low = "" if minimum is None else f"{minimum:g}"
        high = "" if maximum is None else f"{maximum:g}"
        span = (
            f"from {low} to {high}"
            if low and high
            else (f"at least {low}" if low else f"at most {high}")
        )
        return Unknown(text, f"outside the allowed range ({span})")
    return number


def read_text(value: object) -> str | None:
    text = cell_text(value).strip()
    return text or None


def read_rank(value: object, size: int) -> int | Unknown | None:
    text = cell_text(value).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return Unknown(text, "not a rank (a whole number)")
    if not number.is_integer() or not 1 <= number <= size:
        return Unknown(text, f"not a rank from 1 to {size}")
    return int(number)
