"""The recommendations part of the Birmingham demo: the nine categories and a few EXAMPLES.

The published summary lists Birmingham's nine categories but not the text of its 38
recommendations, so the recommendations here are PAIRsight's own examples, marked as such
wherever they show. One cites the demo's unmet need (2,420) to show evidence at work.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from pairsight.assessments.models import Assessment, Membership, Role
from pairsight.core import citable
from pairsight.recommendations import actions
from pairsight.recommendations.categories import BIRMINGHAM_CATEGORIES
from pairsight.recommendations.models import Recommendation

UNMET_NEED_KEY = "population:unmet-need"

EXAMPLE_NOTE = "Example written by PAIRsight, not Birmingham's own recommendation."

#: (category index in BIRMINGHAM_CATEGORIES, fields, evidence keys to cite)
EXAMPLES: tuple[tuple[int, dict[str, str], tuple[str, ...]], ...] = (
    (
        7,
        {
            "title": "Plan specialised parent-infant support for the families not yet reached",
            "text": "Set out how specialised parent-infant relationship support could reach "
            "the families the need estimate finds without a service today.",
            "audience": "Commissioners, specialist services",
            "how_achieved": "A business case built on the chosen need estimate and the "
            "service map.",
            "next_steps": "Agree the estimate with the steering group; draft the business case.",
        },
        (UNMET_NEED_KEY,),
    ),
    (
        3,
        {
            "title": "Offer training in infant communication to practitioners",
            "text": "Give practitioners who meet families before a child's second birthday "
            "training in understanding infant communication.",
            "audience": "Practitioners, services",
            "how_achieved": "A shared training offer across the local partnership.",
            "next_steps": "Ask the workforce survey's respondents which formats suit them.",
        },
        (),
    ),
    (
        8,
        {
            "title": "Tell parents why the early relationship matters",
            "text": "Share with parents and carers, in plain words, why the relationship with "
            "their baby matters and where to ask for help.",
            "audience": "Services, commissioners",
            "how_achieved": "Messages through universal services and local campaigns.",
            "next_steps": "Test the messages with parents.",
        },
        (),
    ),
)


@transaction.atomic
def add_demo_recommendations(
    assessment: Assessment, user: User | None = None
) -> list[Recommendation]:
    """The nine categories and the example recommendations, unless the register has some."""
    # Done as the assessment's first lead (the demo user) unless `user` is given.
    lead = Membership.objects.filter(assessment=assessment, role=Role.LEAD).order_by("added_at")
    actor = user or next((m.user for m in lead[:1]), None)
    if actor is None or Recommendation.objects.filter(assessment=assessment).exists():
        return []
    actions.categories_of(assessment)
    offered = {e.key for e in citable.offered(assessment)}
    added = []
    for index, fields, keys in EXAMPLES:
        recommendation = actions.create_recommendation(
            actor=actor,
            assessment=assessment,
            category=BIRMINGHAM_CATEGORIES[index],
            example=True,
            owner="Example owner",
            **fields,
        )
        for key in keys:
            if key in offered:
                actions.cite_evidence(actor=actor, recommendation=recommendation, key=key)
        added.append(recommendation)
    return added
