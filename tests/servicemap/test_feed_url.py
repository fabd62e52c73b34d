"""Feeds read from a web address, served by a real HTTP server on this machine."""

from __future__ import annotations

import pytest

from pairsight.servicemap.feed_url import FetchLimits, next_page_url, read_feed_url
from pairsight.servicemap.oruk import FeedError

from .conftest import Directory


@pytest.mark.parametrize(
    ("path", "ids"), [("/v1", ["p-1", "p-2", "p-3"]), ("/v3", ["v3-1", "v3-2", "v3-3"])]
)
def test_every_page_is_read(directory: str, path: str, ids: list[str]) -> None:
    read = read_feed_url(directory + path)
    assert [s.source_id for s in read.services] == ids
    assert read.shape == "paged list" and read.ok
    assert Directory.requests == [path, f"{path}?page=2&per_page=500"]


def test_a_feed_that_does_not_answer_in_time_is_reported(directory: str) -> None:
    with pytest.raises(FeedError, match=r"did not answer within 0\.2 seconds"):
        read_feed_url(directory + "/slow", limits=FetchLimits(timeout_seconds=0.2))


def test_a_page_larger_than_the_limit_is_cut_off(directory: str) -> None:
    with pytest.raises(FeedError, match=r"larger than 0\.03125 MB"):
        read_feed_url(directory + "/huge", limits=FetchLimits(max_bytes_per_page=32 * 1024))


def test_an_error_status_and_a_non_web_address_are_reported(directory: str) -> None:
    with pytest.raises(FeedError, match="answered HTTP 404"):
        read_feed_url(directory + "/missing")
    with pytest.raises(FeedError, match="not a web address"):
        read_feed_url("file:///etc/passwd")


def test_the_next_page_keeps_the_query() -> None:
    assert (
        next_page_url("https://x.example/services?taxonomy=fam", 3, 100)
        == "https://x.example/services?taxonomy=fam&page=3&per_page=100"
    )
