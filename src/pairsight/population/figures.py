"""A published figure: its exact value, its rounding for publication, and where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pairsight.core.document import Assumption


def publish(value: Fraction) -> int:
    """Nearest whole number, halves rounded up: the rounding the published figures use."""
    # floor(n/d + 1/2) in integers: the same result without building two more Fractions.
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def decimal_text(value: Fraction, places: int = 6) -> str:
    """An exact fraction as decimal text, exact where it terminates within `places`."""
    return ratio_text(value.numerator, value.denominator, places)


def ratio_text(numerator: int, denominator: int, places: int = 6) -> str:
    """numerator / denominator (denominator > 0, any common factor) as `decimal_text` writes
    it: rounded once, at the last place, halves up."""
    scale = 10**places
    digits = (2 * numerator * scale + denominator) // (2 * denominator)
    sign = "-" if digits < 0 else ""
    whole, part = divmod(abs(digits), scale)
    return f"{sign}{whole}.{part:0{places}d}".rstrip("0").rstrip(".")


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
