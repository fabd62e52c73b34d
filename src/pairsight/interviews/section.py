"""The interviews' section of the report: themes by category with counts and quotes.

Pure: `report.py` gives it the merged coding. Counts of participants are counts of people,
so every table names them in `count_columns` and the report's disclosure rule hides and
rounds them; no count of people is written into a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from pairsight.core.document import (
    Bullets,
    Callout,
    Headline,
    Input,
    Paragraph,
    Section,
    Table,
)
from pairsight.interviews.agreement import Agreement
from pairsight.interviews.analysis import (
    GROUP_LABELS,
    GROUPS,
    CodedExcerpt,
    quotes,
    theme_counts,
)

HEADING = "Interviews: what practitioners, managers and parents said"
KEY = "interviews"
QUOTES_PER_THEME = 2
SYNTHETIC_TITLE = "Synthetic data"


def interviews_section(
    excerpts: Sequence[CodedExcerpt],
    themes: Sequence[tuple[str, str]],
    participants_by_group: dict[str, int],
    *,
    transcripts: int,
    agreement: Agreement | None = None,
    answers: Sequence[CodedExcerpt] = (),
) -> Section:
    """`answers` are the merged codings of written survey answers: each counted beside the
    interviews as one respondent of its group."""
    if not transcripts:
        return _placeholder("No interview transcripts have been imported yet.")
    if not excerpts:
        return _placeholder(
            "The transcripts have not been coded yet, or the coding has not been merged."
        )
    counts = [c for c in theme_counts(excerpts, themes) if c.excerpts_total]
    answered = {c.theme: c.excerpts_total for c in theme_counts(answers, themes)}
    extra = ("Survey answers",) if answers else ()
    categories = list(dict.fromkeys(c.category for c in counts))
    people = Table(
        caption="Participants interviewed, by group",
        columns=("Group", "Participants"),
        rows=tuple((GROUP_LABELS[g], participants_by_group.get(g, 0)) for g in GROUPS),
        count_columns=(1,),
    )
    subsections = []
    for category in categories:
        mine = [c for c in counts if c.category == category]
        table = Table(
            caption=f"{category}: participants who raised each theme, by group",
            columns=("Theme", *(GROUP_LABELS[g] for g in GROUPS), "All participants", *extra),
            rows=tuple(
                (
                    c.theme,
                    *(c.participants[g] for g in GROUPS),
                    c.participants_total,
                    *((answered[c.theme],) if answers else ()),
                )
                for c in mine
            ),
            count_columns=tuple(range(1, len(GROUPS) + 2 + len(extra))),
            total_column=len(GROUPS) + 1,
        )
        blocks: list[Paragraph | Table | Bullets] = [table]
        chosen = [q for c in mine for q in quotes(excerpts, c.theme, QUOTES_PER_THEME)]
        if chosen:
            blocks.append(Paragraph("In their own words:"))
            blocks.append(
                Bullets(
                    tuple(
                        f"{q.theme}: “{q.text}” ({q.participant}, {q.group}"
                        + (f"; SYNTHETIC: {q.synthetic}" if q.synthetic else "")
                        + ")"
                        for q in chosen
                    )
                )
            )
        subsections.append(
            Section(category, key=f"interviews-{_slug(category)}", blocks=tuple(blocks))
        )
    notes = [
        "A participant is counted once for a theme however often they raised it. Only "
        "coding a lead has merged is counted. Quotes are chosen by the team and shown with "
        "the participant's pseudonymous ID; identifying details were redacted before the "
        "transcripts were stored.",
    ]
    if answers:
        notes.append(
            "Survey answers: written answers to the surveys tagged with the same codebook, "
            "each counted once for a theme (merged coding only)."
        )
    if agreement is not None and agreement.alpha is not None:
        notes.append(
            f"Agreement between coders on the double-coded transcripts: Krippendorff's "
            f"alpha {agreement.alpha:.2f} (nominal)."
        )
    synthetic = sorted({e.synthetic for e in (*excerpts, *answers)} - {""})
    return Section(
        heading=HEADING,
        key=KEY,
        blocks=(
            *(Callout(label, title=SYNTHETIC_TITLE, tone="warning") for label in synthetic),
            Paragraph(
                f"Interview transcripts were coded into {len(counts)} themes in "
                f"{len(categories)} categories with the assessment's codebook."
            ),
            people,
        ),
        subsections=tuple(subsections),
        method_notes=tuple(notes),
        inputs=(
            # How many were interviewed is a count of people: it is given only in the table
            # of participants, where the disclosure rule protects it.
            Input(
                "Interview transcripts",
                "Redacted before storage; coded with the assessment's codebook",
                "imported into PAIRsight by the team",
            ),
        ),
        headlines=(
            Headline("Interview themes", str(len(counts)), f"in {len(categories)} categories"),
        ),
    )


def _slug(text: str) -> str:
    return "-".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())


def _placeholder(problem: str) -> Section:
    return Section(
        heading=HEADING,
        key=KEY,
        blocks=(
            Callout(problem, title="Not ready yet", tone="warning"),
            Paragraph(
                "Import transcripts on the assessment's interviews page, code them with the "
                "codebook and merge the coding; this section then shows the themes by category "
                "with counts and chosen quotes."
            ),
        ),
    )
