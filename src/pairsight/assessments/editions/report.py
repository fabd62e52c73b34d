"""The report's section on what changed since the previous edition (none for a first edition)."""

from __future__ import annotations

from pairsight.assessments.editions.comparison import Change, grouped
from pairsight.assessments.editions.queries import change_counts, edition_changes
from pairsight.assessments.models import Assessment
from pairsight.core.document import Paragraph, Section, Table

SECTION_KEY = "changes-since-previous-edition"
#: A report table lists this many changes of a kind at most; the page lists them all.
MOST_ROWS = 40


def edition_changes_section(assessment: Assessment) -> Section | None:
    previous = assessment.previous_edition
    if previous is None:
        return None
    changes = edition_changes(assessment)
    counts = change_counts(changes)
    published = f", published {previous.published_at:%-d %B %Y}" if previous.published_at else ""
    summary = (
        f"Edition {assessment.edition} beside edition {previous.edition}{published}: "
        f"{counts['changed']} findings changed, {counts['added']} are new and "
        f"{counts['removed']} are no longer shown; {counts['same']} are unchanged."
    )
    tables = tuple(
        _table(group, rows, previous.edition, assessment.edition)
        for group, rows in grouped(changes).items()
    )
    return Section(
        heading=f"What changed since edition {previous.edition}",
        key=SECTION_KEY,
        blocks=(Paragraph(summary), *tables),
    )


def _table(group: str, rows: list[Change], before: int, after: int) -> Table:
    shown = rows[:MOST_ROWS]
    notes = (
        (f"{len(rows) - MOST_ROWS} more are listed on the comparison page in PAIRsight.",)
        if len(rows) > MOST_ROWS
        else ()
    )
    return Table(
        caption=group,
        columns=("Finding", f"Edition {before}", f"Edition {after}", "Change"),
        rows=tuple((c.label, c.before or "—", c.after or "—", c.describe()) for c in shown),
        notes=notes,
    )
