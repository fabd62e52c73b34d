"""The survey findings: every question summarised, breakdowns, representativeness, charts."""

from pairsight.surveys.analysis.charts import DivergingChart, diverging_bar, diverging_table
from pairsight.surveys.analysis.crosstab import CrossTab, CrossTabError, TestResult, crosstab
from pairsight.surveys.analysis.items import (
    ChoiceSummary,
    FreeTextSummary,
    GridSummary,
    ItemSummary,
    NumberSummary,
    RankedItem,
    RankingSummary,
    Share,
    StatementSummary,
    TextAnswer,
)
from pairsight.surveys.analysis.representativeness import (
    Representativeness,
    RepresentativenessError,
    ShareGap,
    representativeness,
)
from pairsight.surveys.analysis.survey import (
    SurveyAnalysis,
    analyse,
    chart_for,
    filter_responses,
)

__all__ = [
    "ChoiceSummary",
    "CrossTab",
    "CrossTabError",
    "DivergingChart",
    "FreeTextSummary",
    "GridSummary",
    "ItemSummary",
    "NumberSummary",
    "RankedItem",
    "RankingSummary",
    "Representativeness",
    "RepresentativenessError",
    "Share",
    "ShareGap",
    "StatementSummary",
    "SurveyAnalysis",
    "TestResult",
    "TextAnswer",
    "analyse",
    "chart_for",
    "crosstab",
    "diverging_bar",
    "diverging_table",
    "filter_responses",
    "representativeness",
]
