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


def _what_a_reader_can_work_out(
    out: ProtectedGrid, rule: DisclosureRule, height: int, width: int
) -> dict[tuple[int, int], tuple[int, int]]:
    """Play the attacker: bound every figure from what is shown, then chain the line sums.

    A shown count stands for every true count that the rule would show that way (with
    rounding, an interval); a hidden one for any count from 0 up. Each line (a row or
    column with its total) says its members add up to its total, so each figure is bounded
    by the total's bounds minus the others' bounds, and every narrowing is fed back in until
    nothing moves: the differencing attack, chained, with rounding taken into account.
    """
    many = 10**9
    bounds: dict[tuple[int, int], tuple[int, int]] = {}

    def shown(cell: tuple[int, int], value: int | None) -> None:
        if value is None:
            bounds[cell] = (0, many)
            return
        candidates = [c for c in range(max(0, value - rule.rounding), value + rule.rounding + 1)]
        could_be = [
            c for c in candidates if not rule.primary_hides(c) and rule.shown_value(c) == value
        ]
        bounds[cell] = (min(could_be), max(could_be))

    for i in range(height):
        for j in range(width):
            shown((i, j), out.cells[i][j])
    lines: list[tuple[list[tuple[int, int]], tuple[int, int]]] = []
    if out.row_totals is not None:
        for i in range(height):
            shown((i, width), out.row_totals[i])
            lines.append(([(i, j) for j in range(width)], (i, width)))
    if out.column_totals is not None:
        for j in range(width):
            shown((height, j), out.column_totals[j])
            lines.append(([(i, j) for i in range(height)], (height, j)))
    if out.has_grand_total:
        shown((height, width), out.grand_total)
        if out.row_totals is not None:
            lines.append(([(i, width) for i in range(height)], (height, width)))
        if out.column_totals is not None:
            lines.append(([(height, j) for j in range(width)], (height, width)))
    moved = True
    while moved:
        moved = False
        for members, total in lines:
            low_sum = sum(bounds[m][0] for m in members)
            high_sum = sum(bounds[m][1] for m in members)
            narrowed = {total: (max(bounds[total][0], low_sum), min(bounds[total][1], high_sum))}
            for m in members:
                others_low = low_sum - bounds[m][0]
                others_high = high_sum - bounds[m][1]
                narrowed[m] = (
                    max(bounds[m][0], bounds[total][0] - others_high),
                    min(bounds[m][1], bounds[total][1] - others_low),
                )
            for cell, value in narrowed.items():
                if value != bounds[cell]:
                    bounds[cell], moved = value, True
    return bounds


@settings(max_examples=500, deadline=None)
@given(grid=grids, rule=st.sampled_from(PROTECTING_RULES), rows=st.booleans(), cols=st.booleans())
def test_a_reader_cannot_work_a_hidden_count_back_out(grid, rule, rows, cols):
    out = protect(grid, rule, row_totals=rows, column_totals=cols)
    height, width = len(grid), len(grid[0])
    bounds = _what_a_reader_can_work_out(out, rule, height, width)
    for i in range(height):
        for j in range(width):
            low, high = bounds[(i, j)]
            # The attack is sound: the true count is always inside what it worked out.
            assert low <= grid[i][j] <= high
            if rule.primary_hides(grid[i][j]):
                assert low < high, f"{grid}: the small count at {(i, j)} is pinned to {low}"


def test_the_attack_pins_a_count_that_only_the_cell_hides():
    """The attack is real: hiding a small count without secondary suppression gives it away."""
    grid = [[3, 40], [20, 30]]
    naive = ProtectedGrid(
        cells=((None, 40), (20, 30)),
        row_totals=(43, 50),
        column_totals=(23, 70),
        grand_total=93,
        has_grand_total=True,
    )
    bounds = _what_a_reader_can_work_out(naive, DisclosureRule.UNDER_5, 2, 2)
    assert bounds[(0, 0)] == (3, 3)
    assert protect(grid, DisclosureRule.UNDER_5, row_totals=True, column_totals=True) != naive


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
