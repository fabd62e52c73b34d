"""How far the sample's make-up is from the population it speaks for.

The user brings the population figures (Census 2021 for their area, or a `group,count` CSV)
as counts, proportions or percentages; PAIRsight never supplies them. Survey options and
population groups meet either by name or through a `CategoryMap` (shipped for the parents'
ethnicity question against Census TS021). Answers with no population group ("Prefer not to
say") are left out of the comparison and counted.

The goodness-of-fit test is the chi-square test of the sample's counts against the counts
the population shares would lead one to expect; it is run only when every expected count is
at least 5 (the usual condition for the chi-square approximation), and otherwise the page
says why not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from scipy.stats import chi2

from pairsight.surveys.analysis.items import Share, shares
from pairsight.surveys.analysis.population_map import CategoryMap
from pairsight.surveys.answer_text import normalise
from pairsight.surveys.instruments.model import ScaleQuestion, SingleChoice
from pairsight.surveys.responses import SurveyResponses

MIN_EXPECTED = 5.0


class RepresentativenessError(ValueError):
    """The population figures cannot be compared with the question; the message says why."""


@dataclass(frozen=True)
class ShareGap:
    category: str
    sample: Share
    population_percent: float
    #: Sample minus population, in percentage points.
    gap: float | None

    @property
    def population_in_interval(self) -> bool | None:
        if self.sample.ci_low is None or self.sample.ci_high is None:
            return None
        return self.sample.ci_low <= self.population_percent <= self.sample.ci_high


@dataclass(frozen=True)
class GoodnessOfFit:
    """The chi-square goodness-of-fit test, or the reason it was not run."""

    statistic: float | None
    degrees_of_freedom: int | None
    p_value: float | None
    smallest_expected: float | None
    #: Why the test was not run ("" when it was).
    reason: str = ""

    @property
    def ran(self) -> bool:
        return self.statistic is not None

    def describe(self) -> str:
        if self.statistic is None or self.p_value is None:
            return f"No chi-square test: {self.reason}"
        return (
            f"Chi-square goodness of fit: χ² = {self.statistic:.2f}, {self.degrees_of_freedom} "
            f"degrees of freedom, p = {self.p_value:.3g}."
        )


@dataclass(frozen=True)
class Representativeness:
    question_id: str
    question_text: str
    population_source: str
    rows: tuple[ShareGap, ...]
    compared: int
    #: Answers with no population figure, by option, left out of the comparison.
    left_out: dict[str, int]
    test: GoodnessOfFit
    #: The synthetic-data label when the responses are synthetic, else "".
    marking: str = ""

    def under_represented(self, count: int = 3) -> tuple[ShareGap, ...]:
        """The groups furthest below their population share, largest gap first."""
        below = [r for r in self.rows if r.gap is not None and r.gap < 0]
        return tuple(sorted(below, key=lambda r: r.gap or 0.0)[:count])


def representativeness(
    survey: SurveyResponses,
    question_id: str,
    population: Mapping[str, float],
    source: str,
    mapping: CategoryMap | None = None,
) -> Representativeness:
    """Each group's share of the sample beside its share of the population."""
    question = survey.instrument.question(question_id)
    if not isinstance(question, SingleChoice | ScaleQuestion):
        raise RepresentativenessError(
            f"Representativeness compares a one-answer question; {question_id!r} is "
            f"{question.kind.replace('_', ' ')}."
        )
    if not source.strip():
        raise RepresentativenessError("Say where the population figures come from (source).")
    answers = survey.frame[question_id]
    options = [str(label) for label in answers.cat.categories]
    counts = answers.value_counts()
    group_of = _group_of(options, population, question_id, mapping)
    figures = _figures(population, group_of)
    total = sum(figures.values())
    if total <= 0:
        raise RepresentativenessError("The population figures add up to zero.")
    sample_counts = {group: 0 for group in figures}
    left_out: dict[str, int] = {}
    for option in options:
        n = int(counts.get(option, 0))
        group = group_of.get(option)
        if group is None:
            if n:
                left_out[option] = n
        else:
            sample_counts[group] += n
    compared = sum(sample_counts.values())
    groups = list(figures)
    sample = shares(groups, [sample_counts[g] for g in groups], compared)
    rows = tuple(
        ShareGap(
            share.label,
            share,
            100.0 * figures[share.label] / total,
            None if share.percent is None else share.percent - 100.0 * figures[share.label] / total,
        )
        for share in sample
    )
    test = goodness_of_fit([sample_counts[g] for g in groups], [figures[g] / total for g in groups])
    marking = survey.label if survey.synthetic else ""
    return Representativeness(
        question_id, question.text, source, rows, compared, left_out, test, marking
    )


