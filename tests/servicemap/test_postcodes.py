from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from pairsight.servicemap.postcodes import (
    Point,
    PostcodeDirectory,
    PostcodeError,
    PostcodesIo,
    normalise,
)

from .conftest import fixture_bytes


@pytest.mark.parametrize(
    ("given", "expected"),
    [("bs1 5tr", "BS1 5TR"), ("BS15TR", "BS1 5TR"), (" sw1a  1aa ", "SW1A 1AA"), ("nonsense", "")],
)
def test_postcodes_are_normalised(given: str, expected: str) -> None:
    assert normalise(given) == expected


def test_an_ons_postcode_directory_extract_locates_postcodes() -> None:
    directory = PostcodeDirectory.read(fixture_bytes("onspd_extract_synthetic.csv"))
    found = directory.locate(["bs1 5tr", "BS8 1TH", "BS99 9ZZ", "ZZ1 1ZZ"])
    # BS99 9ZZ has no grid reference (99.999999): left out, like one the extract lacks.
    assert found == {"BS1 5TR": Point(51.4545, -2.5879), "BS8 1TH": Point(51.458, -2.603)}


def test_an_extract_without_the_onspd_columns_is_refused() -> None:
    with pytest.raises(PostcodeError, match="needs the ONSPD columns pcds"):
        PostcodeDirectory.read(b"postcode,x,y\nBS1 5TR,1,2\n")


def _recorded(calls: list[dict[str, object]]) -> httpx.MockTransport:
    answer = fixture_bytes("postcodes_io_bulk_synthetic.json")

    def respond(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content))
        return httpx.Response(200, content=answer, headers={"Content-Type": "application/json"})

    return httpx.MockTransport(respond)


def test_postcodes_io_answers_are_cached_and_asked_once(tmp_path: Path) -> None:
    calls: list[dict[str, object]] = []
    cache = tmp_path / "cache.json"
    lookup = PostcodesIo(cache_file=cache, transport=_recorded(calls))
    assert lookup.locate(["bs8 1th", "ZZ9 9ZZ"]) == {"BS8 1TH": Point(51.458, -2.603)}
    assert calls == [{"postcodes": ["BS8 1TH", "ZZ9 9ZZ"]}]
    again = PostcodesIo(cache_file=cache, transport=_recorded(calls))
    assert again.locate(["BS8 1TH", "ZZ9 9ZZ"]) == {"BS8 1TH": Point(51.458, -2.603)}
    assert len(calls) == 1, "both postcodes, found or not, come from the cache"


def test_postcodes_io_failures_are_reported() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    with pytest.raises(PostcodeError, match="did not answer within"):
        PostcodesIo(transport=httpx.MockTransport(down)).locate(["BS8 1TH"])
    broken = httpx.MockTransport(lambda request: httpx.Response(500))
    with pytest.raises(PostcodeError, match="answered HTTP 500"):
        PostcodesIo(transport=broken).locate(["BS8 1TH"])
