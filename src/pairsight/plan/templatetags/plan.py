"""The dashboard's plan card, rendered by the plan app itself.

The dashboard belongs to `assessments`, which sits below the workstreams and cannot import
them; the template loads this tag instead.
"""

from __future__ import annotations

from typing import Any

from django import template

from pairsight.plan import queries

register = template.Library()


@register.inclusion_tag("plan/_dashboard_card.html")
def plan_card(assessment: Any) -> dict[str, Any]:
    return {"assessment": assessment, "standing": queries.plan_standing(assessment)}
