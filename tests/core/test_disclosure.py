"""Small-number suppression: what a reader of a published table can and cannot learn."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairsight.core.disclosure import (
    MODELLED_ESTIMATES_STATEMENT,
    DisclosureRule,
    ProtectedGrid,
    protect,
)

PROTECTING_RULES = [DisclosureRule.UNDER_5, DisclosureRule.UNDER_10, DisclosureRule.NHS]

# Small counts are over-represented: they are what suppression is about.
counts = st.one_of(st.integers(0, 12), st.integers(0, 400))
grids = st.integers(1, 5).flatmap(
    lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=6)
)


def _lines(
    grid: list[list[int]], out: ProtectedGrid
) -> list[tuple[list[int | None], list[int], int | None, int]]:
    """Every row and column with a total: shown cells, true cells, shown total, true total."""
    lines = []
    width = len(grid[0])
    if out.row_totals is not None:
        for i, row in enumerate(grid):
            lines.append((list(out.cells[i]), row, out.row_totals[i], sum(row)))
        if out.column_totals is not None:
            lines.append(
                (
                    list(out.column_totals),
                    [sum(r[j] for r in grid) for j in range(width)],
                    out.grand_total,
                    sum(map(sum, grid)),
                )
            )
    if out.column_totals is not None:
        for j in range(width):
            column = [row[j] for row in grid]
            lines.append(([c[j] for c in out.cells], column, out.column_totals[j], sum(column)))
        if out.row_totals is not None:
            lines.append(
                (list(out.row_totals), [sum(r) for r in grid], out.grand_total, sum(map(sum, grid)))
            )
    return lines


def _every_shown_value(out: ProtectedGrid) -> list[int]:
    values = [v for row in out.cells for v in row]
    values += list(out.row_totals or ()) + list(out.column_totals or ())
    values += [out.grand_total] if out.has_grand_total else []
    return [v for v in values if v is not None]


@settings(max_examples=300, deadline=None)
@given(grid=grids, rule=st.sampled_from(PROTECTING_RULES), rows=st.booleans(), cols=st.booleans())
def test_no_published_count_is_below_the_threshold(grid, rule, rows, cols):
    out = protect(grid, rule, row_totals=rows, column_totals=cols)
    for value in _every_shown_value(out):
        assert value == 0 or value >= rule.threshold
        assert value % rule.rounding == 0


@settings(max_examples=300, deadline=None)
@given(grid=grids, rule=st.sampled_from(PROTECTING_RULES), rows=st.booleans(), cols=st.booleans())
def test_no_row_or_column_has_a_single_hidden_figure(grid, rule, rows, cols):
    out = protect(grid, rule, row_totals=rows, column_totals=cols)
    for shown, _true, total, _ in _lines(grid, out):
        hidden = sum(value is None for value in [*shown, total])
        assert hidden != 1


@settings(max_examples=300, deadline=None)
@given(
    grid=grids,
    rule=st.sampled_from([DisclosureRule.UNDER_5, DisclosureRule.UNDER_10]),
)
def test_a_reader_cannot_work_a_hidden_count_back_out_from_exact_totals(grid, rule):
    """Play the attacker: subtract shown cells from shown totals, chaining every recovery."""
    out = protect(grid, rule, row_totals=True, column_totals=True)
    height, width = len(grid), len(grid[0])
    shown: dict[tuple[int, int], int | None] = {}
    for i in range(height):
        for j in range(width):
            shown[(i, j)] = out.cells[i][j]
        shown[(i, width)] = out.row_totals[i]
    for j in range(width):
        shown[(height, j)] = out.column_totals[j]
    shown[(height, width)] = out.grand_total
    known = {cell for cell, value in shown.items() if value is not None}
    lines = [([(i, j) for j in range(width)], (i, width)) for i in range(height + 1)]
    lines += [([(i, j) for i in range(height)], (height, j)) for j in range(width + 1)]
    recovered = True
    while recovered:
        recovered = False
        for members, total in lines:
            unknown = [cell for cell in [*members, total] if cell not in known]
            # One unknown in a line is the line's total minus the rest: a hidden count revealed.
            assert len(unknown) != 1, f"{grid}: hidden cell {unknown[0]} can be worked out"


@settings(max_examples=300, deadline=None)
@given(
    grid=grids, rule=st.sampled_from(list(DisclosureRule)), rows=st.booleans(), cols=st.booleans()
)
def test_totals_are_rounded_like_cells_and_agree_with_the_cells_shown(grid, rule, rows, cols):
    out = protect(grid, rule, row_totals=rows, column_totals=cols)
    half = rule.rounding // 2
    for shown, true, total, true_total in _lines(grid, out):
        if total is None:
            continue
        # A total is the exact total, rounded by the same rule as the cells.
        assert total == rule.shown_value(true_total)
        assert abs(total - true_total) <= half
        for value, exact in zip(shown, true, strict=True):
            if value is not None:
                assert abs(value - exact) <= half
        if all(value is not None for value in shown):
            # With nothing hidden, cells and total differ by no more than rounding allows.
            assert abs(total - sum(v for v in shown if v is not None)) <= half * (len(shown) + 1)


@given(grid=grids, rows=st.booleans(), cols=st.booleans())
def test_rule_off_shows_every_count_exactly(grid, rows, cols):
    out = protect(grid, DisclosureRule.OFF, row_totals=rows, column_totals=cols)
    assert [list(row) for row in out.cells] == grid


def test_nhs_rule_hides_small_counts_and_the_next_smallest_in_the_row():
    out = protect([[3, 20, 40]], DisclosureRule.NHS, row_totals=True)
    assert out.cells == ((None, None, 40),)
    assert out.row_totals == (65,)


def test_nhs_rule_rounds_to_the_nearest_five_and_keeps_zero():
    out = protect([[0, 8, 12, 13, 2760]], DisclosureRule.NHS)
    assert out.cells == ((0, 10, 10, 15, 2760),)


def test_a_total_over_a_single_cell_is_hidden_with_it():
    out = protect([[4], [50]], DisclosureRule.UNDER_5, row_totals=True, column_totals=True)
    assert out.cells == ((None,), (None,))
    assert out.row_totals == (None, None)
    # The column total may show: with two hidden counts under it, neither can be worked out.
    assert out.column_totals == (54,)


def test_secondary_suppression_prefers_a_non_zero_cell():
    out = protect([[2, 0, 30, 11]], DisclosureRule.UNDER_5, row_totals=True)
    assert out.cells == ((None, 0, 30, None),)


def test_a_small_total_is_hidden_too():
    out = protect([[0, 3]], DisclosureRule.NHS, row_totals=True)
    assert out.row_totals == (None,)


def test_bad_counts_are_named_by_row_and_column():
    with pytest.raises(ValueError, match="Row 2, column 1: -1 is not a count"):
        protect([[1, 2], [-1, 4]], DisclosureRule.NHS)
    with pytest.raises(ValueError, match="Row 2 has 1 counts"):
        protect([[1, 2], [4]], DisclosureRule.NHS)


def test_every_rule_states_itself_in_plain_english():
    assert "between 1 and 7 are shown as *" in DisclosureRule.NHS.statement()
    assert "rounded to the nearest 5" in DisclosureRule.NHS.statement()
    assert "between 1 and 4" in DisclosureRule.UNDER_5.statement()
    assert "between 1 and 9" in DisclosureRule.UNDER_10.statement()
    assert "internal drafts only" in DisclosureRule.OFF.statement()
    assert "not hidden or rounded" in MODELLED_ESTIMATES_STATEMENT


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("nhs", DisclosureRule.NHS),
        ("<5", DisclosureRule.UNDER_5),
        ("UNDER_10", DisclosureRule.UNDER_10),
    ],
)
def test_rules_are_read_from_settings(text, rule):
    assert DisclosureRule.parse(text) is rule


def test_an_unknown_rule_lists_the_choices():
    with pytest.raises(ValueError, match="choose one of off, under-5, under-10, nhs"):
        DisclosureRule.parse("strict")
