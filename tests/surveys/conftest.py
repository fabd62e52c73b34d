"""Fixtures for the survey pages and actions: a started survey, and exports made in the test.

Exports are Microsoft Forms workbooks written by `write_msforms_xlsx` from generated
practitioner responses (the same layout Forms gives: ID, times, Email, Name, then a column
per question), changed cell by cell with openpyxl where a test needs a bad answer.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pairsight.surveys.exports import write_msforms_xlsx
from pairsight.surveys.responses import SurveyResponses
from pairsight.surveys.synthetic import practitioner_responses

#: Column headers of the practitioners' Forms export that the tests change.
PROFESSION_HEADER = "What is your profession?"
ROLE_HEADER = "Which best describes your role?"


@pytest.fixture(scope="session")
def practitioners() -> SurveyResponses:
    """89 generated practitioner responses, presented as real (not marked synthetic)."""
    return replace(practitioner_responses(), synthetic=False, label="", source="test export")


@pytest.fixture(scope="session")
def synthetic_practitioners() -> SurveyResponses:
    return practitioner_responses()


Edit = Callable[[Any], None]


@pytest.fixture
def forms_export(tmp_path: Path) -> Callable[..., bytes]:
    """`forms_export(responses, edit=None, rows=None)`: the bytes of a Forms workbook.

    `edit(sheet)` may change cells (openpyxl, rows numbered as in Excel); `rows` keeps only
    the first so many responses.
    """

    def make(
        responses: SurveyResponses, edit: Edit | None = None, rows: int | None = None
    ) -> bytes:
        if rows is not None:
            responses = replace(responses, frame=responses.frame.iloc[:rows])
        path = write_msforms_xlsx(responses, tmp_path / "export.xlsx")
        if edit is None:
            return path.read_bytes()
        workbook = openpyxl.load_workbook(path)
        edit(workbook.active)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return make


def column_of(sheet: Any, header: str) -> int:
    """The 1-based column number of a header in row 1."""
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


@pytest.fixture
def workforce(team: Any) -> Any:
    """The team's workforce survey, started by its lead from the shipped questionnaire."""
    from pairsight.surveys.actions import start_survey

    return start_survey(actor=team.lead, assessment=team.assessment, kind="workforce")


def import_first(
    team: Any, survey: Any, responses: SurveyResponses, make: Any, rows: int = 10
) -> Any:
    """Store the first `rows` responses (as the file first.xlsx), so that a later failed
    import has stored responses to leave alone."""
    from pairsight.surveys.actions import import_file

    return import_file(
        actor=team.lead,
        survey=survey,
        content=make(responses, rows=rows),
        file_name="first.xlsx",
    )
