"""The pages of an assessment's own workspace: its dashboard, team, audit trail and keeping."""

from __future__ import annotations

from pairsight.assessments.views.keeping import (
    assessment_delete,
    backup_download,
    backup_page,
    backup_start,
    restore,
    restore_cancel,
    restore_retry,
)
from pairsight.assessments.views.responses import download_response
from pairsight.assessments.views.team import (
    member_add,
    member_change,
    member_link,
    member_remove,
    set_password,
    team,
)
from pairsight.assessments.views.trail import (
    AUDIT_PAGE_SIZE,
    audit,
    audit_download,
    audit_file,
)
from pairsight.assessments.views.workspace import (
    assessment_create,
    assessment_details,
    assessment_list,
    dashboard,
    progress_update,
)

__all__ = [
    "download_response",
    "assessment_list",
    "assessment_create",
    "dashboard",
    "progress_update",
    "assessment_details",
    "team",
    "member_add",
    "member_change",
    "member_remove",
    "member_link",
    "set_password",
    "AUDIT_PAGE_SIZE",
    "audit",
    "audit_download",
    "audit_file",
    "backup_page",
    "backup_start",
    "backup_download",
    "restore",
    "restore_cancel",
    "restore_retry",
    "assessment_delete",
]
