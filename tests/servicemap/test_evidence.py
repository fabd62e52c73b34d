"""The service map offers its gaps and matrix as evidence; a citation sees them move."""

from __future__ import annotations

from typing import Any

from pairsight.core import citable
from pairsight.recommendations import actions as recommendation_actions
from pairsight.recommendations.queries import cited_evidence
from pairsight.servicemap import actions


def _service(team: Any, name: str, levels: list[str], focus: str, stages: list[str]) -> None:
    service = actions.add_service(actor=team.lead, assessment=team.assessment, name=name)
    actions.classify_service(
        actor=team.lead, service=service, levels=levels, focus=focus, stages=stages
    )


def test_gaps_and_matrix_counts_are_offered_and_a_citation_sees_a_gap_close(team: Any) -> None:
    assert citable.offered(team.assessment, "servicemap") == []
    _service(team, "Baby group", ["universal"], "wider", ["0-12m"])
    _service(
        team, "Health visiting", ["universal", "targeted"], "additional", ["antenatal", "0-12m"]
    )
    offered = {e.key: e.value for e in citable.offered(team.assessment, "servicemap")}
    # Worked out by hand from the two services above.
    assert offered["servicemap:level:universal"] == "2 services"
    assert offered["servicemap:level:targeted"] == "1 service"
    assert offered["servicemap:level:specialist"] == "No service"
    assert offered["servicemap:stage:antenatal"] == "1 service"
    assert offered["servicemap:stage:0-12m"] == "2 services"
    assert offered["servicemap:stage:12-24m"] == "No service"
    assert offered["servicemap:matrix:universal:wider"] == "1 service"
    assert offered["servicemap:matrix:targeted:additional"] == "1 service"
    assert offered["servicemap:matrix:targeted:wider"] == "No service"

    recommendation = recommendation_actions.create_recommendation(
        actor=team.lead,
        assessment=team.assessment,
        category="Training the workforce",
        title="Commission specialist support",
        text="Commission a specialist parent-infant team.",
    )
    recommendation_actions.cite_evidence(
        actor=team.lead, recommendation=recommendation, key="servicemap:level:specialist"
    )
    _service(team, "Parent-infant team", ["specialist"], "specialised", ["0-12m", "12-24m"])
    [item] = cited_evidence(recommendation)
    assert item.citation.value == "No service"
    assert item.movement.describe() == "evidence moved: No service → 1 service"
