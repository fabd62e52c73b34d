"""Which survey tool made an export, decided from its header rows alone."""

from __future__ import annotations

from types import ModuleType

from pairsight.surveys.importers import (
    kobo,
    limesurvey,
    msforms,
    plain,
    qualtrics,
    redcap,
    surveymonkey,
)
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.export import Export, ExportFormat, Grid
from pairsight.surveys.importers.files import EXPORT_ADVICE, Source, read_grid

#: Each format module offers `sniff(grid) -> int` (0 to 100) and `parse(grid) -> Export`.
FORMATS: dict[ExportFormat, ModuleType] = {
    ExportFormat.MICROSOFT_FORMS: msforms,
    ExportFormat.SURVEYMONKEY: surveymonkey,
    ExportFormat.QUALTRICS: qualtrics,
    ExportFormat.LIMESURVEY: limesurvey,
    ExportFormat.REDCAP: redcap,
    ExportFormat.KOBO: kobo,
    ExportFormat.PLAIN: plain,
}


def detect_format(grid: Grid) -> ExportFormat:
    """The tool whose header layout fits the grid best; a plain spreadsheet otherwise."""
    scores = {fmt: int(module.sniff(grid)) for fmt, module in FORMATS.items()}
    return max(scores, key=lambda fmt: scores[fmt])


def read_export(
    source: Source, name: str | None = None, export_format: ExportFormat | None = None
) -> Export:
    """Read a survey export and understand its layout (detected unless `export_format` given).

    Raises SurveyImportError for a file that is not an export, is empty, or has headers only.
    """
    grid = read_grid(source, name)
    if grid.cells.empty:
        raise SurveyImportError(f"{grid.name} has no rows: it is empty.")
    if grid.kind == "csv" and grid.cells.shape[1] <= 1 and len(grid.cells) <= 1:
        # One line of text with no separators: a note or a document, not a table.
        raise SurveyImportError(
            f"{grid.name} is not a spreadsheet or CSV file of responses: it holds a line of "
            f"text, not columns of answers; {EXPORT_ADVICE}."
        )
    chosen = export_format or detect_format(grid)
    export: Export = FORMATS[chosen].parse(grid)
    if export.body.empty:
        raise SurveyImportError(f"{grid.name} has column headings but no responses below them.")
    if not export.answer_columns:
        raise SurveyImportError(
            f"{grid.name} has no answer columns: only {chosen.label}'s own columns "
            "(IDs, times, names) were found."
        )
    return export
