"""Postcodes located for the map: postcodes.io over HTTP with a cache, or an ONS Postcode
Directory (ONSPD) extract the user brings, for places with no internet or a policy against it.

Both answer the same question, `locate(postcodes) -> {postcode: Point}`; a postcode neither
knows is left out (the service still shows in the table, without a marker).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx

POSTCODES_IO = "https://api.postcodes.io"
#: postcodes.io takes at most 100 postcodes in one bulk lookup.
BULK_LIMIT = 100
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")


class PostcodeError(ValueError):
    """A lookup that could not be made; the message says why."""


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def normalise(postcode: str) -> str:
    """`bs1 5tr` and `BS15TR` read `BS1 5TR`; anything not shaped like a postcode reads ""."""
    match = _POSTCODE.match(re.sub(r"\s+", "", postcode.upper()).strip())
    if match is None:
        compact = re.sub(r"\s+", "", postcode.upper())
        match = _POSTCODE.match(compact[:-3] + " " + compact[-3:]) if len(compact) > 4 else None
    return f"{match.group(1)} {match.group(2)}" if match else ""


class PostcodeLookup(Protocol):
    def locate(self, postcodes: Iterable[str]) -> dict[str, Point]: ...


class PostcodesIo:
    """postcodes.io's bulk lookup, remembering every answer (found or not) in `cache`.

    The cache is a JSON file when `cache_file` is given, so a postcode is asked once.
    """

    def __init__(
        self,
        *,
        base_url: str = POSTCODES_IO,
        cache_file: Path | None = None,
        timeout_seconds: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache_file = cache_file
        self.timeout = timeout_seconds
        self.transport = transport
        self.cache: dict[str, list[float] | None] = {}
        if cache_file is not None and cache_file.exists():
            try:
                self.cache = json.loads(cache_file.read_text(encoding="utf-8"))
            except ValueError:
                self.cache = {}

    def locate(self, postcodes: Iterable[str]) -> dict[str, Point]:
        wanted = sorted({p for p in (normalise(p) for p in postcodes) if p})
        missing = [p for p in wanted if p not in self.cache]
        if missing:
            with httpx.Client(timeout=self.timeout, transport=self.transport) as client:
                for start in range(0, len(missing), BULK_LIMIT):
                    self._ask(client, missing[start : start + BULK_LIMIT])
            self._save()
        found = {}
        for postcode in wanted:
            cached = self.cache.get(postcode)
            if cached is not None:
                found[postcode] = Point(cached[0], cached[1])
        return found

    def _ask(self, client: httpx.Client, postcodes: list[str]) -> None:
        try:
            response = client.post(f"{self.base_url}/postcodes", json={"postcodes": postcodes})
        except httpx.TimeoutException:
            raise PostcodeError(
                f"postcodes.io did not answer within {self.timeout:g} seconds."
            ) from None
        except httpx.HTTPError as error:
            raise PostcodeError(f"postcodes.io could not be reached: {error}.") from None
        if response.status_code != 200:
            raise PostcodeError(f"postcodes.io answered HTTP {response.status_code}.")
        try:
            results = response.json()["result"]
        except (ValueError, KeyError, TypeError):
            raise PostcodeError("postcodes.io's answer was not the bulk lookup's JSON.") from None
        for entry in results if isinstance(results, list) else []:
            query = normalise(str(entry.get("query", "")))
            result = entry.get("result")
            if not query:
                continue
            if isinstance(result, Mapping) and _valid(
                result.get("latitude"), result.get("longitude")
            ):
                self.cache[query] = [float(result["latitude"]), float(result["longitude"])]
            else:
                self.cache[query] = None

    def _save(self) -> None:
        if self.cache_file is not None:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            self.cache_file.write_text(json.dumps(self.cache, sort_keys=True), encoding="utf-8")


class PostcodeDirectory:
    """An ONS Postcode Directory extract: a CSV with `pcds` (or `pcd`), `lat` and `long`.

    ONSPD marks postcodes with no grid reference with latitude 99.999999; those are left out.
    """

    def __init__(self, points: Mapping[str, Point]) -> None:
        self.points = dict(points)

    @classmethod
    def read(cls, content: bytes | str, where: str = "The postcode extract") -> PostcodeDirectory:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        reader = csv.DictReader(io.StringIO(text))
        headers = {h.strip().lower(): h for h in reader.fieldnames or []}
        code = headers.get("pcds") or headers.get("pcd") or headers.get("pcd2")
        lat, long = headers.get("lat"), headers.get("long")
        if not (code and lat and long):
            raise PostcodeError(
                f"{where} needs the ONSPD columns pcds (or pcd), lat and long; its columns "
                f"are {', '.join(reader.fieldnames or []) or 'none'}."
            )
        points = {}
        for row in reader:
            postcode = normalise(row.get(code) or "")
            if postcode and _valid(row.get(lat), row.get(long)):
                points[postcode] = Point(float(row[lat]), float(row[long]))
        return cls(points)

    def locate(self, postcodes: Iterable[str]) -> dict[str, Point]:
        wanted = {normalise(p) for p in postcodes}
        return {p: self.points[p] for p in sorted(wanted) if p in self.points}


def _valid(latitude: object, longitude: object) -> bool:
    try:
        lat, long = float(str(latitude)), float(str(longitude))
    except ValueError:
        return False
    return -90 <= lat <= 90 and -180 <= long <= 180 and lat != 99.999999
