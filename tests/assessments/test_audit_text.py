"""The audit trail's before-and-after in words (pure)."""

from __future__ import annotations

from pairsight.assessments.audit_text import change_rows, value_text


def test_values_read_as_people_write_them() -> None:
    assert value_text(30672) == "30,672"
    assert value_text(True) == "Yes"
    assert value_text(None) == "(none)"
    assert value_text(["a", "b"]) == "a; b"
    assert value_text({"children": 30672, "chosen": False}) == "Children: 30,672; Chosen: No"


def test_each_field_is_a_row_with_before_and_after() -> None:
    rows = change_rows({"disclosure": "nhs"}, {"disclosure": "off", "unmet_need": 2420})
    assert rows == [("Disclosure", "nhs", "off"), ("Unmet need", "(none)", "2,420")]
    assert change_rows(None, None) == []
