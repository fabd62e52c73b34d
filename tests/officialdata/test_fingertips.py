"""The Fingertips client against a stand-in server (httpx.MockTransport), and its cache.

No machine here reaches Fingertips, so nothing was stand_in from the live API: the stand-in
answers with hand-written SYNTHETIC JSON (tests/officialdata/fixtures/fingertips_*_synthetic.json)
in the shape of Fingertips' published API (its OpenAPI description and its public client
code). The values are invented test values, never real statistics. The client code, the URL
it builds, the parsing and the cache all run for real.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from pairsight.officialdata.fingertips import FingertipsClient, FingertipsError


class StandInFingertips:
    def __init__(self, fixtures: Path) -> None:
        self.fixtures = fixtures
        self.requests: list[httpx.URL] = []
        self.down = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url)
        if self.down:
            return httpx.Response(503, text="Service Unavailable")
        path, params = request.url.path, request.url.params
        if path == "/api/latest_data/specific_indicators_for_child_areas":
            assert params["area_type_id"] == "502"
            assert params["parent_area_code"] == "E92000001"
            name = f"fingertips_latest_data_{params['indicator_ids']}_502_synthetic.json"
        elif path == "/api/indicator_metadata/by_indicator_id":
            name = f"fingertips_indicator_metadata_{params['indicator_ids']}_synthetic.json"
        elif path == "/api/areas/by_area_type":
            name = f"fingertips_areas_{params['area_type_id']}_synthetic.json"
        else:
            return httpx.Response(404)
        body = json.loads((self.fixtures / name).read_text(encoding="utf-8"))
        return httpx.Response(200, json=body)


@pytest.fixture
def stand_in(fixtures: Path) -> StandInFingertips:
    return StandInFingertips(fixtures)


def client(tmp_path: Path, stand_in: StandInFingertips, **kwargs: object) -> FingertipsClient:
    http = httpx.Client(transport=httpx.MockTransport(stand_in))
    return FingertipsClient(tmp_path / "cache", http=http, **kwargs)  # type: ignore[arg-type]


def test_latest_values_by_area_with_england(tmp_path: Path, stand_in: StandInFingertips) -> None:
    data = client(tmp_path, stand_in).latest(92196)
    assert data.name == "Infant mortality rate"
    assert (data.unit, data.period, data.sex, data.age) == (
        "per 1,000",
        "2021 - 23",
        "Persons",
        "<1 yr",
    )
    value = data.for_area("E08900001")
    assert value is not None and value.value == 6.2 and value.denominator == 35500.0
    assert data.england is not None and data.england.value == 4.1
    # Fingertips marks a missing value with -1: it is no value, not a negative rate.
    missing = data.for_area("E10900001")
    assert missing is not None and missing.value is None
    assert "indicator 92196 (Infant mortality rate), 2021 - 23" in data.source()


def test_second_call_comes_from_the_cache(tmp_path: Path, stand_in: StandInFingertips) -> None:
    first = client(tmp_path, stand_in).latest(92196)
    calls = len(stand_in.requests)
    again = client(tmp_path, stand_in).latest(92196)
    assert len(stand_in.requests) == calls
    assert again.from_cache and not first.from_cache
    assert again.retrieved == first.retrieved


def test_an_old_cache_is_used_and_marked_when_fingertips_is_down(
    tmp_path: Path, stand_in: StandInFingertips
) -> None:
    client(tmp_path, stand_in).latest(92196)
    stand_in.down = True
    stale = client(tmp_path, stand_in, max_age=timedelta(0)).latest(92196)
    assert stale.stale and stale.from_cache
    assert "Fingertips could not be reached" in stale.source()


def test_no_answer_and_no_cache_is_one_sentence(
    tmp_path: Path, stand_in: StandInFingertips
) -> None:
    stand_in.down = True
    with pytest.raises(
        FingertipsError, match="did not answer .* \\(status 503\\) and there is no cached copy"
    ):
        client(tmp_path, stand_in).latest(92196)


def test_areas_by_type(tmp_path: Path, stand_in: StandInFingertips) -> None:
    areas = client(tmp_path, stand_in).areas()
    assert areas["E08900001"] == "Synthetic Metropolitan B"
    assert "E07900001" not in areas  # districts are not upper-tier councils
