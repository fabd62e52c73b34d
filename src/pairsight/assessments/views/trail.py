"""The audit trail: the page and its download."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pairsight.assessments import queries
from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.audit import record_export
from pairsight.assessments.audit_text import change_rows
from pairsight.assessments.forms import (
    AuditFilterForm,
)
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views.responses import download_response

AUDIT_PAGE_SIZE = 50


@member_view(Role.LEAD)
@require_GET
def audit(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    people, actions_seen = queries.audit_choices(assessment)
    filtering = any(
        request.GET.get(name) for name in ("person", "kind", "action", "since", "until")
    )
    form = AuditFilterForm(request.GET if filtering else None, people=people, actions=actions_seen)
    chosen = form.cleaned_data if filtering and form.is_valid() else {}
    events = queries.audit_events(
        assessment,
        person=chosen.get("person", ""),
        kind=chosen.get("kind", ""),
        action=chosen.get("action", ""),
        since=chosen.get("since"),
        until=chosen.get("until"),
    )
    paginator = Paginator(events, AUDIT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/audit.html",
        {
            "membership": membership,
            "assessment": assessment,
            "section": "audit",
            "page": page,
            "rows": [(event, change_rows(event.before, event.after)) for event in page],
            "form": form,
            "filtering": filtering,
            "filter_query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@member_view(Role.LEAD)
@require_GET
def audit_download(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    events = list(queries.audit_events(assessment))
    record_export(
        actor=request.user,
        assessment=assessment,
        what="the audit trail",
        file_format="CSV",
        object_type="audit trail",
        detail={"events": len(events)},
    )
    body = queries.audit_csv(events)
    filename = f"pairsight-audit-{assessment.area.ons_code}-{timezone.now():%Y%m%d-%H%M}.csv"
    return download_response(body, "text/csv; charset=utf-8", filename)
