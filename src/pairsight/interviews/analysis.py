"""What the coding says: themes by participant group, co-occurrence, and quotes.

Counts are of participants (how many people raised a theme) and of excerpts (how often it
came up); the first is what a needs assessment reports, the second shows weight. Counts of
participants are counts of people: the report passes them through the disclosure rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

#: The groups a participant can belong to, in the order tables show them.
GROUPS = ("practitioner", "manager", "parent")
GROUP_LABELS = {"practitioner": "Practitioners", "manager": "Managers", "parent": "Parents"}


@dataclass(frozen=True)
class CodedExcerpt:
    """One excerpt as the analysis needs it: who said it and which themes it carries."""

    excerpt_id: int
    participant: str
    group: str
    text: str
    themes: frozenset[str]
    quote: bool = False
    #: The words shown beside generated sample data ("" when it is real).
    synthetic: str = ""


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    category: str
    participants: dict[str, int]
    excerpts: dict[str, int]

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())

    @property
    def excerpts_total(self) -> int:
        return sum(self.excerpts.values())


@dataclass(frozen=True)
class Quote:
    theme: str
    text: str
    participant: str
    group: str
    synthetic: str = ""


def theme_counts(
    excerpts: Iterable[CodedExcerpt],
    themes: Sequence[tuple[str, str]],
    groups: Sequence[str] = GROUPS,
) -> list[ThemeCount]:
    """For each (category, theme), participants and excerpts per group, in codebook order.

    A participant is counted once per theme however many excerpts of theirs carry it.
    """
    people: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for excerpt in excerpts:
        for theme in excerpt.themes:
            people[theme][excerpt.group].add(excerpt.participant)
            mentions[theme][excerpt.group] += 1
    return [
        ThemeCount(
            theme=theme,
            category=category,
            participants={g: len(people[theme][g]) for g in groups},
            excerpts={g: mentions[theme][g] for g in groups},
        )
        for category, theme in themes
    ]


def co_occurrence(excerpts: Iterable[CodedExcerpt]) -> dict[tuple[str, str], int]:
    """How many excerpts carry each pair of themes together (pairs in name order)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for excerpt in excerpts:
        for pair in combinations(sorted(excerpt.themes), 2):
            counts[pair] += 1
    return dict(counts)


def co_occurrence_matrix(
    excerpts: Iterable[CodedExcerpt], themes: Sequence[str]
) -> list[list[int]]:
    """A square matrix in `themes` order; the diagonal is each theme's excerpt count."""
    index = {theme: i for i, theme in enumerate(themes)}
    matrix = [[0] * len(themes) for _ in themes]
    for excerpt in excerpts:
        present = sorted(index[t] for t in excerpt.themes if t in index)
        for i in present:
            matrix[i][i] += 1
        for i, j in combinations(present, 2):
            matrix[i][j] += 1
            matrix[j][i] += 1
    return matrix


def quotes(excerpts: Iterable[CodedExcerpt], theme: str, limit: int = 3) -> list[Quote]:
    """The excerpts chosen as quotes for a theme, at most `limit`, one per participant first."""
    chosen = [e for e in excerpts if theme in e.themes and e.quote]
    first: dict[str, CodedExcerpt] = {}
    for excerpt in chosen:
        first.setdefault(excerpt.participant, excerpt)
    ordered = list(first.values()) + [e for e in chosen if e not in first.values()]
    return [Quote(theme, e.text, e.participant, e.group, e.synthetic) for e in ordered[:limit]]
