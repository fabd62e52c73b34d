"""An import from file to typed responses: read, match columns, convert, key, check.

Nothing is stored here. The caller (the web's import action, the command line) stores the
result only when `problems` is empty, in one transaction, so an import is all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pairsight.surveys.importers.convert import convert
from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import ImportProblem, SurveyImportError, problems_message
from pairsight.surveys.importers.export import Export, ExportFormat, cell_text
from pairsight.surveys.importers.files import Source
from pairsight.surveys.importers.keys import own_ids, response_identities, response_keys
from pairsight.surveys.importers.mapping import ColumnMapping, propose_mapping
from pairsight.surveys.instruments.model import Instrument
from pairsight.surveys.responses import SurveyResponses

#: With fewer of the columns matching by text than this, the file is probably another survey's.
FEWEST_MATCHED = 0.25
SYNTHETIC_FALLBACK_LABEL = "SYNTHETIC: generated responses, not real survey data."


@dataclass(frozen=True)
class ImportResult:
    export: Export
    instrument: Instrument
    mapping: ColumnMapping
    #: One row per response (index `response_key`), one column per answer column.
    responses: pd.DataFrame
    #: The spreadsheet row of each response, by response key.
    source_rows: pd.Series
    problems: list[ImportProblem]
    #: Email, Name and the like, only when the import was asked to keep them.
    personal: pd.DataFrame | None
    synthetic: bool
    synthetic_label: str
    #: Per response key: `identity` (tool's ID and start time) and `fingerprint` (start time
    #: and answers), to find the same responses arriving in another file.
    identities: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def export_format(self) -> ExportFormat:
        return self.export.format

    @property
    def unmatched_columns(self) -> list[str]:
        return self.mapping.unmatched

    @property
    def questions_not_in_file(self) -> list[str]:
        answered = {t.question_id for t in self.mapping.matched.values()}
        return [q.id for q in self.instrument.questions if q.id not in answered]

    def raise_for_problems(self) -> None:
        if self.problems:
            raise SurveyImportError(
                problems_message(self.export.name, self.problems), self.problems
            )

    @property
    def survey(self) -> SurveyResponses:
        """The responses for analysis (refused while problems remain)."""
        self.raise_for_problems()
        return SurveyResponses(
            self.instrument,
            self.responses,
            source=self.export.describe(),
            synthetic=self.synthetic,
            label=self.synthetic_label,
        )


def import_responses(
    source: Source | Export,
    instrument: Instrument,
    *,
    name: str | None = None,
    mapping: ColumnMapping | None = None,
    keep_personal: bool = False,
    strict: bool = True,
) -> ImportResult:
    """Read an export and turn it into typed responses for `instrument`.

    `mapping` is a saved or user-confirmed mapping: its confirmed matches are used as they
    are; other columns are matched by text. With `strict` (the default) any answer that
    does not fit raises SurveyImportError listing every one; otherwise they are returned in
    `problems` for a page to show.
    """
    export = source if isinstance(source, Export) else read_export(source, name)
    proposed = propose_mapping(export, instrument, saved=mapping)
    if not proposed.matched:
        raise SurveyImportError(_no_match_message(export, instrument, proposed))
    confirmed = any(m.confirmed for m in proposed.matches)
    answer_columns = len(export.answer_columns)
    if not confirmed and len(proposed.matched) < FEWEST_MATCHED * answer_columns:
        raise SurveyImportError(_few_matches_message(export, instrument, proposed))
    frame, problems = convert(export, instrument, proposed)
    own = own_ids(export)
    keys, key_problems = response_keys(export, own)
    rows = pd.Series(export.body.index.to_numpy(), index=keys, name="row")
    frame.index = keys
    identities = response_identities(export, frame, own)
    personal = None
    if keep_personal:
        positions = [c for c in export.columns if c.role == "personal"]
        personal = pd.DataFrame(
            {c.header: export.body[c.position].map(cell_text).to_numpy() for c in positions},
            index=keys,
        )
    synthetic_column = next((c for c in export.columns if c.role == "synthetic"), None)
    label = ""
    if synthetic_column is not None:
        values = export.body[synthetic_column.position].dropna()
        label = cell_text(values.iloc[0]) if len(values) else SYNTHETIC_FALLBACK_LABEL
    all_problems = sorted(key_problems + problems, key=lambda p: (p.row or 0, p.column or ""))
    result = ImportResult(
        export,
        instrument,
        proposed,
        frame,
        rows,
        all_problems,
        personal,
        synthetic=synthetic_column is not None,
        synthetic_label=label,
        identities=identities,
    )
    if strict:
        result.raise_for_problems()
    return result


def _few_matches_message(export: Export, instrument: Instrument, mapping: ColumnMapping) -> str:
    matched = ", ".join(
        f"column {export.column(header).letter} “{header[:40]}”" for header in mapping.matched
    )
    return (
        f"Only {len(mapping.matched)} of the {len(export.answer_columns)} columns in "
        f"{export.name} match a question in “{instrument.title}” ({matched}): check that you "
        "chose the right questionnaire, or match the columns yourself."
    )


def _no_match_message(export: Export, instrument: Instrument, mapping: ColumnMapping) -> str:
    count = len(export.answer_columns)
    best = max(mapping.matches, key=lambda m: m.score, default=None)
    hint = ""
    if best is not None and best.suggestion is not None and best.score > 0:
        column = export.column(best.header)
        hint = (
            f" (the closest, column {column.letter} “{best.header}”, is only {best.score:.0f}% "
            f"like question {best.suggestion.question_id!r})"
        )
    return (
        f"None of the {count} columns in {export.name} matches a question in "
        f"“{instrument.title}”{hint}: check that you chose the right questionnaire, "
        "or match the columns yourself."
    )
