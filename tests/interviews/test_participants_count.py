"""Interview participants count toward the surveys' recruitment targets, through core."""

from __future__ import annotations

from typing import Any

from pairsight.core.participants import other_participants
from pairsight.interviews import actions


def test_participants_count_in_the_group_their_attribute_names(team: Any) -> None:
    for pseudonym, area in (("P01", "Ladywood"), ("P02", "Ladywood"), ("P03", "Edgbaston")):
        actions.add_participant(
            actor=team.lead,
            assessment=team.assessment,
            pseudonym=pseudonym,
            group="parent",
            attributes={"Area": area},
        )
    actions.add_participant(
        actor=team.lead, assessment=team.assessment, pseudonym="P04", group="practitioner"
    )
    counted = dict(other_participants(team.assessment.pk, "area"))
    # Worked out by hand: two in Ladywood, one in Edgbaston; P04 recorded no area.
    assert counted["interview participants"] == {"Ladywood": 2, "Edgbaston": 1}
    assert dict(other_participants(team.assessment.pk, "ethnicity"))["interview participants"] == {}
