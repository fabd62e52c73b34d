"""Writes for the surveys: one function per use case, each in a transaction, each audited.

An import stores everything or nothing: the file is read, matched and checked in full by the
pure pipeline before the transaction starts, and any failure inside it rolls back every row.
From the pages, an import runs in the worker (`tasks.start_import`, then `tasks.import_upload`).
"""

from pairsight.surveys.actions.findings import star_finding, unstar_finding
from pairsight.surveys.actions.imports import (
    ImportOutcome,
    delete_import,
    import_file,
    import_upload,
    read_upload,
    refresh_headline,
    store_responses,
    store_upload,
)
from pairsight.surveys.actions.questionnaires import edit_instrument, start_survey
from pairsight.surveys.actions.uploads import (
    MAX_UPLOAD_BYTES,
    UPLOAD_KEPT_FOR,
    discard_upload,
    save_mapping,
    saved_mapping,
    upload_export,
)

__all__ = [
    "start_survey",
    "edit_instrument",
    "UPLOAD_KEPT_FOR",
    "MAX_UPLOAD_BYTES",
    "saved_mapping",
    "upload_export",
    "save_mapping",
    "discard_upload",
    "ImportOutcome",
    "import_file",
    "import_upload",
    "read_upload",
    "store_upload",
    "store_responses",
    "refresh_headline",
    "delete_import",
    "star_finding",
    "unstar_finding",
]
