"""Web pages under load: the dashboard and the population page against a trivial Django view.

Serves the app with gunicorn on 127.0.0.1 (a fresh SQLite database with the Birmingham demo),
signs in once, then drives each page with 20 concurrent clients for a bounded time and prints
p50/p95 latency, throughput, the server's peak memory, and each page's ratio to a trivial
view served the same way (same middleware, same session) in the same run.

Targets (issue 3): p95 under 100 ms with 20 concurrent clients, and within 3x the trivial view.

    .venv/bin/python benchmarks/web_pages.py [--clients 20] [--seconds 5] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
DEMO_PASSWORD = "benchmark-demo-password"
TARGET_P95_MS = 100.0
TARGET_RATIO = 3.0

BENCH_SETTINGS = """
from pairsight.web.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
"""
BENCH_URLS = """
from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("trivial/", trivial), path("", include("pairsight.web.urls"))]
"""


@dataclass
class Result:
    name: str
    latencies_ms: list[float]
    errors: int
    seconds: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies_ms, n=20, method="inclusive")[18]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def peak_memory_mb(pid: int) -> float:
    """Peak resident memory of the gunicorn master and its workers (VmHWM), in MB."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total_kb = 0
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            total_kb += int(match.group(1)) if match else 0
    return total_kb / 1024


def sign_in(base: str) -> httpx.Cookies:
    with httpx.Client(base_url=base, timeout=10) as client:
        page = None
        for _ in range(200):
            try:
                page = client.get("/sign-in/")
            except httpx.TransportError:
                page = None
            if page is not None and page.status_code == 200:
                break
            time.sleep(0.05)
        assert page is not None, "the server did not start"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no sign-in form: {page.status_code} {page.text[:300]}"
        response = client.post(
            "/sign-in/",
            data={"username": "demo", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token[1]},
            headers={"Referer": base + "/sign-in/"},
        )
        assert response.status_code == 302, f"sign-in failed: {response.status_code}"
        return client.cookies


async def _get(host: str, port: int, request: bytes) -> tuple[int, bytes]:
    """One HTTP/1.1 GET on a fresh connection (gunicorn's sync workers close each one)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(request)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = re.search(rb"(?i)content-length: *(\d+)", head)
        body = await (reader.readexactly(int(length[1])) if length else reader.read())
        return status, body
    finally:
        writer.close()


def drive(
    base: str, path: str, cookies: httpx.Cookies, clients: int, seconds: float, expect: str
) -> Result:
    """`clients` concurrent clients, each sending its next request when the last one ends.

    The clients are coroutines in one thread with a minimal HTTP client, so that the load
    generator takes as little as possible of the CPU the server is measured on.
    """
    url = httpx.URL(base)
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {url.host}:{url.port}\r\nCookie: {cookie}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    wanted = expect.encode()

    async def run() -> Result:
        latencies: list[float] = []
        errors = 0
        began = time.perf_counter()
        stop_at = began + seconds

        async def client_loop() -> None:
            nonlocal errors
            while time.perf_counter() < stop_at:
                start = time.perf_counter()
                status, body = await _get(str(url.host), int(url.port or 80), request)
                elapsed = (time.perf_counter() - start) * 1000
                if status != 200 or wanted not in body:
                    errors += 1
                else:
                    latencies.append(elapsed)

        await asyncio.gather(*(client_loop() for _ in range(clients)))
        return Result(path, latencies, errors, time.perf_counter() - began)

    return asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pairsight-bench-") as folder:
        work = Path(folder)
        (work / "bench_settings.py").write_text(BENCH_SETTINGS)
        (work / "bench_urls.py").write_text(textwrap.dedent(BENCH_URLS))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAIRSIGHT_")}
        env.pop("DATABASE_URL", None)
        env.update(
            {
                "PAIRSIGHT_DATA_DIR": str(work / "var"),
                "PAIRSIGHT_DEMO_PASSWORD": DEMO_PASSWORD,
                "PYTHONPATH": str(work),
            }
        )
        subprocess.run(
            [str(BIN / "pairsight"), "web", "demo"],
            env=env,
            cwd=work,
            check=True,
            capture_output=True,
            timeout=300,
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "pairsight.web.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            env={**env, "DJANGO_SETTINGS_MODULE": "bench_settings"},
            cwd=work,
        )
        try:
            cookies = sign_in(base)
            with httpx.Client(base_url=base, cookies=cookies) as client:
                home = client.get("/").text
            assessment = re.search(r'href="(/assessments/\d+/)"', home)
            assert assessment, "the demo assessment is missing"
            pages = [
                ("trivial view", "/trivial/", "ok"),
                ("dashboard", assessment[1], "2,420"),
                ("population page", assessment[1] + "population/", "15,336"),
            ]
            print(
                f"gunicorn, {args.workers} workers, {args.clients} concurrent clients, "
                f"{args.seconds:g} s per page, loopback, SQLite"
            )
            results = []
            for name, path, expect in pages:
                drive(base, path, cookies, args.clients, 1.0, expect)  # warm up
                result = drive(base, path, cookies, args.clients, args.seconds, expect)
                result.name = name
                results.append(result)
            memory = peak_memory_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)

    baseline = results[0]
    print(
        f"{'page':<18}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}"
        f"{'p95 ratio':>11}"
    )
    for result in results:
        print(
            f"{result.name:<18}{len(result.latencies_ms):>9}{result.errors:>8}"
            f"{result.p50:>9.1f}{result.p95:>9.1f}{result.throughput:>9.0f}"
            f"{result.p95 / baseline.p95:>11.2f}"
        )
    print(f"peak memory of the server (master and workers): {memory:.0f} MB")
    pages = results[1:]
    fast = all(r.p95 < TARGET_P95_MS for r in pages)
    close = all(r.p95 / baseline.p95 <= TARGET_RATIO for r in pages)
    print(
        f"target p95 under {TARGET_P95_MS:g} ms: {'met' if fast else 'not met'} "
        f"(the trivial view's own p95 is {baseline.p95:.0f} ms on this machine)"
    )
    print(f"target within {TARGET_RATIO:g}x the trivial view: {'met' if close else 'not met'}")
    if any(r.errors for r in results):
        print("some requests failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
