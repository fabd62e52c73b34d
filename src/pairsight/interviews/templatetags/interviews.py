"""The dashboard's interviews card, rendered by the interviews app itself.

The dashboard belongs to `assessments`, which sits below the workstreams and cannot import
them; the template loads this tag instead, so the card's figures come from this app.
"""

from __future__ import annotations

from typing import Any

from django import template

from pairsight.interviews import queries

register = template.Library()


@register.inclusion_tag("interviews/_dashboard_card.html")
def interviews_card(assessment: Any) -> dict[str, Any]:
    return {"assessment": assessment, "figures": queries.headline(assessment)}
