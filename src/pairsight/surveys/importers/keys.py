"""A stable key for each response, so that importing the same file again adds nothing.

The export's own response ID is the key when it has one (Forms "ID", SurveyMonkey
"Respondent ID", Qualtrics "ResponseId", REDCap "record_id", Kobo "_uuid"). Without one,
the key is a hash of the row's cells; identical rows get "#2", "#3" in the order they come,
which a re-import reproduces.
"""

from __future__ import annotations

import pandas as pd

from pairsight.surveys.importers.errors import ImportProblem
from pairsight.surveys.importers.export import Export, cell_text


def response_keys(export: Export) -> tuple[pd.Index, list[ImportProblem]]:
    body = export.body
    hashed = _row_hashes(export)
    key_column = next((c for c in export.columns if c.role == "key"), None)
    if key_column is None:
        return pd.Index(hashed, name="response_key"), []
    own = [cell_text(v).strip() for v in body[key_column.position].tolist()]
    keys = [
        f"{key_column.header}:{value}" if value else row
        for value, row in zip(own, hashed, strict=True)
    ]
    problems = []
    first_row: dict[str, int] = {}
    for row, value, key in zip(body.index, own, keys, strict=True):
        if key in first_row and value:
            problems.append(
                ImportProblem(
                    f"{key_column.header} {value} appears twice (also in row {first_row[key]}); "
                    "each response needs its own ID.",
                    row=int(row),
                    column=key_column.letter,
                    header=key_column.header,
                    value=value,
                )
            )
        first_row.setdefault(key, int(row))
    return pd.Index(keys, name="response_key"), problems


def _row_hashes(export: Export) -> list[str]:
    positions = [c.position for c in export.columns if c.role != "synthetic"]
    cells = export.body[positions].astype(str)
    hashes = pd.util.hash_pandas_object(cells, index=False).to_numpy()
    labels = pd.Series([f"row-{h:016x}" for h in hashes])
    occurrence = labels.groupby(labels).cumcount().to_numpy()
    return [
        label if n == 0 else f"{label}#{n + 1}" for label, n in zip(labels, occurrence, strict=True)
    ]
