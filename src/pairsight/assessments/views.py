from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments import actions, backup, queries
from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.archive import BackupError
from pairsight.assessments.audit import display_name, record_export
from pairsight.assessments.audit_text import change_rows
from pairsight.assessments.backup import jobs as backup_jobs
from pairsight.assessments.forms import (
    AssessmentDetailsForm,
    AssessmentForm,
    AuditFilterForm,
    DeleteAssessmentForm,
    MemberForm,
    NewPasswordForm,
    ProgressForm,
    RestoreForm,
    RoleForm,
)
from pairsight.assessments.models import BackupJob, Membership, Role, Workstream


def _apply_errors(form: object, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = field if field in form.fields else None  # type: ignore[attr-defined]
            for message in errors:
                form.add_error(target, message)  # type: ignore[attr-defined]
    else:
        for message in error.messages:
            form.add_error(None, message)  # type: ignore[attr-defined]


@require_GET
def assessment_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "assessments/list.html",
        {"memberships": queries.memberships_of(request.user)},
    )


@require_http_methods(["GET", "POST"])
def assessment_create(request: SignedInRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = actions.create_assessment(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{assessment.title} has been created")
            return redirect("assessments:dashboard", assessment_id=assessment.pk)
    return render(request, "assessments/create.html", {"form": form})


@member_view()
@require_GET
def dashboard(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    return render(
        request,
        "assessments/dashboard.html",
        {
            "membership": membership,
            "assessment": assessment,
            "cards": queries.dashboard_cards(assessment),
            "can_edit": can(membership, Role.EDITOR),
        },
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def progress_update(
    request: SignedInRequest, membership: Membership, workstream: str
) -> HttpResponse:
    if workstream not in Workstream.values:
        raise Http404("No such workstream")
    assessment = membership.assessment
    status = queries.workstream_status(assessment, Workstream(workstream))
    form = ProgressForm(request.POST or None, initial={"progress": status.progress})
    if request.method == "POST" and form.is_valid():
        actions.set_progress(
            actor=request.user,
            assessment=assessment,
            workstream=workstream,
            progress=form.cleaned_data["progress"],
        )
        messages.success(
            request, f"Progress of {Workstream(workstream).label.lower()} has been saved"
        )
        return redirect("assessments:dashboard", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/progress.html",
        {
            "membership": membership,
            "assessment": assessment,
            "form": form,
            "workstream": Workstream(workstream),
        },
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def assessment_details(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    form = AssessmentDetailsForm(
        request.POST or None,
        initial={
            "title": assessment.title,
            "start_year": assessment.start_year,
            "end_year": assessment.end_year,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_assessment(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "The assessment's details have been saved")
            return redirect("assessments:dashboard", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/details.html",
        {"form": form, "membership": membership, "assessment": assessment},
    )


@member_view()
@require_GET
def team(request: SignedInRequest, membership: Membership) -> HttpResponse:
    is_lead = can(membership, Role.LEAD)
    return render(
        request,
        "assessments/team.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "members": queries.members(membership.assessment),
            "is_lead": is_lead,
            "linkable": queries.linkable_member_ids(membership.assessment) if is_lead else set(),
        },
    )


def _link(request: SignedInRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("set_password", kwargs={"token": token}))


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def member_add(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    form = MemberForm(request.POST or None, initial={"role": Role.VIEWER})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_member(
                actor=request.user,
                assessment=assessment,
                link_url=lambda token: _link(request, token),
                sign_in_url=request.build_absolute_uri(reverse("login")),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            # The same answer whether or not the address already had an account: a lead
            # must not learn that, nor get a link to someone else's account. The link for
            # someone new is e-mailed, or made from the team page.
            role = Role(form.cleaned_data["role"]).label.lower()
            messages.success(request, f"{form.cleaned_data['email']} has been added as {role}")
            return redirect("assessments:team", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/member_add.html",
        {"form": form, "membership": membership, "assessment": assessment},
    )


def _show_link(
    request: SignedInRequest, membership: Membership, member: Membership, token: str
) -> HttpResponse:
    # The link is shown once, in this response only; only its hash is stored.
    return render(
        request,
        "assessments/member_link.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "member": member,
            "link": _link(request, token),
            "invitation_days": settings.PAIRSIGHT_INVITATION_DAYS,
        },
    )


def _member(membership: Membership, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"),
        pk=membership_id,
        assessment_id=membership.assessment_id,
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def member_change(
    request: SignedInRequest, membership: Membership, membership_id: int
) -> HttpResponse:
    member = _member(membership, membership_id)
    form = RoleForm(request.POST or None, initial={"role": member.role})
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_role(
                actor=request.user, membership=member, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{display_name(member.user)}'s role has been saved")
            return redirect("assessments:team", assessment_id=membership.assessment_id)
    return render(
        request,
        "assessments/member_change.html",
        {
            "form": form,
            "membership": membership,
            "assessment": membership.assessment,
            "member": member,
        },
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def member_remove(
    request: SignedInRequest, membership: Membership, membership_id: int
) -> HttpResponse:
    member = _member(membership, membership_id)
    error = ""
    if request.method == "POST":
        try:
            actions.remove_member(actor=request.user, membership=member)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, f"{display_name(member.user)} has been removed")
            if member.pk == membership.pk:
                return redirect("assessments:list")
            return redirect("assessments:team", assessment_id=membership.assessment_id)
    return render(
        request,
        "assessments/member_remove.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "member": member,
            "error": error,
        },
        status=400 if error else 200,
    )


@member_view(Role.LEAD)
@require_POST
def member_link(
    request: SignedInRequest, membership: Membership, membership_id: int
) -> HttpResponse:
    member = _member(membership, membership_id)
    try:
        token = actions.new_link(actor=request.user, membership=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:team", assessment_id=membership.assessment_id)
    return _show_link(request, membership, member, token)


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


@login_not_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest, token: str) -> HttpResponse:
    invitation = queries.usable_invitation(token)
    if invitation is None:
        return render(request, "assessments/link_expired.html", status=404)
    form = NewPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_invitation(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except ValidationError:
            return render(request, "assessments/link_expired.html", status=404)
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, "Your password has been set. You are now signed in.")
        # A consultee opens only the consultation: that is their way into the assessment.
        consultee = queries.is_consultee(user, invitation.assessment_id)
        home = "recommendations:consultation" if consultee else "assessments:dashboard"
        return redirect(home, assessment_id=invitation.assessment_id)
    return render(
        request,
        "assessments/set_password.html",
        {"form": form, "invitation": invitation},
    )


def download_response(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A file to save: every download of every app is answered through this one helper.

    The file name goes through Django's own header builder, so text in it (a title, a
    version) can never add a parameter of its own to the header.
    """
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


@member_view(Role.LEAD)
@require_GET
def backup_page(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """Make a backup (the worker writes it) and download it once made; polled while it runs."""
    assessment = membership.assessment
    context = {
        "membership": membership,
        "assessment": assessment,
        "job": backup_jobs.latest_backup(assessment),
    }
    if request.htmx:
        return render(request, "assessments/_backup_progress.html", context)
    return render(request, "assessments/backup.html", context)


@member_view(Role.LEAD)
@require_POST
def backup_start(request: SignedInRequest, membership: Membership) -> HttpResponse:
    try:
        backup_jobs.start_backup(actor=request.user, assessment=membership.assessment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("assessments:backup", assessment_id=membership.assessment_id)


@member_view(Role.LEAD)
@require_GET
def backup_download(
    request: SignedInRequest, membership: Membership, job_id: int
) -> HttpResponseBase:
    job = get_object_or_404(BackupJob, pk=job_id, assessment=membership.assessment)
    try:
        path = backup_jobs.backup_file(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:backup", assessment_id=membership.assessment_id)
    stamp = timezone.localtime(job.finished_at).strftime("%Y-%m-%d-%H%M")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"pairsight-backup-assessment-{job.assessment_id}-{stamp}.zip",
        content_type="application/zip",
    )


@require_http_methods(["GET", "POST"])
def restore(request: SignedInRequest) -> HttpResponse:
    form = RestoreForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            restored = backup.restore_assessment(
                actor=request.user, content=file.read(), name=file.name
            )
        except BackupError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Restored as assessment {restored.pk}: {restored.title}")
            return redirect("assessments:dashboard", assessment_id=restored.pk)
    status = 400 if form.errors else 200
    return render(request, "assessments/restore.html", {"form": form}, status=status)


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def assessment_delete(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    form = DeleteAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title = assessment.title
        try:
            backup.delete_assessment(
                actor=request.user,
                assessment=assessment,
                confirm_title=form.cleaned_data["confirm_title"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{title} and everything in it have been deleted")
            return redirect("assessments:list")
    return render(
        request,
        "assessments/delete.html",
        {"form": form, "membership": membership, "assessment": assessment},
        status=400 if form.errors else 200,
    )
