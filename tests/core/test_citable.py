"""The evidence registry: what workstreams offer, looked up by key prefix, and how it moved."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from pairsight.core import citable
from pairsight.core.citable import Evidence


def _figures(assessment: object) -> Iterator[Evidence]:
    yield Evidence("figures:a", "Figure A", f"{assessment}", "children", "Test source")
    # A provider that strays outside its prefix is not believed.
    yield Evidence("other:b", "Figure B", "2", "children", "Test source")


@pytest.fixture
def registered() -> Iterator[None]:
    citable.register("figures", _figures)
    yield
    citable._providers.pop("figures")


def test_a_key_reads_prefix_colon_name() -> None:
    with pytest.raises(ValueError, match="<prefix>:<name>"):
        Evidence("no-prefix", "Label", "1", "", "Source")


def test_offered_keeps_each_provider_to_its_prefix(registered: None) -> None:
    found = citable.offered("2,420", "figures")
    assert [(e.key, e.value) for e in found] == [("figures:a", "2,420")]


def test_live_finds_current_values_by_key_and_leaves_out_keys_gone(registered: None) -> None:
    found = citable.live("2,180", ["figures:a", "figures:gone"])
    assert list(found) == ["figures:a"]
    assert found["figures:a"].value == "2,180"


def test_movement_says_what_a_cited_figure_did() -> None:
    now = Evidence("figures:a", "Figure A", "2,180", "", "Source")
    assert citable.movement("2,420", now).describe() == "evidence moved: 2,420 → 2,180"
    assert citable.movement("2,180", now).describe() == "evidence unchanged"
    gone = citable.movement("2,420", None)
    assert gone.gone and gone.describe() == "evidence no longer available (was 2,420)"


def test_the_frozen_copy_is_plain_data() -> None:
    evidence = Evidence(
        "figures:a", "Figure A", "2,420", "children", "Source", datetime.date(2022, 3, 1)
    )
    assert evidence.frozen()["as_of"] == "2022-03-01"
    assert evidence.frozen()["value"] == "2,420"
