"""The analysis printed in a terminal: one Rich table per question, bases under each.

Every text that came from a questionnaire or an answer reaches Rich as a `Text`, never as a
markup string: an answer reading "[/b]" or "[document]" is printed as written.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pairsight.surveys.analysis.crosstab import CrossTab
from pairsight.surveys.analysis.items import (
    ChoiceSummary,
    FreeTextSummary,
    GridSummary,
    ItemSummary,
    NumberSummary,
    RankingSummary,
    Share,
)
from pairsight.surveys.analysis.survey import SurveyAnalysis

FREE_TEXT_SHOWN = 10


def print_analysis(console: Console, analysis: SurveyAnalysis) -> None:
    if analysis.synthetic:
        console.print(
            Panel(Text(analysis.label, style="bold"), title="SYNTHETIC DATA", style="yellow")
        )
    console.print(
        Text.assemble(
            (analysis.title, "bold"),
            f" (version {analysis.instrument_version}): "
            f"{analysis.responses} responses from {analysis.source}",
        ),
        highlight=False,
    )
    for item in analysis.items:
        console.print()
        console.print(_item(item, console.width))
    for table in analysis.crosstabs:
        console.print()
        console.print(_crosstab(table))
    if analysis.synthetic:
        console.print()
        console.print(Text(analysis.label, style="yellow"), highlight=False)


def _title(item: ItemSummary) -> Text:
    return Text(f"{item.number}. {item.text.strip()}")


def _caption(item: ItemSummary, key: str = "") -> Text:
    skipped = f", {item.skipped} skipped" if item.skipped else ""
    routed = f" (asked of {item.asked})" if item.asked != item.answered + item.skipped else ""
    return Text(f"{item.answered} answered{skipped}{routed}. {item.base_note}{key}")


def _percent(share: Share) -> tuple[str, str]:
    if share.percent is None or share.ci_low is None or share.ci_high is None:
        return "–", "–"
    return f"{share.percent:.0f}%", f"{share.ci_low:.0f}% to {share.ci_high:.0f}%"


def _item(item: ItemSummary, width: int = 100) -> RenderableType:
    if isinstance(item, ChoiceSummary):
        return _choices(item)
    if isinstance(item, GridSummary):
        return _grid(item, width)
    if isinstance(item, RankingSummary):
        table = Table(title=_title(item), caption=_caption(item), title_justify="left")
        for column in ("Item", "Mean rank", "Ranked first", "95% CI"):
            table.add_column(column, justify="left" if column == "Item" else "right")
        for ranked in item.items:
            first, interval = _percent(ranked.first_choice)
            mean = "–" if ranked.mean_rank is None else f"{ranked.mean_rank:.1f}"
            table.add_row(Text(ranked.text), mean, first, interval)
        return table
    if isinstance(item, NumberSummary):
        table = Table(title=_title(item), caption=_caption(item), title_justify="left")
        for column in ("Mean", "SD", "Median", "Quartiles", "Range"):
            table.add_column(column, justify="right")
        if item.mean is None:
            table.add_row("–", "–", "–", "–", "–")
        else:
            table.add_row(
                f"{item.mean:.1f}",
                "–" if item.sd is None else f"{item.sd:.1f}",
                f"{item.median:g}",
                f"{item.lower_quartile:g} to {item.upper_quartile:g}",
                f"{item.minimum:g} to {item.maximum:g}",
            )
        return table
    assert isinstance(item, FreeTextSummary)
    lines = [f"- {a.text}" for a in item.answers[:FREE_TEXT_SHOWN]]
    if len(item.answers) > FREE_TEXT_SHOWN:
        lines.append(f"... and {len(item.answers) - FREE_TEXT_SHOWN} more")
    body = Text("\n".join(lines) or "(no answers)")
    title, caption = _title(item), _caption(item)
    title.stylize("italic")
    caption.stylize("dim")
    return Group(title, body, caption)


def _choices(item: ChoiceSummary) -> Table:
    table = Table(title=_title(item), caption=_caption(item), title_justify="left")
    table.add_column("Answer")
    for column in ("People", "%", "95% CI"):
        table.add_column(column, justify="right")
    for share in item.shares:
        table.add_row(Text(share.label), str(share.count), *_percent(share))
    if item.sides:
        table.add_section()
        for share in item.sides:
            table.add_row(Text(share.label, style="italic"), str(share.count), *_percent(share))
    if item.other_answers:
        table.add_section()
        shown = "; ".join(item.other_answers[:FREE_TEXT_SHOWN])
        more = len(item.other_answers) - FREE_TEXT_SHOWN
        table.add_row(
            Text(f"Other answers: {shown}" + (f" (+{more})" if more > 0 else ""), style="dim")
        )
    return table


def _grid(item: GridSummary, width: int) -> RenderableType:
    labels = item.scale_labels
    # Full answer labels as headings when they fit; on a narrow terminal, numbers and a key.
    fits = 24 + sum(len(label) + 2 for label in labels) <= width
    headings = list(labels) if fits else [str(n) for n in range(1, len(labels) + 1)]
    key = (
        "" if fits else " Key: " + "; ".join(f"{n} = {label}" for n, label in enumerate(labels, 1))
    )
    table = Table(title=_title(item), caption=_caption(item, key), title_justify="left")
    table.add_column("Statement")
    for heading in headings:
        table.add_column(Text(heading), justify="right")
    for statement in item.statements:
        cells = [_percent(s)[0] for s in statement.shares]
        # Only a statement rated by fewer people than the grid as a whole says how many.
        fewer = f" (n={statement.answered})" if statement.answered != item.answered else ""
        table.add_row(Text(statement.text + fewer), *cells)
    top = ", ".join(f"{text} ({_percent(share)[0]})" for text, share in item.top_positive())
    bottom = ", ".join(f"{text} ({_percent(share)[0]})" for text, share in item.top_negative())
    return Group(
        table,
        Text(f"Top three rated “{item.positive_label}”: {top}"),
        Text(f"Top three rated “{item.negative_label}”: {bottom}"),
    )


def _crosstab(table: CrossTab) -> RenderableType:
    out = Table(
        title=Text(f"{table.question_text.strip()} — by {table.by_text.strip()}"),
        caption=Text(table.test_note),
        title_justify="left",
    )
    out.add_column("Answer")
    for group, base in zip(table.counts.columns, table.bases, strict=True):
        out.add_column(Text(f"{group} (n={base})"), justify="right")
    for position, (answer, row) in enumerate(table.counts.iterrows()):
        percents = table.column_percent.iloc[position]
        cells = [
            f"{int(count)} ({percent:.0f}%)" if percent == percent else str(int(count))
            for count, percent in zip(row, percents, strict=True)
        ]
        out.add_row(Text(str(answer)), *cells)
    if table.test is not None:
        out.caption = Text(f"{table.test_note} p = {table.test.p_value:.3g}.")
    return out
