"""What every interview page shares: its context and how a refusal reaches the form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from pairsight.assessments.access import can
from pairsight.assessments.models import Membership, Role


def page_context(membership: Membership, **extra: Any) -> dict[str, Any]:
    return {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "interviews",
        "can_edit": can(membership, Role.EDITOR),
        "is_lead": can(membership, Role.LEAD),
        **extra,
    }


def show_refusal(form: Any, error: ValidationError) -> None:
    """Put a use case's field errors on the form (on the form itself where it has no field)."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def ticked_themes(form: Any) -> set[int]:
    """The themes ticked on a coding form (as posted, or as stored)."""
    values = form["themes"].value() or []
    return {int(v) for v in values if str(v).isdigit()}
