"""Fixtures of the service-mapping tests: small SYNTHETIC feeds in the ORUK shapes, and the
real Bristol feed from ../shared (tests using it are marked `shared` and skip without it)."""

from __future__ import annotations

from pathlib import Path

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
