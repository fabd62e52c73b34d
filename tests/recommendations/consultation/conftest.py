from __future__ import annotations

import datetime
from typing import Any

import pytest

from pairsight.recommendations import actions

TRAINING = "Training the workforce"
UNIVERSAL = "Developing universal services"


@pytest.fixture
def drafts(team: Any) -> list[Any]:
    """Two drafts and one agreed recommendation (which is never put out for consultation)."""
    made = [
        actions.create_recommendation(
            actor=team.lead,
            assessment=team.assessment,
            category=category,
            title=title,
            text=f"{title}.",
            status=status,
        )
        for category, title, status in (
            (TRAINING, "Train practitioners", "draft"),
            (UNIVERSAL, "Ask about the relationship at every visit", "draft"),
            (TRAINING, "Already agreed", "agreed"),
        )
    ]
    return made


def in_a_fortnight() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=14)
