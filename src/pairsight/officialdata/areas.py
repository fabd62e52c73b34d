"""Areas in a published table: finding one by its ONS code, and telling tiers apart.

The tier of an area is read from its GSS code prefix, which is stable across releases,
rather than from the Geography column, whose wording changes ("Geography1", "Unitary
Authority", Nomis' "local authorities: district / unitary (as of April 2023)").
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from pairsight.officialdata.errors import AreaNotFoundError


class Tier(enum.StrEnum):
    ALL = "all"  # every local authority, both tiers
    UPPER = "upper"  # councils with children's services: counties, unitaries, metropolitan
    LOWER = "lower"  # districts, unitaries, metropolitan districts, London boroughs


_PREFIX_KIND = {
    "E06": "Unitary authority",
    "E07": "Non-metropolitan district",
    "E08": "Metropolitan district",
    "E09": "London borough",
    "E10": "County",
    "E11": "Metropolitan county",
    "E12": "Region",
    "E92": "Country",
    "W06": "Unitary authority",
    "W92": "Country",
    "S12": "Council area",
    "S92": "Country",
    "N09": "Local government district",
    "N92": "Country",
    "K02": "Country",
    "K03": "Country",
    "K04": "Country",
}

_BOTH_TIERS = {"E06", "E08", "E09", "W06", "S12", "N09"}
_UPPER_ONLY = {"E10"}
_LOWER_ONLY = {"E07"}


def area_kind(code: str) -> str:
    return _PREFIX_KIND.get(code[:3], "Other area")


def is_local_authority(code: str, tier: Tier = Tier.ALL) -> bool:
    prefix = code[:3]
    if prefix in _BOTH_TIERS:
        return True
    if tier is Tier.UPPER:
        return prefix in _UPPER_ONLY
    if tier is Tier.LOWER:
        return prefix in _LOWER_ONLY
    return prefix in _UPPER_ONLY | _LOWER_ONLY


@dataclass(frozen=True)
class AreaIndex:
    """Codes and names in file order, with a lookup that explains a miss."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    where: str  # "sheet 'MYE2 - Persons' of mye.xlsx"
    _positions: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_positions", {c: i for i, c in enumerate(self.codes)})

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self._positions

    def position(self, code: str) -> int:
        wanted = code.strip().upper()
        if wanted in self._positions:
            return self._positions[wanted]
        raise AreaNotFoundError(self._miss(code.strip()))

    def name_of(self, code: str) -> str:
        return self.names[self.position(code)]

    def _miss(self, code: str) -> str:
        hint = self._suggestion(code)
        return f"Area code '{code}' is not in {self.where}, which has {len(self.codes):,} areas" + (
            f"; did you mean {hint}?" if hint else "; check the code (e.g. E08000025)."
        )

    def _suggestion(self, code: str) -> str:
        if not self.codes:
            return ""
        by_name = process.extractOne(code, self.names, scorer=fuzz.WRatio, score_cutoff=85)
        if by_name is not None:
            index = by_name[2]
            return f"{self.codes[index]} ({self.names[index]})"
        by_code = process.extractOne(code.upper(), self.codes, scorer=fuzz.ratio, score_cutoff=80)
        if by_code is not None:
            index = by_code[2]
            return f"{self.codes[index]} ({self.names[index]})"
        return ""


def area_index(codes: Sequence[str], names: Sequence[str], where: str) -> AreaIndex:
    return AreaIndex(tuple(codes), tuple(names), where)