def _group_of(
    options: list[str],
    population: Mapping[str, float],
    question_id: str,
    mapping: CategoryMap | None,
) -> dict[str, str]:
    """Each option's population group: by the mapping, or by name when there is none."""
    if mapping is None:
        return _groups_by_name(options, population, question_id)
    return _groups_by_map(options, population, mapping)


def _groups_by_name(
    options: list[str], population: Mapping[str, float], question_id: str
) -> dict[str, str]:
    """Options and population groups matched by name; options with no group are left out."""
    labels = {normalise(label): label for label in options}
    matched: dict[str, str] = {}
    for name in population:
        label = labels.get(normalise(name))
        if label is None:
            raise RepresentativenessError(
                f"Population category {name!r} is not an option of {question_id!r}; "
                f"the options are: {', '.join(options)}."
            )
        matched[label] = label
    return matched


def _groups_by_map(
    options: list[str], population: Mapping[str, float], mapping: CategoryMap
) -> dict[str, str]:
    known = {normalise(name): name for name in population}
    matched: dict[str, str] = {}
    for option in options:
        if not mapping.knows(option):
            raise RepresentativenessError(
                f"Answer option {option!r} is not in the mapping ({mapping.source}); map it "
                "to a population category, or to ~ to leave it out."
            )
        group = mapping.group_of(option)
        if group is None:
            continue
        name = known.get(normalise(group))
        if name is None:
            raise RepresentativenessError(
                f"The mapping sends {option!r} to {group!r}, which the population figures do "
                f"not have; they have: {', '.join(population)}."
            )
        matched[option] = name
    return matched


def _figures(population: Mapping[str, float], group_of: Mapping[str, str]) -> dict[str, float]:
    """Population figure per group, keyed as the sample's groups are.

    A population group no option leads to still counts: the sample simply has none of it.
    """
    canonical = {normalise(group): group for group in group_of.values()}
    figures: dict[str, float] = {}
    for name, value in population.items():
        if value is None or not value >= 0:
            raise RepresentativenessError(
                f"Population figure for {name!r} must be a number of 0 or more, not {value!r}."
            )
        figures[canonical.get(normalise(name), name)] = float(value)
    return figures


def goodness_of_fit(observed: list[int], population_shares: list[float]) -> GoodnessOfFit:
    """Pearson's chi-square of observed counts against counts expected from the shares."""
    n = sum(observed)
    if len(observed) < 2:
        return GoodnessOfFit(None, None, None, None, "there is only one group to compare.")
    if n == 0:
        return GoodnessOfFit(None, None, None, None, "nobody gave a comparable answer.")
    expected = [n * p for p in population_shares]
    smallest = min(expected)
    if smallest < MIN_EXPECTED:
        few = sum(1 for e in expected if e < MIN_EXPECTED)
        return GoodnessOfFit(
            None,
            None,
            None,
            smallest,
            f"{few} of {len(expected)} groups would expect fewer than {MIN_EXPECTED:g} "
            f"respondents (smallest {smallest:.1f}) with {n} compared, and the chi-square "
            "test needs at least 5 in every group.",
        )
    statistic = sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True))
    df = len(observed) - 1
    return GoodnessOfFit(statistic, df, float(chi2.sf(statistic, df)), smallest)


def respondent_groups(
    survey: SurveyResponses,
    question_id: str,
    population: Mapping[str, float],
    mapping: CategoryMap | None = None,
) -> tuple[list[str | None], dict[str, float]]:
    """Each respondent's population group (None when left out), and the figures by group.

    This is what weighting and the recruitment tracker count with, so they group answers
    exactly as the comparison does.
    """
    answers = survey.frame[question_id]
    options = [str(label) for label in answers.cat.categories]
    group_of = _group_of(options, population, question_id, mapping)
    groups = [None if pd.isna(a) else group_of.get(str(a)) for a in answers.astype(object)]
    return groups, _figures(population, group_of)
