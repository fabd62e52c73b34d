"""Fixtures of the service-mapping tests: small SYNTHETIC feeds in the ORUK shapes, and the
real Bristol feed from ../shared (tests using it are marked `shared` and skip without it), and
a directory that serves feeds from a real HTTP server on this machine."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BRISTOL = Path(__file__).resolve().parents[3] / "shared/data/oruk/bristol-services-2024-12.json"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def bristol_feed() -> bytes:
    if not BRISTOL.exists():
        pytest.skip(f"the Bristol feed is not at {BRISTOL}")
    return BRISTOL.read_bytes()


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
