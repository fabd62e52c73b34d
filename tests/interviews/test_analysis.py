"""Themes by group, co-occurrence and quotes, against counts worked out by hand."""

from __future__ import annotations

from pairsight.interviews.analysis import (
    CodedExcerpt,
    co_occurrence,
    co_occurrence_matrix,
    quotes,
    theme_counts,
)

EXCERPTS = [
    CodedExcerpt(1, "P1", "parent", "I was scared they'd judge me", frozenset({"Fear", "Stigma"})),
    CodedExcerpt(2, "P1", "parent", "Again, the judging", frozenset({"Fear"}), quote=True),
    CodedExcerpt(3, "P2", "parent", "Nobody asked me", frozenset({"Not asked"}), quote=True),
    CodedExcerpt(4, "H1", "practitioner", "Parents fear us", frozenset({"Fear"}), quote=True),
    CodedExcerpt(5, "M1", "manager", "Stigma is real", frozenset({"Stigma", "Fear"})),
]
THEMES = [("Barriers", "Fear"), ("Barriers", "Stigma"), ("Insights", "Not asked")]


def test_participants_are_counted_once_per_theme_and_excerpts_every_time() -> None:
    counts = {c.theme: c for c in theme_counts(EXCERPTS, THEMES)}
    # Fear: P1 twice (excerpts 1, 2), H1 once, M1 once.
    assert counts["Fear"].participants == {"practitioner": 1, "manager": 1, "parent": 1}
    assert counts["Fear"].excerpts == {"practitioner": 1, "manager": 1, "parent": 2}
    assert counts["Fear"].participants_total == 3
    assert counts["Fear"].excerpts_total == 4
    assert counts["Stigma"].participants == {"practitioner": 0, "manager": 1, "parent": 1}
    assert [c.theme for c in theme_counts(EXCERPTS, THEMES)] == ["Fear", "Stigma", "Not asked"]


def test_co_occurrence_counts_excerpts_carrying_both_themes() -> None:
    assert co_occurrence(EXCERPTS) == {("Fear", "Stigma"): 2}
    assert co_occurrence_matrix(EXCERPTS, ["Fear", "Stigma", "Not asked"]) == [
        [4, 2, 0],
        [2, 2, 0],
        [0, 0, 1],
    ]


def test_quotes_are_the_chosen_excerpts_one_per_participant_first() -> None:
    found = quotes(EXCERPTS, "Fear")
    assert [(q.participant, q.text) for q in found] == [
        ("P1", "Again, the judging"),
        ("H1", "Parents fear us"),
    ]
