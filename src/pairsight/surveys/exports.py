"""Responses written out as a survey tool would export them (for the demo's upload files).

The synthetic Birmingham responses can be downloaded as a Microsoft Forms workbook to try
the upload-and-match flow; the workbook carries the synthetic marker in its own column, so
an import of it is marked synthetic too. Answers and question texts are people's text:
every cell is neutralised (`core.cells`) and written as a string cell, so that no answer
becomes a formula when the workbook is opened.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pairsight.core.cells import neutralise_cell
from pairsight.surveys.importers.export import SYNTHETIC_COLUMN
from pairsight.surveys.instruments.model import (
    MultipleChoice,
    Ranking,
    RatingGrid,
    SingleChoice,
)
from pairsight.surveys.responses import SurveyResponses


def write_msforms_xlsx(survey: SurveyResponses, path: Path) -> Path:
    """The responses as a Microsoft Forms export: ID, times, Email, Name, one column per answer."""
    instrument = survey.instrument
    headers = ["ID", "Start time", "Completion time", "Email", "Name"]
    columns: list[list[object]] = []
    frame = survey.frame
    for question in instrument.questions:
        if isinstance(question, RatingGrid):
            for statement in question.statements:
                headers.append(f"{question.text.strip()}.{statement.text}")
                columns.append(_cells(frame[f"{question.id}.{statement.id}"]))
        elif isinstance(question, Ranking):
            headers.append(question.text.strip())
            ranks = frame[[f"{question.id}.{i.id}" for i in question.items]]
            texts = [i.text for i in question.items]
            columns.append([_ranked(row, texts) for row in ranks.itertuples(index=False)])
        elif isinstance(question, MultipleChoice):
            headers.append(question.text.strip())
            other = frame.get(f"{question.id}.other")
            columns.append(
                [
                    _joined(chosen, question.other_label, None if other is None else other.iloc[i])
                    for i, chosen in enumerate(frame[question.id])
                ]
            )
        elif isinstance(question, SingleChoice) and question.other:
            headers.append(question.text.strip())
            typed = frame[f"{question.id}.other"]
            columns.append(
                [
                    typed.iloc[i] if answer == question.other_label else _cell(answer)
                    for i, answer in enumerate(frame[question.id])
                ]
            )
        else:
            headers.append(question.text.strip())
            columns.append(_cells(frame[question.id]))
    if survey.synthetic:
        headers.append(SYNTHETIC_COLUMN)
        columns.append([survey.label] * len(frame))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append([_safe(sheet, header) for header in headers])
    start = datetime.datetime(2022, 1, 10, 9, 0)
    for index in range(len(frame)):
        when = start + datetime.timedelta(minutes=37 * index)
        row = [index + 1, when, when + datetime.timedelta(minutes=9), "anonymous", ""]
        sheet.append([_safe(sheet, cell) for cell in row + [c[index] for c in columns]])
    workbook.save(path)
    return path


def _safe(sheet: WriteOnlyWorksheet, value: object) -> object:
    """A cell that can never be a formula: openpyxl writes any text starting with = as one."""
    value = neutralise_cell(value)
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, tuple | list) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    return value.item() if hasattr(value, "item") else value


def _cells(values: pd.Series) -> list[object]:
    return [_cell(v) for v in values.tolist()]


def _joined(chosen: object, other_label: str, typed: object) -> str | None:
    if not isinstance(chosen, tuple):
        return None
    parts = [
        typed if label == other_label and isinstance(typed, str) else label for label in chosen
    ]
    return "".join(f"{p};" for p in parts)


def _ranked(ranks: tuple[object, ...], texts: list[str]) -> str | None:
    placed = sorted((int(str(r)), t) for r, t in zip(ranks, texts, strict=True) if not pd.isna(r))  # type: ignore[call-overload]
    return "".join(f"{t};" for _, t in placed) or None
