"""Feeds read from a web address, served by a real HTTP server on this machine."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from pairsight.servicemap.feed_url import FetchLimits, next_page_url, read_feed_url
from pairsight.servicemap.oruk import FeedError

from .conftest import fixture_bytes

PAGES = {
    "/v1": ["oruk_v1_page1_synthetic.json", "oruk_v1_page2_synthetic.json"],
    "/v3": ["oruk_v3_page1_synthetic.json", "oruk_v3_page2_synthetic.json"],
}


class Directory(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        parts = urlsplit(self.path)
        Directory.requests.append(self.path)
        page = int(parse_qs(parts.query).get("page", ["1"])[0])
        if parts.path == "/slow":
            time.sleep(1.0)
            body = b"[]"
        elif parts.path == "/huge":
            body = b"[" + b'{"id": "x", "name": "padding"},' * 2000 + b'{"id": "y", "name": "y"}]'
        elif parts.path == "/missing":
            self.send_response(404)
            self.end_headers()
            return
        else:
            body = fixture_bytes(PAGES[parts.path][page - 1])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        # The reader may stop reading: that is what the size limit is for.
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def directory() -> Iterator[str]:
    Directory.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Directory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
