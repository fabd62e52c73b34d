"""A set of survey responses with its questionnaire: what the analysis reads.

Imports, the synthetic demo and the web's stored responses all produce this one shape, so the
analysis cannot tell them apart, except through `synthetic`, which every output repeats.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pairsight.surveys.instruments.model import Instrument

#: The index name of every responses frame: one stable key per response.
RESPONSE_KEY = "response_key"


@dataclass(frozen=True)
class SurveyResponses:
    """One row per response, one column per answer column of `instrument`.

    Column types: single choice and scale answers are pandas categoricals (ordered for
    scales and grid statements); multiple choice answers are tuples of the chosen labels
    (missing when the person skipped the question); ranking items and numbers are numeric;
    free text and "other, please specify" boxes are strings.
    """

    instrument: Instrument
    frame: pd.DataFrame
    #: Where the responses came from, in words ("practitioners.xlsx, Microsoft Forms").
    source: str
    synthetic: bool = False
    #: Shown wherever the responses show when `synthetic` (never empty then).
    label: str = ""

    def __post_init__(self) -> None:
        if self.synthetic and not self.label:
            raise ValueError("Synthetic responses need a label saying they are synthetic.")

    @property
    def count(self) -> int:
        return len(self.frame)
