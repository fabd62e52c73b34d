"""The import contracts bite: a forbidden import in a scratch copy of the code breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(folder / "src")},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _add_import(folder: Path, module: str, line: str) -> None:
    path = folder / "src" / Path(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_unchanged_code_keeps_every_contract(scratch: Path) -> None:
    result = _lint_imports(scratch)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "pairsight.population.estimate",
            "import pairsight.surveys.analysis  # noqa",
            "Workstreams are independent of each other BROKEN",
        ),
        (
            "pairsight.population.estimate",
            "import pairsight.population.queries  # noqa",
            "Pure modules import neither Django nor glue BROKEN",
        ),
        (
            "pairsight.surveys.analysis.items",
            "import pairsight.surveys.models  # noqa",
            "Pure modules import neither Django nor glue BROKEN",
        ),
        (
            "pairsight.core.disclosure",
            "import django.db  # noqa",
            "Pure modules import neither Django nor glue BROKEN",
        ),
        (
            "pairsight.reports.assemble",
            "import pairsight.web.urls  # noqa",
            "Layers: cli, web, reports, workstreams, workspace and official data, core BROKEN",
        ),
        (
            "pairsight.core.document",
            "import pairsight.assessments.models  # noqa",
            "Layers: cli, web, reports, workstreams, workspace and official data, core BROKEN",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    scratch: Path, module: str, line: str, contract: str
) -> None:
    _add_import(scratch, module, line)
    result = _lint_imports(scratch)
    assert result.returncode != 0
    assert contract in result.stdout


def test_a_type_error_in_a_view_fails_the_type_check(scratch: Path) -> None:
    views = scratch / "src" / "pairsight" / "population" / "views" / "scenarios.py"
    views.write_text(
        views.read_text(encoding="utf-8")
        + "\n\ndef _unmet_need_label(unmet_need: int) -> str:\n    return unmet_need\n",
        encoding="utf-8",
    )
    # The project's cache makes the check take seconds instead of minutes; a copy, so the
    # scratch run never writes into it.
    cache = REPO / ".mypy_cache"
    if cache.is_dir():
        shutil.copytree(cache, scratch / ".mypy_cache")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src/pairsight/population/views/scenarios.py"],
        cwd=scratch,
        env={**os.environ, "PYTHONPATH": str(scratch / "src")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout
    assert "scenarios.py:" in result.stdout
    assert 'Incompatible return value type (got "int", expected "str")' in result.stdout
