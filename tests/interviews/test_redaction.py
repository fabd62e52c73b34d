"""Redaction proposals: recall on planted identifiers, the NHS number check, applying them."""

from __future__ import annotations

import pytest

from pairsight.interviews import redaction
from pairsight.interviews.redaction import Kind, Proposal
from tests.interviews.planted import transcript_with_identifiers

PER_KIND = 250


def test_recall_is_at_least_95_percent_for_every_kind_of_identifier(
    record_property: pytest.RecordProperty,
) -> None:
    text, planted = transcript_with_identifiers(PER_KIND)
    for item in planted:
        assert text[item.start : item.end] == item.text
    proposals = redaction.propose(text)
    report = {}
    for kind in {p.kind for p in planted}:
        mine = [p for p in planted if p.kind == kind]
        found = [
            p
            for p in mine
            if any(q.kind == kind and q.start <= p.start and q.end >= p.end for q in proposals)
        ]
        report[kind] = len(found) / len(mine)
        missed = [p.text for p in mine if p not in found][:10]
        assert len(mine) >= 200
        assert report[kind] >= 0.95, f"{kind}: recall {report[kind]:.3f}; missed e.g. {missed}"
    record_property("redaction_recall", report)
    print("Redaction recall per kind:", {k: round(v, 3) for k, v in sorted(report.items())})


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        # The NHS Data Dictionary's example number, and the same with each digit changed.
        ("9434765919", True),
        ("9434765918", False),
        ("4010232137", True),
        ("4010232138", False),
        # A remainder giving check digit 10 is never issued.
        ("1000000010", False),
    ],
)
def test_nhs_number_check_digit(number: str, valid: bool) -> None:
    assert redaction.nhs_number_is_valid(number) is valid


def test_a_ten_digit_number_that_fails_the_check_is_not_an_nhs_number() -> None:
    proposals = redaction.propose("Reference 943 476 5918 on the letter.")
    assert [p.kind for p in proposals] == []


def test_same_value_gets_the_same_number_and_speakers_stay_apart() -> None:
    text = "Sarah Khan: Hello.\n\nInterviewer: Hi Sarah Khan.\n\nTom Price: Hi."
    proposals = redaction.propose(text)
    by_text = {p.text: p.replacement for p in proposals}
    assert by_text["Sarah Khan"] == "[NAME 1]"
    assert by_text["Tom Price"] == "[NAME 2]"
    redacted = redaction.apply(text, proposals)
    assert redacted == "[NAME 1]: Hello.\n\nInterviewer: Hi [NAME 1].\n\n[NAME 2]: Hi."


def test_apply_refuses_a_proposal_that_does_not_match_the_text() -> None:
    with pytest.raises(ValueError, match="is not 'Bob'"):
        redaction.apply("Hello Tom", [Proposal(Kind.NAME, 6, 9, "Bob")])


def test_apply_refuses_overlapping_redactions() -> None:
    text = "Call 0121 496 0000 now"
    one = Proposal(Kind.PHONE, 5, 18, text[5:18])
    two = Proposal(Kind.OTHER, 10, 13, text[10:13])
    with pytest.raises(ValueError, match="overlap"):
        redaction.apply(text, [one, two])


def test_a_reviewer_adds_their_own_redaction() -> None:
    text = "We go to the Hope Street group on Tuesdays."
    added = redaction.manual(text, 13, 30)
    assert added.text == "Hope Street group"
    assert redaction.apply(text, redaction.number([added])) == (
        "We go to the [REDACTED 1] on Tuesdays."
    )


def test_words_the_reviewer_types_are_redacted_everywhere_but_not_twice() -> None:
    text = "We meet at Hope Street. hope street is near Tom's flat."
    taken = [Proposal(Kind.NAME, 44, 49, "Tom's")]
    found = redaction.phrase_redactions(text, ["Hope Street", "  ", "Tom"], taken)
    assert sorted((p.start, p.text) for p in found) == [(11, "Hope Street"), (24, "hope street")]
