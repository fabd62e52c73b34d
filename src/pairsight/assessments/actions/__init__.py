"""Every write to the workspace: one function per use case, each in a transaction, each audited."""

from pairsight.assessments.actions.team import (
    MemberAdded,
    accept_invitation,
    add_member,
    change_role,
    new_link,
    remove_member,
)
from pairsight.assessments.actions.workspace import (
    create_assessment,
    set_headline,
    set_progress,
    update_assessment,
)

__all__ = [
    "create_assessment",
    "update_assessment",
    "set_progress",
    "set_headline",
    "MemberAdded",
    "add_member",
    "new_link",
    "change_role",
    "remove_member",
    "accept_invitation",
]
