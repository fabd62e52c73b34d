"""The report's part on who answered: a paragraph and a table per compared question.

Pure. Counts of respondents sit in the table's count column, where the report's
small-number rule hides and rounds them; a sample percentage (and so a gap) is printed only
where no group of the question stands for fewer than SAFE_COUNT people, because exact
percentages of a stated base would undo the hiding. Population shares are published
statistics about the whole area and are always shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from pairsight.core.document import Block, Cell, Paragraph, Section, Source, Table
from pairsight.surveys.analysis.representativeness import Representativeness
from pairsight.surveys.section import SAFE_COUNT

HEADING = "Who answered, beside the population"


def _small(count: int) -> bool:
    return 0 < count < SAFE_COUNT


def _percentages_safe(result: Representativeness) -> bool:
    counts = [row.sample.count for row in result.rows]
    return not _small(result.compared) and not any(_small(c) for c in counts)


def _paragraph(result: Representativeness, respondents: str) -> str:
    who = (
        f"{result.compared:,} {respondents}"
        if not _small(result.compared)
        else f"Fewer than {SAFE_COUNT} {respondents}"
    )
    sentences = [
        f"{who} who answered “{result.question_text}” were compared with "
        f"{result.population_source}."
    ]
    under = result.under_represented()
    if under:
        names = ", ".join(row.category for row in under)
        sentences.append(f"The groups furthest below their share of the population: {names}.")
    else:
        sentences.append("No group is below its share of the population.")
    if result.test.ran and result.test.p_value is not None:
        verdict = "differs from" if result.test.p_value < 0.05 else "does not clearly differ from"
        sentences.append(
            f"The make-up of the sample {verdict} the population's "
            f"(chi-square goodness of fit, p = {result.test.p_value:.2g})."
        )
    else:
        sentences.append(
            "There are too few respondents in some groups for a chi-square test to be valid."
        )
    if result.left_out:
        sentences.append(
            "Answers with no population group (such as “Prefer not to say”) are left out."
        )
    return " ".join(sentences)


def _table(result: Representativeness, synthetic: bool) -> Table:
    safe = _percentages_safe(result)
    rows: list[tuple[Cell, ...]] = []
    for row in result.rows:
        sample = f"{row.sample.percent:.0f}%" if safe and row.sample.percent is not None else "–"
        gap = f"{row.gap:+.0f}" if safe and row.gap is not None else "–"
        rows.append((row.category, row.sample.count, sample, f"{row.population_percent:.1f}%", gap))
    notes = [f"Population: {result.population_source}."]
    if not safe:
        notes.append(
            f"Sample percentages and gaps are not shown because a group has fewer than "
            f"{SAFE_COUNT} respondents."
        )
    return Table(
        caption=f"Who answered “{result.question_text}”, beside the population"
        + (" (synthetic data)" if synthetic else ""),
        columns=("Group", "Respondents", "Sample", "Population", "Gap (points)"),
        rows=tuple(rows),
        count_columns=(1,),
        notes=tuple(notes),
    )


def representativeness_section(
    results: Sequence[Representativeness], *, key: str, respondents: str, synthetic: bool
) -> Section | None:
    """The subsection for a survey's section, or None when nothing is compared."""
    if not results:
        return None
    blocks: list[Block] = []
    for result in results:
        blocks.append(Paragraph(_paragraph(result, respondents)))
        blocks.append(_table(result, synthetic))
    return Section(
        heading=HEADING,
        key=f"{key}-representativeness",
        blocks=tuple(blocks),
        method_notes=(
            "Each group's share of the people who answered is set beside its share of the "
            "area's population; the gap is in percentage points. The chi-square goodness-of-fit "
            "test is used only when every group would expect at least 5 respondents.",
        ),
        sources=tuple(Source(r.population_source) for r in results),
    )
