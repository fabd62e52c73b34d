"""A published figure: its exact value, its rounding for publication, and where it came from."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pairsight.core.document import Assumption


def publish(value: Fraction) -> int:
    """Nearest whole number, halves rounded up: the rounding the published figures use."""
    return math.floor(value + Fraction(1, 2))


def decimal_text(value: Fraction, places: int = 6) -> str:
    """An exact fraction as decimal text, exact where it terminates within `places`."""
    scaled = value * 10**places
    digits = publish(scaled) if scaled.denominator != 1 else int(scaled)
    sign = "-" if digits < 0 else ""
    whole, part = divmod(abs(digits), 10**places)
    text = f"{sign}{whole}.{part:0{places}d}".rstrip("0").rstrip(".")
    return text


def exact_text(value: Fraction) -> str:
    """Decimal text where the fraction terminates, else "numerator/denominator": never lossy."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return decimal_text(value, max(places, 1))


def percent(value: Fraction) -> str:
    return f"{decimal_text(value * 100, 2)}%"


def people(value: int | Fraction) -> str:
    if isinstance(value, Fraction) and value.denominator != 1:
        return f"{float(value):,.2f}"
    return f"{int(value):,}"


@dataclass(frozen=True)
class Provenance:
    statement: str
    inputs: tuple[str, ...] = ()
    assumptions: tuple[Assumption, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "inputs": list(self.inputs),
            "assumptions": [
                {"name": a.name, "value": a.value, "source": a.source.citation}
                for a in self.assumptions
            ],
        }


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    exact: Fraction
    value: int
    provenance: Provenance
    low: int | None = None
    high: int | None = None

    @property
    def has_range(self) -> bool:
        return self.low is not None and self.low != self.high

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "exact": exact_text(self.exact),
            "low": self.low,
            "high": self.high,
            "provenance": self.provenance.to_dict(),
        }
