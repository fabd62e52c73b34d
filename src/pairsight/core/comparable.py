"""Facts a workstream offers for comparing two editions, beside its citable findings.

Some of what changes between editions is not a finding anyone cites (a recommendation's
status, whether a service is still on the map) but belongs in "what changed". A workstream
registers a provider here under its prefix, as it does in `citable`; editions read both
registries by key, so no workstream imports another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pairsight.core import citable
from pairsight.core.citable import Evidence

Provider = Callable[[Any], Iterable[Evidence]]

_providers: dict[str, Provider] = {}


def register(prefix: str, provider: Provider) -> None:
    """Offer a workstream's comparable facts under `prefix` (registering again replaces it)."""
    if not prefix or ":" in prefix:
        raise ValueError(f"Comparison prefix {prefix!r} must be a plain name.")
    _providers[prefix] = provider


def everything(assessment: Any) -> list[Evidence]:
    """Every citable finding and every comparable fact of the assessment, in key order.

    A key offered by both registries is kept once (the citable finding).
    """
    found = {e.key: e for e in citable.offered(assessment)}
    for prefix in sorted(_providers):
        for fact in _providers[prefix](assessment):
            if fact.key.startswith(f"{prefix}:"):
                found.setdefault(fact.key, fact)
    return [found[key] for key in sorted(found)]
