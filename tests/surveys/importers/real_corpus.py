"""The corpus of real exports in tests/surveys/real/ (see its README): where each file is,
which tool made it and how many respondents it holds, counted by hand or with plain csv."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.export import Export, ExportFormat
from pairsight.surveys.importers.pipeline import ImportResult, import_responses
from pairsight.surveys.inference import infer_instrument
from pairsight.surveys.instruments.model import Instrument

REAL = Path(__file__).parent.parent / "real"


@dataclass(frozen=True)
class RealFile:
    path: Path
    tool: ExportFormat
    respondents: int


def _file(folder: str, name: str, tool: ExportFormat, respondents: int) -> RealFile:
    return RealFile(REAL / folder / name, tool, respondents)


SM, KOBO, LIME, QUAL, RC = (
    ExportFormat.SURVEYMONKEY,
    ExportFormat.KOBO,
    ExportFormat.LIMESURVEY,
    ExportFormat.QUALTRICS,
    ExportFormat.REDCAP,
)
#: Every file of the corpus; respondents are data rows less the tool's header rows.
CORPUS = [
    _file("surveymonkey", "fivethirtyeight_star_wars.csv", SM, 1186),
    _file("surveymonkey", "fivethirtyeight_steak_risk.csv", SM, 550),
    _file("surveymonkey", "fivethirtyeight_midwest.csv", SM, 2778),
    _file("kobo", "kpi_english_labels_hxl.csv", KOBO, 3),
    _file("kobo", "kpi_spanish_labels_hxl.csv", KOBO, 3),
    _file("kobo", "kpi_english_labels_no_hxl.csv", KOBO, 3),
    _file("kobo", "formpack_restaurant_profile_geopoint.csv", KOBO, 2),
    _file("limesurvey", "limonaid_survey_100001_R_data_file.csv", LIME, 3),
    _file("limesurvey", "limonaid_survey_998192_R_data_file.csv", LIME, 7),
    _file("limesurvey", "sealuzh_unit_test_quality_results_survey.csv", LIME, 70),
    _file("limesurvey", "pfeiffer_digital_twins_results_german.csv", LIME, 96),
    _file("qualtrics", "qualtrics_legacy_sample.csv", QUAL, 1),
    _file("qualtrics", "qualtrics_sample.csv", QUAL, 1),
    _file("qualtrics", "qualtricstools_multiple_answer_mc_legacy.csv", QUAL, 5),
    _file("qualtrics", "qualtricstools_single_answer_mc_legacy.csv", QUAL, 5),
    _file("qualtrics", "qualtricstools_better_sample_survey.csv", QUAL, 10),
    _file("redcap", "redcapr_checkboxes_data.csv", RC, 4),
    _file("redcap", "redcapr_simple_data.csv", RC, 5),
    _file("redcap", "redcapr_survey_data.csv", RC, 2),
]


def analysed(path: Path) -> tuple[Export, Instrument, ImportResult]:
    """What PAIRsight makes of a file with no questionnaire: the kinds inferred."""
    export = read_export(path)
    instrument, mapping = infer_instrument(export)
    return export, instrument, import_responses(export, instrument, mapping=mapping)


def raw(path: Path, sep: str = ",", encoding: str = "utf-8-sig") -> pd.DataFrame:
    """The file as plain pandas reads it: every cell text, no header row taken."""
    return pd.read_csv(path, header=None, dtype=str, sep=sep, encoding=encoding).fillna("")


def question_id(instrument: Instrument, text: str) -> str:
    """The id of the one inferred question whose text starts with `text`."""
    (found,) = [q.id for q in instrument.questions if q.text.startswith(text)]
    return found


def chosen(result: ImportResult, qid: str) -> Counter[str]:
    """How often each option was given: one per respondent, or per tick of a multi-choice."""
    counts: Counter[str] = Counter()
    for answer in result.survey.frame[qid].dropna():
        counts.update(answer if isinstance(answer, list | tuple | set | frozenset) else [answer])
    return counts
