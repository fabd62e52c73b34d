"""The interviews' citable findings: each theme with how many participants and excerpts
carry it in the merged coding, after disclosure control.

Registered in `InterviewsConfig.ready` under the prefix `interviews`. A theme's key is
`interviews:theme:<id>`, stable while the theme stays in the codebook (renaming it keeps
the key). The counts are of people, and a citation can leave the building in a report, so
they pass the NHS rule whatever the report's own setting: 1 to 7 reads "fewer than 8",
other counts are rounded to the nearest 5.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from pairsight.assessments.models import Assessment
from pairsight.core.citable import Evidence
from pairsight.core.disclosure import DisclosureRule
from pairsight.interviews import queries
from pairsight.interviews.analysis import theme_counts

PREFIX = "interviews"
RULE = DisclosureRule.NHS


def theme_key(theme_id: int) -> str:
    return f"{PREFIX}:theme:{theme_id}"


def _shown(count: int, noun: str) -> str:
    if count == 0:
        return f"no {noun}s"
    if RULE.primary_hides(count):
        return f"fewer than {RULE.threshold} {noun}s"
    shown = RULE.shown_value(count)
    return f"{shown:,} {noun}{'s' if shown != 1 else ''}"


def interview_evidence(assessment: Assessment) -> Iterator[Evidence]:
    themes = queries.themes(assessment)
    if not themes:
        return
    order = [(t.category.name, t.name) for t in themes]
    counts = {c.theme: c for c in theme_counts(queries.coded_excerpts(assessment), order)}
    for theme in themes:
        count = counts[theme.name]
        yield Evidence(
            key=theme_key(theme.pk),
            label=f"Interview theme: {theme.name} ({theme.category.name})",
            value=(
                f"{_shown(count.participants_total, 'participant')}, "
                f"{_shown(count.excerpts_total, 'excerpt')}"
            ),
            unit="in the merged coding",
            source=f"Interviews, merged coding; {RULE.label}",
            link=reverse(
                "interviews:theme", kwargs={"assessment_id": assessment.pk, "theme_id": theme.pk}
            ),
        )
