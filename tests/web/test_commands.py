"""`pairsight web serve` on a fresh data folder: what `make run` does after building assets."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

PAIRSIGHT = Path(sys.executable).with_name("pairsight")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAIRSIGHT_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({"PAIRSIGHT_DATA_DIR": str(tmp_path / "var"), **extra})
    return env


def test_serve_migrates_loads_the_demo_prints_the_login_and_serves(tmp_path: Path) -> None:
    port = _free_port()
    env = _environment(tmp_path, PORT=str(port))
    server = subprocess.Popen(
        [str(PAIRSIGHT), "web", "serve", "--workers", "1"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 60
        assert server.stdout is not None
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            lines.append(line)
            if "is running at" in line or server.poll() is not None:
                break
        output = "".join(lines)
        assert f"PAIRsight is running at http://127.0.0.1:{port}/" in output, output
        match = re.search(r"Demo login:\s+user demo\s+password (\S+)", output)
        assert match, output
        password = match.group(1)
        assert (tmp_path / "var" / "pairsight.sqlite3").exists()
        assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o077 == 0

        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=10) as client:
            for _ in range(100):
                try:
                    page = client.get("/sign-in/")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert page.status_code == 200
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            assert token
            signed_in = client.post(
                "/sign-in/",
                data={
                    "username": "demo",
                    "password": password,
                    "csrfmiddlewaretoken": token.group(1),
                },
                headers={"Referer": base + "/sign-in/"},
                follow_redirects=True,
            )
            assert "Birmingham parent-infant relationship needs assessment" in signed_in.text
            dashboard = client.get(
                re.search(r'href="(/assessments/\d+/)"', signed_in.text).group(1)  # type: ignore[union-attr]
            )
            assert "2,420" in dashboard.text
            assert client.get("/static/vendor/pairsight.css").status_code == 200

            # The worker started beside gunicorn builds the report the page asks for.
            report = dashboard.url.path + "report/"
            token = re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(report).text
            )
            assert token
            queued = client.post(
                report + "build/",
                data={"csrfmiddlewaretoken": token.group(1)},
                headers={"Referer": base + report},
            )
            assert queued.status_code == 302
            deadline = time.monotonic() + 120
            while "Preview of the draft report" not in (page := client.get(report)).text:
                assert time.monotonic() < deadline, "the worker did not build the report"
                time.sleep(1)
        children = _children(server.pid)
        assert len(children) == 2, "gunicorn and one worker"
        # A worker killed outright is started again; the web server goes on serving.
        (worker,) = [
            c for c in children if b"job_worker" in Path(f"/proc/{c}/cmdline").read_bytes()
        ]
        os.kill(worker, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while len(children := [c for c in _children(server.pid) if c != worker]) < 2:
            assert time.monotonic() < deadline, "no worker was started in place of the killed one"
            time.sleep(0.2)
        assert server.poll() is None
        # Ctrl+C stops both.
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=60) == 0
        assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=20)


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def test_the_demo_password_can_be_chosen(tmp_path: Path) -> None:
    env = _environment(tmp_path, PAIRSIGHT_DEMO_PASSWORD="chosen-demo-password")
    result = subprocess.run(
        [str(PAIRSIGHT), "web", "demo"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Loaded the Birmingham 2022 demonstration." in result.stdout
    assert "Demo login: user demo, password chosen-demo-password" in result.stdout


@pytest.mark.parametrize("command", [["web", "--help"], ["web", "serve", "--help"]])
def test_help(command: list[str], tmp_path: Path) -> None:
    result = subprocess.run(
        [str(PAIRSIGHT), *command],
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "serve" in result.stdout or "PORT" in result.stdout


def test_the_database_and_data_folder_are_private_to_the_service(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    done = subprocess.run(
        [str(PAIRSIGHT), "web", "setup"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    data = tmp_path / "var"
    assert data.stat().st_mode & 0o777 == 0o700
    written = [p for p in data.rglob("*") if p.is_file()]
    assert data / "pairsight.sqlite3" in written
    for path in written:
        assert path.stat().st_mode & 0o077 == 0, f"{path.name} is readable by others"
