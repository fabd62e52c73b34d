from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def cut_short(source: Path, target: Path, keep: float = 0.5) -> Path:
    """A copy of `source` that stops part-way, as an interrupted download does."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target
