"""A small client for the OHID Fingertips API: context indicators for local authorities.

Fingertips publishes public health indicators by area. PAIRsight shows a few of them
beside the need (infant mortality, deprivation score, child development at 2-2½) for the
upper-tier local authorities (area type 502). The client speaks plain HTTP through httpx
and keeps every answer in a local cache folder with the time it was retrieved, so a
report can say when its context figures were fetched, and work offline afterwards.

Endpoints used (JSON):
  indicator_metadata/by_indicator_id?indicator_ids=ID           name, unit, definition
  latest_data/specific_indicators_for_child_areas?area_type_id=502&parent_area_code=E92000001
      &indicator_ids=ID&restrict_to_profile_ids=                latest value per area
  areas/by_area_type?area_type_id=502                           area codes and names
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

BASE_URL = "https://fingertips.phe.org.uk/api"
UPPER_TIER_AREA_TYPE = 502  # upper-tier local authorities (from April 2023)
ENGLAND = "E92000001"
DEFAULT_MAX_AGE = timedelta(days=30)
TIMEOUT = httpx.Timeout(30.0, connect=10.0)

# Context indicators shown beside the need. Only IDs whose Fingertips names were checked
# are listed; the client reads each indicator's current name from the API, so a renamed
# indicator shows its new name. Children in low-income families has no default here: pass
# its ID (`--indicator`) for the edition you want.
CONTEXT_INDICATORS: Mapping[int, str] = {
    92196: "Infant mortality rate",
    93553: "Deprivation score (IMD 2019)",
    93436: "Child development: good level of development at 2 to 2½ years",
}


class FingertipsError(RuntimeError):
    """Fingertips could not give an answer and no cached copy exists; one sentence."""


@dataclass(frozen=True)
class IndicatorValue:
    area_code: str
    value: float | None
    value_text: str
    lower_ci: float | None
    upper_ci: float | None
    count: float | None
    denominator: float | None


@dataclass(frozen=True)
class IndicatorData:
    indicator_id: int
    name: str
    unit: str
    sex: str
    age: str
    period: str
    area_type: int
    values: tuple[IndicatorValue, ...]
    england: IndicatorValue | None
    url: str
    retrieved: str  # ISO time the answer was fetched from Fingertips
    from_cache: bool
    stale: bool = False  # the cache was older than wanted and Fingertips could not be reached

    def for_area(self, code: str) -> IndicatorValue | None:
        return next((v for v in self.values if v.area_code == code), None)

    def source(self) -> str:
        text = (
            f"OHID Fingertips indicator {self.indicator_id} ({self.name}), {self.period}, "
            f"retrieved {self.retrieved[:10]} from {self.url}"
        )
        return text + (" (cached copy; Fingertips could not be reached)" if self.stale else "")


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    # Fingertips marks a missing value with -1 (or the largest negative number).
    return None if number < 0 else number


def _value(item: Mapping[str, Any]) -> IndicatorValue:
    value = _number(item.get("Val"))
    return IndicatorValue(
        area_code=str(item.get("AreaCode", "")),
        value=value,
        value_text=str(item.get("ValF") or ("" if value is None else value)),
        lower_ci=_number(item.get("LoCI")),
        upper_ci=_number(item.get("UpCI")),
        count=_number(item.get("Count")),
        denominator=_number(item.get("Denom")),
    )


@dataclass(frozen=True)
class _Answer:
    body: Any
    retrieved: str
    from_cache: bool
    stale: bool


class FingertipsClient:
    """Fetches and caches Fingertips answers; pass `http` to choose the transport."""

    def __init__(
        self,
        cache_dir: Path,
        http: httpx.Client | None = None,
        base_url: str = BASE_URL,
        max_age: timedelta = DEFAULT_MAX_AGE,
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.http = http or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
        self.base_url = base_url.rstrip("/")
        self.max_age = max_age

    def url(self, endpoint: str, params: Mapping[str, object]) -> str:
        return f"{self.base_url}/{endpoint}?{urlencode(params)}"

    def _cache_file(self, url: str) -> Path:
        return self.cache_dir / f"fingertips-{hashlib.sha256(url.encode()).hexdigest()[:20]}.json"

    def _get(self, url: str, *, refresh: bool = False) -> _Answer:
        cached = self._cached(url)
        now = datetime.now(UTC)
        fresh = (
            cached is not None and now - datetime.fromisoformat(cached["retrieved"]) <= self.max_age
        )
        if cached is not None and fresh and not refresh:
            return _Answer(cached["body"], cached["retrieved"], True, False)
        try:
            response = self.http.get(url, headers={"Accept": "application/json"})
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as error:
            if cached is not None:
                return _Answer(cached["body"], cached["retrieved"], True, True)
            raise FingertipsError(
                f"Fingertips did not answer {url} ({_reason(error)}) and there is no cached copy."
            ) from None
        retrieved = now.isoformat(timespec="seconds")
        self._store(url, body, retrieved)
        return _Answer(body, retrieved, False, False)

    def _fresh(self, cached: dict[str, Any], now: datetime) -> bool:
        return now - datetime.fromisoformat(cached["retrieved"]) <= self.max_age

    def _cached(self, url: str) -> dict[str, Any] | None:
        path = self._cache_file(url)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("url") != url or "body" not in data:
            return None
        return data

    def _store(self, url: str, body: Any, retrieved: str) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        path = self._cache_file(url)
        temporary = path.with_suffix(".part")
        temporary.write_text(
            json.dumps({"url": url, "retrieved": retrieved, "body": body}), encoding="utf-8"
        )
        temporary.replace(path)

    def metadata(
        self, indicator_ids: Sequence[int], *, refresh: bool = False
    ) -> dict[int, dict[str, str]]:
        url = self.url(
            "indicator_metadata/by_indicator_id",
            {"indicator_ids": ",".join(str(i) for i in indicator_ids)},
        )
        body = self._get(url, refresh=refresh).body
        if not isinstance(body, dict):
            raise FingertipsError(f"Fingertips answered {url} with something other than metadata.")
        found: dict[int, dict[str, str]] = {}
        for key, item in body.items():
            descriptive = item.get("Descriptive") or {}
            unit = item.get("Unit") or {}
            found[int(key)] = {
                "name": str(descriptive.get("Name") or descriptive.get("NameLong") or key),
                "definition": str(descriptive.get("Definition") or ""),
                "unit": str(unit.get("Label") or ""),
            }
        return found

    def latest(
        self,
        indicator_id: int,
        area_type: int = UPPER_TIER_AREA_TYPE,
        parent_area_code: str = ENGLAND,
        *,
        refresh: bool = False,
    ) -> IndicatorData:
        url = self.url(
            "latest_data/specific_indicators_for_child_areas",
            {
                "area_type_id": area_type,
                "parent_area_code": parent_area_code,
                "indicator_ids": indicator_id,
                "restrict_to_profile_ids": "",
            },
        )
        answer = self._get(url, refresh=refresh)
        roots = answer.body if isinstance(answer.body, list) else []
        root = next((r for r in roots if int(r.get("IID", -1)) == indicator_id), None)
        if root is None:
            raise FingertipsError(
                f"Fingertips has no data for indicator {indicator_id} for area type {area_type}."
            )
        meta = self.metadata([indicator_id], refresh=refresh).get(indicator_id, {})
        grouping = (root.get("Grouping") or [{}])[0]
        comparator = grouping.get("ComparatorData")
        return IndicatorData(
            indicator_id=indicator_id,
            name=meta.get("name") or CONTEXT_INDICATORS.get(indicator_id, str(indicator_id)),
            unit=meta.get("unit", ""),
            sex=str((root.get("Sex") or {}).get("Name", "")),
            age=str((root.get("Age") or {}).get("Name", "")),
            period=str(grouping.get("Period") or grouping.get("TimePeriodText") or ""),
            area_type=area_type,
            values=tuple(_value(item) for item in root.get("Data") or []),
            england=_value(comparator) if isinstance(comparator, dict) else None,
            url=url,
            retrieved=answer.retrieved,
            from_cache=answer.from_cache,
            stale=answer.stale,
        )

    def areas(
        self, area_type: int = UPPER_TIER_AREA_TYPE, *, refresh: bool = False
    ) -> dict[str, str]:
        url = self.url("areas/by_area_type", {"area_type_id": area_type})
        body = self._get(url, refresh=refresh).body
        return {str(a["Code"]): str(a["Name"]) for a in body if isinstance(a, dict) and "Code" in a}


def _reason(error: Exception) -> str:
    if isinstance(error, httpx.HTTPStatusError):
        return f"status {error.response.status_code}"
    if isinstance(error, ValueError):
        return "the answer was not JSON"
    return type(error).__name__
