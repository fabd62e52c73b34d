"""Reads for the representativeness pages, the tracker and the report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pairsight.core.document import Section
from pairsight.core.participants import other_participants
from pairsight.surveys.analysis.population_map import CategoryMap, parse_map
from pairsight.surveys.analysis.representativeness import (
    Representativeness,
    RepresentativenessError,
    representativeness,
    respondent_groups,
)
from pairsight.surveys.analysis.representativeness_output import comparison_table, gap_chart
from pairsight.surveys.analysis.tracker import Progress, progress
from pairsight.surveys.analysis.weighting import (
    WeightedShare,
    WeightingError,
    Weights,
    post_stratify,
    rake,
    weighted_shares,
)
from pairsight.surveys.instruments.model import ScaleQuestion, SingleChoice
from pairsight.surveys.models import PopulationComparison, RecruitmentTarget, Survey
from pairsight.surveys.queries import response_count, stored_responses
from pairsight.surveys.representativeness_section import representativeness_section
from pairsight.surveys.responses import SurveyResponses


@dataclass(frozen=True)
class Compared:
    comparison: PopulationComparison
    result: Representativeness | None
    #: Why the comparison cannot be drawn now (the questionnaire changed), else "".
    problem: str = ""


def comparisons(survey: Survey) -> list[PopulationComparison]:
    return list(PopulationComparison.objects.filter(survey=survey))


def category_map(comparison: PopulationComparison) -> CategoryMap | None:
    if not comparison.mapping_yaml.strip():
        return None
    saved = parse_map(comparison.mapping_yaml, source="the saved mapping")
    return saved.at_level("detailed" if comparison.level == "detailed" else "high")


def compared(survey: Survey, responses: SurveyResponses | None = None) -> list[Compared]:
    """Every stored comparison drawn from the responses stored now."""
    found = comparisons(survey)
    if not found:
        return []
    responses = responses or stored_responses(survey)
    drawn = []
    for comparison in found:
        try:
            result = representativeness(
                responses,
                comparison.question_id,
                comparison.figures,
                comparison.source,
                category_map(comparison),
            )
        except (RepresentativenessError, KeyError, ValueError) as error:
            drawn.append(Compared(comparison, None, str(error)))
        else:
            drawn.append(Compared(comparison, result))
    return drawn


def comparison_panels(survey: Survey) -> list[dict[str, Any]]:
    """What the page shows for each comparison: table, chart, groups to reach, or the problem."""
    panels = []
    for drawn in compared(survey):
        panel: dict[str, Any] = {"comparison": drawn.comparison, "problem": drawn.problem}
        if drawn.result is not None:
            table = comparison_table(drawn.result)
            panel.update(
                result=drawn.result,
                table=table,
                chart=gap_chart(drawn.result, table),
                under=drawn.result.under_represented(),
            )
        panels.append(panel)
    return panels


@dataclass(frozen=True)
class Tracker:
    responses: int
    total_target: int | None
    questions: tuple[Progress, ...]

    @property
    def total_percent(self) -> float | None:
        if not self.total_target:
            return None
        return 100.0 * self.responses / self.total_target


def _survey_counts(survey: Survey, responses: SurveyResponses, question_id: str) -> dict[str, int]:
    comparison = PopulationComparison.objects.filter(survey=survey, question_id=question_id).first()
    if comparison is not None:
        try:
            groups, _ = respondent_groups(
                responses, question_id, comparison.figures, category_map(comparison)
            )
        except (RepresentativenessError, KeyError, ValueError):
            groups = []
        return dict(Counter(g for g in groups if g is not None))
    if question_id not in responses.frame:
        return {}
    return {str(k): int(v) for k, v in responses.frame[question_id].value_counts().items()}


def tracker(survey: Survey) -> Tracker:
    """Progress against every target, from the responses stored now and other participants."""
    targets = list(RecruitmentTarget.objects.filter(survey=survey))
    total = next((t.target for t in targets if not t.question_id), None)
    by_question: dict[str, dict[str, int]] = {}
    for target in targets:
        if target.question_id:
            by_question.setdefault(target.question_id, {})[target.group] = target.target
    responses = stored_responses(survey) if by_question else None
    questions = []
    for question_id, wanted in by_question.items():
        assert responses is not None
        counts = _survey_counts(survey, responses, question_id)
        others = other_participants(survey.assessment_id, question_id)
        questions.append(progress(question_id, wanted, counts, others))
    return Tracker(response_count(survey), total, tuple(questions))


def report_part(survey: Survey, responses: SurveyResponses, *, key: str) -> Section | None:
    """The report's paragraph and table on who answered, for each compared question."""
    results = [d.result for d in compared(survey, responses) if d.result is not None]
    return representativeness_section(
        results,
        key=key,
        respondents=survey.survey_kind.respondents,
        synthetic=responses.synthetic,
    )


@dataclass(frozen=True)
class WeightedFinding:
    """A question's answers unweighted beside weighted, and what the weighting cost."""

    weights: Weights
    question_id: str
    question_text: str
    shares: tuple[WeightedShare, ...]


def weighted_finding(
    survey: Survey, question_id: str | None, responses: SurveyResponses | None = None
) -> WeightedFinding | None:
    """Post-stratified on the one compared question, or raked over the first two.

    None when nothing is compared, or the weights cannot be made (the reason is then in
    the comparison itself: nobody in a group, or a questionnaire that changed).
    """
    found = comparisons(survey)
    if not found:
        return None
    responses = responses or stored_responses(survey)
    choices = [
        q for q in responses.instrument.questions if isinstance(q, SingleChoice | ScaleQuestion)
    ]
    compared_ids = [c.question_id for c in found]
    chosen = next((q for q in choices if q.id == question_id), None) or next(
        (q for q in choices if q.id not in compared_ids), None
    )
    if chosen is None:
        return None
    texts = {q.id: q.text for q in responses.instrument.questions}
    try:
        groups = [
            respondent_groups(responses, c.question_id, c.figures, category_map(c))
            for c in found[:2]
        ]
        if len(groups) == 1:
            weights = post_stratify(groups[0][0], groups[0][1], texts[found[0].question_id])
        else:
            weights = rake(
                groups[0][0],
                groups[1][0],
                groups[0][1],
                groups[1][1],
                (texts[found[0].question_id], texts[found[1].question_id]),
            )
    except (RepresentativenessError, WeightingError, KeyError, ValueError):
        return None
    answers = [None if pd.isna(a) else str(a) for a in responses.frame[chosen.id].astype(object)]
    labels = [str(label) for label in responses.frame[chosen.id].cat.categories]
    shares = weighted_shares(answers, weights, labels)
    return WeightedFinding(weights, chosen.id, chosen.text, shares)
