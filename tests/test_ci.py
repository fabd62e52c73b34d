"""In CI the suite cannot pass by skipping: a missing service or tool fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _pytest(
    tmp_path: Path, test_source: str, **environment: str
) -> subprocess.CompletedProcess[str]:
    """Run pytest with the project's conftest on one small test file of this test's own."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_sample.py").write_text(test_source, encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"CI", "DATABASE_URL"}},
        "PYTHONPATH": str(REPO / "tests"),
        "DJANGO_SETTINGS_MODULE": "pairsight.web.settings",
        "PAIRSIGHT_DATA_DIR": str(tmp_path / "var"),
        **environment,
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "conftest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-c",
            str(tmp_path / "pytest.ini"),
            str(tmp_path / "test_sample.py"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


SKIPPING = "import pytest\n\ndef test_needs_a_tool():\n    pytest.skip('the tool is missing')\n"
OTHER_PASS = (
    "import pytest\n\n@pytest.mark.skipif(True, reason='Not in this pass: SQLite only')\n"
    "def test_in_the_other_pass():\n    pass\n"
)


def test_a_skip_fails_in_ci_and_stays_a_skip_elsewhere(tmp_path: Path) -> None:
    in_ci = _pytest(tmp_path, SKIPPING, CI="true")
    assert in_ci.returncode == 1, in_ci.stdout
    assert "Skipped in CI" in in_ci.stdout and "the tool is missing" in in_ci.stdout

    on_a_laptop = _pytest(tmp_path, SKIPPING)
    assert on_a_laptop.returncode == 0, on_a_laptop.stdout
    assert "1 skipped" in on_a_laptop.stdout


OPTIONAL = (
    "import pytest\n\ndef test_of_an_extra():\n"
    "    pytest.skip('Optional extra not installed: semantic')\n"
)


def test_a_test_of_an_optional_extra_may_skip_in_ci(tmp_path: Path) -> None:
    result = _pytest(tmp_path, OPTIONAL, CI="true")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout


def test_a_test_of_the_other_database_pass_may_skip_in_ci(tmp_path: Path) -> None:
    result = _pytest(tmp_path, OTHER_PASS, CI="true")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout


def test_the_postgresql_pass_fails_in_ci_when_the_server_is_down(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
    down = {
        "PAIRSIGHT_TEST_DATABASE": "postgresql",
        "DATABASE_URL": "postgres://pairsight:pairsight@127.0.0.1:9/pairsight",
    }
    in_ci = _pytest(tmp_path, "def test_nothing():\n    pass\n", CI="true", **down)
    assert in_ci.returncode == 1
    assert "PostgreSQL is required in CI" in in_ci.stdout + in_ci.stderr

    on_a_laptop = _pytest(tmp_path, "def test_nothing():\n    pass\n", **down)
    assert on_a_laptop.returncode == 0
    assert "PostgreSQL pass skipped" in on_a_laptop.stdout + on_a_laptop.stderr


def test_make_pytest_refuses_to_run_in_ci_without_postgresql() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # -o: take the virtual environment and the built assets as they are; the guard comes first.
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "-o", ".venv/.installed", "-o", "assets", "pytest"],
        cwd=REPO,
        env={**env, "CI": "true", "MAKEFLAGS": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "PostgreSQL is required in CI" in result.stderr
