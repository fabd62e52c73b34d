"""The audit trail: the page, and its file written by the worker and downloaded."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pairsight.assessments import queries
from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.audit_text import change_rows
from pairsight.assessments.backup import audit_exports
from pairsight.assessments.forms import (
    AuditFilterForm,
)
from pairsight.assessments.models import Membership, Role

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
@require_http_methods(["GET", "POST"])
def audit_file(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """Follow the trail being written as a file (GET; polled), or ask for it (POST, with the
    audit page's filter, which the file keeps)."""
    assessment = membership.assessment
    if request.method == "POST":
        people, actions_seen = queries.audit_choices(assessment)
        form = AuditFilterForm(request.POST, people=people, actions=actions_seen)
        if not form.is_valid():
            messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
            return redirect("assessments:audit", assessment_id=assessment.pk)
        try:
            audit_exports.start_audit_export(
                actor=request.user, assessment=assessment, filters=form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("assessments:audit_file", assessment_id=assessment.pk)
    return _file_page(request, membership)


def _file_page(request: SignedInRequest, membership: Membership) -> HttpResponse:
    context = {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "audit",
        "job": audit_exports.latest_audit_export(membership.assessment),
    }
    if request.htmx:
        return render(request, "assessments/_audit_file_progress.html", context)
    return render(request, "assessments/audit_file.html", context)


@member_view(Role.LEAD)
@require_GET
def audit_download(request: SignedInRequest, membership: Membership) -> HttpResponseBase:
    """The latest written file (recorded as an export), or the page to write one."""
    assessment = membership.assessment
    job = audit_exports.latest_audit_export(assessment)
    try:
        if job is None:
            raise ValidationError("Write the audit trail as a file first.")
        path = audit_exports.audit_file(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _file_page(request, membership)
    stamp = timezone.localtime(job.finished_at, datetime.UTC)
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"pairsight-audit-{assessment.area.ons_code}-{stamp:%Y%m%d-%H%M}.csv",
        content_type="text/csv; charset=utf-8",
    )
