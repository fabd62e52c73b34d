"""Back up, restore and delete one assessment: every row of it and every file it stored.

Which rows belong to an assessment is told by each app, not written here: an app's own
`backup.py` calls `register(...)` with its models (and, if it keeps files, their folder).
A new app (service mapping, interviews, recommendations) joins by adding that file;
nothing here changes. The rows of a model are found through its foreign keys, up to the
assessment; rows are restored parents first, with new IDs, and foreign keys between
them mapped to the new IDs.

People are not part of an assessment's backup: the person restoring becomes its lead, and
links to other people (who built, who imported) are kept as the names stored beside them.
"""

from pairsight.assessments.backup.carrying import carry_forward, row_counts, stored_files
from pairsight.assessments.backup.deleting import delete_assessment
from pairsight.assessments.backup.parts import (
    REFUSED,
    RESTORED_MARK,
    RESTORED_TITLE,
    Part,
    parts,
    person_named,
    register,
)
from pairsight.assessments.backup.restoring import restore_assessment

# Imported with the package so that every worker's sweep watches restores too (job_worker).
from pairsight.assessments.backup import restore_jobs  # noqa: E402,F401  isort: skip
from pairsight.assessments.backup import audit_exports  # noqa: E402,F401  isort: skip
from pairsight.assessments.backup.writing import backup_assessment

__all__ = [
    "REFUSED",
    "RESTORED_MARK",
    "RESTORED_TITLE",
    "Part",
    "backup_assessment",
    "carry_forward",
    "delete_assessment",
    "parts",
    "person_named",
    "register",
    "restore_assessment",
    "row_counts",
    "stored_files",
]
