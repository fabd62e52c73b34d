"""Agreement between coders: Cohen's kappa per theme and Krippendorff's alpha overall.

Input is what coders did: one row per code a coder applied to a unit (an excerpt, a turn,
a free-text answer). A unit a coder looked at but gave no code is recorded by the coder
appearing for that unit with another code, or not at all; a unit a coder never coded is
missing for that coder, which alpha allows and kappa skips.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations


class AgreementError(ValueError):
    """A coding file that cannot be read, naming the row or column."""


@dataclass(frozen=True)
class Coding:
    unit: str
    coder: str
    code: str


@dataclass(frozen=True)
class ThemeKappa:
    code: str
    coders: tuple[str, str]
    units: int
    #: None when kappa is undefined: both coders used the code on every unit, or never.
    kappa: float | None
    observed: float


@dataclass(frozen=True)
class Agreement:
    alpha: float | None
    units: int
    coders: tuple[str, ...]
    themes: tuple[ThemeKappa, ...]


READING = (
    "How to read these: 1 is perfect agreement, 0 is what chance alone would give, and "
    "below 0 is worse than chance. Krippendorff (2004) suggests relying on alpha of at "
    "least 0.800 and drawing only tentative conclusions from 0.667 to 0.800; Landis and "
    "Koch (1977) call kappa 0.41 to 0.60 moderate, 0.61 to 0.80 substantial and above 0.80 "
    "almost perfect agreement."
)


def read_codings(text: str) -> list[Coding]:
    """Rows of a CSV with the columns unit, coder and code (any order, any extra columns)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {name.strip().lower(): name for name in reader.fieldnames or []}
    missing = [name for name in ("unit", "coder", "code") if name not in columns]
    if missing:
        raise AgreementError(
            f"The file has no column {', '.join(missing)}: it needs unit,coder,code"
        )
    codings = []
    for number, row in enumerate(reader, start=2):
        values = {
            name: (row.get(columns[name]) or "").strip() for name in ("unit", "coder", "code")
        }
        for name, value in values.items():
            if not value:
                raise AgreementError(f"Row {number}: the {name} column is empty")
        codings.append(Coding(**values))
    if not codings:
        raise AgreementError("The file has no rows of codings")
    return codings


def cohen_kappa(pairs: Iterable[tuple[object, object]]) -> float | None:
    """Cohen's kappa for two raters' labels of the same units (None when undefined)."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if math.isclose(expected, 1.0):
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha_nominal(data: Mapping[str, Mapping[str, object]]) -> float | None:
    """Krippendorff's alpha for nominal data: `data[unit][coder]` is the value given.

    Units with fewer than two values are not pairable and drop out, as in Krippendorff's
    coincidence-matrix method (Krippendorff 2011, Computing Krippendorff's Alpha-Reliability).
    """
    coincidences: dict[tuple[object, object], float] = defaultdict(float)
    for values_by_coder in data.values():
        values = list(values_by_coder.values())
        m = len(values)
        if m < 2:
            continue
        for i, j in combinations(range(m), 2):
            coincidences[(values[i], values[j])] += 1 / (m - 1)
            coincidences[(values[j], values[i])] += 1 / (m - 1)
    n_c: dict[object, float] = defaultdict(float)
    for (c, _), count in coincidences.items():
        n_c[c] += count
    n = sum(n_c.values())
    if n <= 1:
        return None
    disagreement_observed = sum(count for (c, k), count in coincidences.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    if expected == 0:
        return None
    return 1 - disagreement_observed / expected


def agreement(codings: Iterable[Coding]) -> Agreement:
    """Alpha over every unit and coder, and kappa for each code two coders used.

    For alpha, a coder's value for a unit is the code they gave it; where they gave several,
    the set of codes together is the value (so agreeing means choosing the same codes).
    Kappa for a code compares whether each of two coders applied it, over the units both
    coded: with exactly two coders in the file every code gets one; with more, a code gets
    one when exactly two coders used it.
    """
    codes_given: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for coding in codings:
        codes_given[coding.unit][coding.coder].add(coding.code)
    all_coders = sorted({coder for unit in codes_given.values() for coder in unit})
    data = {
        unit: {coder: " + ".join(sorted(codes)) for coder, codes in by_coder.items()}
        for unit, by_coder in codes_given.items()
    }
    alpha = krippendorff_alpha_nominal(data)
    users: dict[str, set[str]] = defaultdict(set)
    for by_coder in codes_given.values():
        for coder, codes in by_coder.items():
            for code in codes:
                users[code].add(coder)
    themes = []
    for code in sorted(users):
        pair = all_coders if len(all_coders) == 2 else sorted(users[code])
        if len(pair) != 2:
            continue
        first, second = pair
        shared = [
            u for u, by_coder in codes_given.items() if first in by_coder and second in by_coder
        ]
        labels = [(code in codes_given[u][first], code in codes_given[u][second]) for u in shared]
        observed = sum(a == b for a, b in labels) / len(labels) if labels else 0.0
        themes.append(ThemeKappa(code, (first, second), len(shared), cohen_kappa(labels), observed))
    return Agreement(alpha, len(codes_given), tuple(all_coders), tuple(themes))
