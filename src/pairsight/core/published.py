"""Tables and charts as they may be published: the disclosure rule applied to their counts."""

from __future__ import annotations

from dataclasses import replace

from pairsight.core import charts
from pairsight.core.disclosure import HIDDEN, DisclosureRule, protect
from pairsight.core.document import Cell, Chart, Table


def publish_table(table: Table, rule: DisclosureRule) -> Table:
    """`table` with its counts of people protected by `rule`.

    Modelled tables and tables without count columns come back unchanged. A total row or
    total column must add up; if it does not, the error names the row and column, because
    a total that disagrees with its cells would defeat secondary suppression.
    """
    if table.modelled or not table.count_columns or rule is DisclosureRule.OFF:
        return table
    total_column = table.total_column
    inner_columns = [j for j in table.count_columns if j != total_column]
    body = list(table.rows[:-1] if table.total_row else table.rows)
    grid = [[_count(table, i, j, row[j]) for j in inner_columns] for i, row in enumerate(body)]
    if total_column is not None:
        for i, row in enumerate(body):
            stated = _count(table, i, total_column, row[total_column])
            if stated != sum(grid[i]):
                raise ValueError(
                    f"Table {table.caption!r}, row {i + 1}: the total "
                    f"({table.columns[total_column]}) is {stated:,} but the counts in the row "
                    f"add up to {sum(grid[i]):,}."
                )
    if table.total_row:
        last = len(body)
        totals_row = table.rows[-1]
        for position, j in enumerate([*inner_columns, *_as_list(total_column)]):
            stated = _count(table, last, j, totals_row[j])
            expected = (
                sum(row[position] for row in grid)
                if position < len(inner_columns)
                else sum(map(sum, grid))
            )
            if stated != expected:
                raise ValueError(
                    f"Table {table.caption!r}, total row, column {table.columns[j]!r}: "
                    f"the total is {stated:,} but the rows above add up to {expected:,}."
                )
    protected = protect(
        grid, rule, row_totals=total_column is not None, column_totals=table.total_row
    )
    new_rows: list[tuple[Cell, ...]] = []
    for i, row in enumerate(body):
        cells = list(row)
        for position, j in enumerate(inner_columns):
            cells[j] = _shown(protected.cells[i][position])
        if total_column is not None and protected.row_totals is not None:
            cells[total_column] = _shown(protected.row_totals[i])
        new_rows.append(tuple(cells))
    if table.total_row and protected.column_totals is not None:
        cells = list(table.rows[-1])
        for position, j in enumerate(inner_columns):
            cells[j] = _shown(protected.column_totals[position])
        if total_column is not None:
            cells[total_column] = _shown(protected.grand_total)
        new_rows.append(tuple(cells))
    return replace(table, rows=tuple(new_rows), notes=(*table.notes, rule.table_note()))


def publish_chart(chart: Chart, rule: DisclosureRule) -> Chart:
    """`chart` drawn from its published table, so it hides exactly what the table hides."""
    table = publish_table(chart.table, rule)
    if table is chart.table:
        return chart
    return charts.with_table(chart, table)


def _count(table: Table, row: int, column: int, value: Cell) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        where = "total row" if table.total_row and row == len(table.rows) - 1 else f"row {row + 1}"
        raise ValueError(
            f"Table {table.caption!r}, {where}, column {table.columns[column]!r}: "
            f"{value!r} is not a count of people (a whole number, zero or more)."
        )
    return value


def _shown(value: int | None) -> Cell:
    return HIDDEN if value is None else value


def _as_list(index: int | None) -> list[int]:
    return [] if index is None else [index]
