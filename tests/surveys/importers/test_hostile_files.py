"""Hostile spreadsheets: each refused with a sentence naming the limit, quickly, in little
memory, and with the survey's stored responses left exactly as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import SurveyImportError

from . import hostile_files as hostile

EXPECTED = {**hostile.REFUSED_BECAUSE, "binary renamed .csv": "not a spreadsheet or text file"}


@pytest.mark.parametrize("kind", sorted(hostile.HOSTILE))
def test_each_hostile_file_is_refused_quickly_in_little_memory(kind: str, tmp_path: Path) -> None:
    path = tmp_path / ("export.csv" if "csv" in kind or "columns" in kind else "export.xlsx")
    path.write_bytes(hostile.HOSTILE[kind]())
    result = hostile.measure(path, "survey")
    assert result["error"] == "SurveyImportError", result
    assert EXPECTED[kind] in str(result["message"]), result["message"]
    assert path.name in str(result["message"])
    assert float(str(result["seconds"])) < 5.0, result
    assert float(str(result["peak_mb"])) < 200.0, result


def test_an_external_entity_is_refused_and_the_file_it_names_is_never_read(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the server's secret key")
    with pytest.raises(SurveyImportError) as refused:
        read_export(hostile.external_entity(secret), "export.xlsx")
    assert "export.xlsx" in str(refused.value)
    assert "secret key" not in str(refused.value)
    assert "XML" in str(refused.value)


def test_a_real_sized_export_is_within_every_limit(tmp_path: Path) -> None:
    # 500 responses by 120 columns with long answers: bigger than any PAIR survey.
    rows = "".join(
        f'<row r="{n}">'
        + "".join(
            f'<c r="{letters}{n}" t="inlineStr"><is><t>answer {n} {letters} {"x" * 60}</t></is></c>'
            for letters in _letters(120)
        )
        + "</row>"
        for n in range(1, 501)
    )
    export = read_export(hostile.workbook(hostile.SHEET_OPEN + rows + hostile.SHEET_CLOSE), "big")
    assert len(export.body) == 499
    assert len(export.columns) == 120


def _letters(count: int) -> list[str]:
    from pairsight.core.containers import column_letters

    return [column_letters(i) for i in range(count)]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["wide reference", "entity expansion", "million columns"])
def test_a_refused_file_leaves_the_stored_responses_unchanged(
    kind: str, team: Any, workforce: Any, practitioners: Any, forms_export: Any
) -> None:
    from pairsight.surveys.actions import import_file

    from ..conftest import import_first
    from ..test_actions import stored_rows

    import_first(team, workforce, practitioners, forms_export)
    before = stored_rows(workforce)
    name = "export.csv" if kind == "million columns" else "export.xlsx"
    with pytest.raises(SurveyImportError):
        import_file(
            actor=team.lead, survey=workforce, content=hostile.HOSTILE[kind](), file_name=name
        )
    assert stored_rows(workforce) == before


def test_an_empty_first_sheet_is_passed_over_for_the_sheet_with_responses() -> None:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Cover"
    data = workbook.create_sheet("Responses")
    data.append(["ID", "Did anyone ask?"])
    for n in range(1, 4):
        data.append([n, "Yes"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    export = read_export(buffer.getvalue(), "two sheets.xlsx")
    assert export.grid.sheet == "Responses"
    assert len(export.body) == 3


def test_a_csv_cell_past_the_cell_limit_is_refused_by_name() -> None:
    content = b"ID,Anything else?\r\n1," + b"x" * 200_000 + b"\r\n"
    with pytest.raises(SurveyImportError) as refused:
        read_export(content, "long.csv")
    assert "long.csv is refused: row 2 has a cell longer than the limit" in str(refused.value)
