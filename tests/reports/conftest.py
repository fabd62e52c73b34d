"""The demo report, built once per test session in every format, for the tests that open it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from pairsight.core.document import Status
from pairsight.reports.birmingham import demo_report
from pairsight.reports.build import build_report

REPO = Path(__file__).resolve().parents[2]
ARTEFACTS = REPO / "artefacts" / "reports"
DEMO_DATE = datetime.date(2025, 3, 14)


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("demo-report")
    return build_report(demo_report(date=DEMO_DATE), "html,pdf,docx,pptx", out)


@pytest.fixture(scope="session")
def published_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published-report")
    report = demo_report(date=DEMO_DATE, status=Status.PUBLISHED)
    return build_report(report, "pdf", out)["pdf"]


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """Where screenshots of what was built are kept for people to look at (gitignored)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
