"""Sources kept with the values they were given for, across edits of the page (pure)."""

from __future__ import annotations

from pairsight.population.given_sources import settle, stored_source


def test_a_changed_capacity_is_entered_and_its_source_waits() -> None:
    inputs = {
        "children": "30,672",
        "capacity-TOTAL_FORMS": "1",
        "capacity-0-families_per_year": "400",
        "capacity_source": "Birmingham summary",
        "capacity_source_text": "Birmingham summary",
        "capacity_source_for": "340",
        "capacity_source_shown": "1",
    }
    changes = settle(inputs)
    assert changes["capacity_source"] == "", "not shown beside 400"
    assert changes["capacity_source_for"] == "340"
    assert stored_source({**inputs, **changes}, "capacity_source").text == "Birmingham summary"
    back = settle({**inputs, **changes, "capacity-0-families_per_year": "340"})
    assert back["capacity_source"] == "Birmingham summary"


def test_an_unreadable_value_leaves_its_source_alone() -> None:
    assert "source_text" not in settle({"children": "many", "source_text": "ONS"})


def test_rescaling_is_done_only_when_asked() -> None:
    parts = {
        "insecure_unlikely_to_access": "20",
        "insecure_targeted": "15",
        "insecure_shorter_term_pair": "2",
    }
    assert not set(settle(parts)) & set(parts)
    # 20, 15 and 2 of 37 scaled to 30: 16.216, 12.162 and the rest, 1.622.
    rescaled = settle({**parts, "rescale": "insecure"})
    assert {name: rescaled[name] for name in parts} == {
        "insecure_unlikely_to_access": "16.216",
        "insecure_targeted": "12.162",
        "insecure_shorter_term_pair": "1.622",
    }
