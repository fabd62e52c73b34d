"""The same responses in another file are found, reported before import and never stored
twice: by the tool's response ID and start time, else by the start time and the answers."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest

from pairsight.surveys.actions import import_file
from pairsight.surveys.models import Response

from .conftest import PROFESSION_HEADER

pytestmark = pytest.mark.django_db


def _as_csv(workbook_bytes: bytes, *, drop: tuple[str, ...] = (), reverse: bool = False) -> bytes:
    """The same responses as a CSV: columns dropped or put in another order, an extra column."""
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    keep = [i for i, h in enumerate(header) if h not in drop]
    if reverse:
        keep = keep[:5] + keep[5:][::-1]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header[i] for i in keep] + ["Exported by"])
    for row in rows[1:]:
        writer.writerow(
            [
                row[i].strftime("%d/%m/%Y %H:%M") if hasattr(row[i], "strftime") else row[i]
                for i in keep
            ]
            + ["a colleague"]
        )
    return out.getvalue().encode("utf-8")


def test_the_same_responses_in_a_different_file_are_not_stored_twice(
    team: Any, workforce: Any, practitioners: Any, forms_export: Any
) -> None:
    first = forms_export(practitioners, rows=20)
    import_file(actor=team.lead, survey=workforce, content=first, file_name="june.xlsx")
    assert Response.objects.filter(survey=workforce).count() == 20
    again = _as_csv(first, reverse=True)
    assert again != first
    outcome = import_file(actor=team.lead, survey=workforce, content=again, file_name="june.csv")
    assert (outcome.added, outcome.already_stored) == (0, 20)
    assert Response.objects.filter(survey=workforce).count() == 20


def test_without_an_id_column_the_start_time_and_answers_find_them(
    team: Any, workforce: Any, practitioners: Any, forms_export: Any
) -> None:
    first = forms_export(practitioners, rows=12)
    import_file(actor=team.lead, survey=workforce, content=first, file_name="june.xlsx")
    no_ids = _as_csv(first, drop=("ID",))
    outcome = import_file(actor=team.lead, survey=workforce, content=no_ids, file_name="x.csv")
    assert (outcome.added, outcome.already_stored) == (0, 12)


def test_a_response_that_differs_is_stored(
    team: Any, workforce: Any, practitioners: Any, forms_export: Any
) -> None:
    first = forms_export(practitioners, rows=12)
    import_file(actor=team.lead, survey=workforce, content=first, file_name="june.xlsx")

    def change_one(sheet: Any) -> None:
        column = next(c.column for c in sheet[1] if c.value == PROFESSION_HEADER)
        sheet.cell(2, 1).value = 9001  # a new ID, and a different answer: a new response
        sheet.cell(2, column).value = (
            "Midwife" if sheet.cell(2, column).value != "Midwife" else "GP"
        )

    changed = forms_export(practitioners, edit=change_one, rows=12)
    outcome = import_file(actor=team.lead, survey=workforce, content=changed, file_name="b.xlsx")
    assert (outcome.added, outcome.already_stored) == (1, 11)


def test_duplicates_are_reported_before_import(
    team: Any, workforce: Any, practitioners: Any, forms_export: Any
) -> None:
    from pairsight.surveys.actions import upload_export
    from pairsight.surveys.queries import check_upload, proposed_mapping, read_upload

    first = forms_export(practitioners, rows=10)
    import_file(actor=team.lead, survey=workforce, content=first, file_name="june.xlsx")
    upload = upload_export(
        actor=team.lead, survey=workforce, content=_as_csv(first), file_name="june.csv"
    )
    export = read_upload(upload)
    check = check_upload(upload, export, proposed_mapping(upload, export))
    assert (check.rows, check.new, check.already_stored) == (10, 0, 10)
