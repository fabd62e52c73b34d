"""Findings any workstream offers as evidence, and the registry through which it offers them.

A workstream registers one provider under a key prefix (its own name) when Django starts
(`AppConfig.ready`). A provider takes an assessment and returns the `Evidence` it can offer
for it now: the chosen need estimate's figures, survey findings, later service-map gaps and
interview themes. Recommendations, the report and editions look evidence up by key through
this module alone, so no workstream imports another.

Keys are stable: `<prefix>:<name>` (`population:unmet-need`, `surveys:workforce:q3`). A
provider must give the same key to the same finding whenever it offers it again, so a
citation stored today finds its live value tomorrow.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One citable finding as it stands now."""

    key: str
    label: str
    #: As the reader sees it ("2,420", "64% of 89 practitioners").
    value: str
    unit: str
    source: str
    as_of: datetime.date | None = None
    #: Where the finding lives in PAIRsight (a page path), for "see the evidence".
    link: str = ""
    #: The team marked it as a key finding (a starred survey finding).
    starred: bool = False

    def __post_init__(self) -> None:
        prefix, _, name = self.key.partition(":")
        if not prefix or not name:
            raise ValueError(f"Evidence key {self.key!r} must read <prefix>:<name>.")
        if not self.label.strip():
            raise ValueError(f"Evidence {self.key!r} needs a label.")

    def frozen(self) -> dict[str, Any]:
        """A plain copy to store beside a citation (what the evidence showed when cited)."""
        copy = asdict(self)
        copy["as_of"] = self.as_of.isoformat() if self.as_of else None
        return copy


#: What a workstream registers: the evidence it offers for one assessment.
Provider = Callable[[Any], Iterable[Evidence]]

_providers: dict[str, Provider] = {}


def register(prefix: str, provider: Provider) -> None:
    """Offer a workstream's evidence under `prefix` (registering again replaces it)."""
    if not prefix or ":" in prefix:
        raise ValueError(f"Evidence prefix {prefix!r} must be a plain name.")
    _providers[prefix] = provider


def prefixes() -> tuple[str, ...]:
    return tuple(sorted(_providers))


def offered(assessment: Any, prefix: str | None = None) -> list[Evidence]:
    """Every finding the workstreams offer for the assessment, or only those under `prefix`."""
    chosen = [prefix] if prefix is not None else sorted(_providers)
    found: list[Evidence] = []
    for name in chosen:
        provider = _providers.get(name)
        if provider is not None:
            found.extend(e for e in provider(assessment) if e.key.startswith(f"{name}:"))
    return found


def live(assessment: Any, keys: Iterable[str]) -> dict[str, Evidence]:
    """The current evidence for each key still offered (a key whose finding went is absent)."""
    wanted = set(keys)
    by_prefix = {key.partition(":")[0] for key in wanted}
    return {
        e.key: e
        for prefix in sorted(by_prefix)
        for e in offered(assessment, prefix)
        if e.key in wanted
    }


@dataclass(frozen=True)
class Movement:
    """How a cited finding compares with what it shows now."""

    then: str
    now: str | None

    @property
    def moved(self) -> bool:
        return self.now is not None and self.now != self.then

    @property
    def gone(self) -> bool:
        return self.now is None

    def describe(self) -> str:
        if self.gone:
            return f"evidence no longer available (was {self.then})"
        if self.moved:
            return f"evidence moved: {self.then} → {self.now}"
        return "evidence unchanged"


def movement(frozen_value: str, current: Evidence | None) -> Movement:
    return Movement(then=frozen_value, now=current.value if current is not None else None)
