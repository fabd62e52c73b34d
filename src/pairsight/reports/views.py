from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.audit import record_export
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views.pagecache import kept_page
from pairsight.reports import actions, queries
from pairsight.reports.build import FORMATS
from pairsight.reports.forms import DisclosureForm, NarrativeForm
from pairsight.reports.markup import block_html
from pairsight.reports.models import ReportBuild
from pairsight.reports.narrative import EXAMPLE_NOTE, to_blocks

# The preview is the built HTML file, shown in a frame of the report page. It carries its
# own styles inline and no script, so its policy allows inline styles and nothing else: it
# is sandboxed without scripts (also when opened in a tab of its own), cannot send forms,
# and may be framed by this site only. The page around it keeps the strict policy.
PREVIEW_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
        "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox",
    ]
)


def _context(request: SignedInRequest, membership: Membership, **extra: Any) -> dict[str, Any]:
    assessment = membership.assessment
    return {
        "membership": membership,
        "assessment": assessment,
        "section": "report",
        "state": queries.report_state(assessment),
        "can_edit": can(membership, Role.EDITOR),
        "is_lead": can(membership, Role.LEAD),
        "formats": FORMATS,
        **extra,
    }


def _workspace(request: SignedInRequest, membership: Membership, **extra: Any) -> HttpResponse:
    return render(request, "reports/_workspace.html", _context(request, membership, **extra))


def _to_page(membership: Membership) -> HttpResponse:
    return redirect("reports:page", assessment_id=membership.assessment_id)


@member_view()
@require_GET
def report_page(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    # A build's progress and finish are not changes of the assessment's data.
    builds = queries.builds_signature(assessment)
    if any(build[1] in ReportBuild.ACTIVE for build in builds) and actions.expire_stale(assessment):
        assessment.refresh_from_db(fields=["data_version"])
        builds = queries.builds_signature(assessment)
    return kept_page(
        request,
        membership,
        "report",
        lambda: render(request, "reports/page.html", _context(request, membership)),
        extra=builds,
    )


@member_view()
@require_GET
@xframe_options_sameorigin
def preview(request: SignedInRequest, membership: Membership) -> HttpResponse:
    current = queries.current_build(membership.assessment)
    built = queries.built_file(current, "html") if current is not None else None
    if current is not None and built is not None and built.path.is_file():
        body = built.path.read_bytes()
        # Shown in the page, but it can be printed or saved like the downloaded report.
        record_export(
            actor=request.user,
            assessment=membership.assessment,
            what=f"the {current.get_status_display().lower()} report's preview",
            file_format="HTML (preview)",
            object_type="report",
            object_id=current.pk,
            detail={"status": current.status, "disclosure": current.disclosure},
        )
    else:
        body = render_to_string("reports/preview_missing.html").encode("utf-8")
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_CSP
    return response


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def disclosure(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    current = queries.report_settings(assessment)
    # An empty POST is still a submission: bind it, so that it gets an error message.
    data = request.POST if request.method == "POST" else None
    form = DisclosureForm(data, initial={"disclosure": current.disclosure})
    if request.method == "POST" and form.is_valid():
        chosen = actions.set_disclosure(
            actor=request.user, assessment=assessment, disclosure=form.cleaned_data["disclosure"]
        )
        messages.success(
            request,
            f"The small-number rule is now: {chosen.rule.label}. Build the report to apply it.",
        )
        return _to_page(membership)
    return render(
        request,
        "reports/disclosure.html",
        {
            "membership": membership,
            "assessment": assessment,
            "section": "report",
            "form": form,
        },
    )


@member_view(Role.EDITOR)
@require_POST
def build(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """Queue a build; the worker runs it and the page polls its progress."""
    try:
        started = actions.start_build(actor=request.user, assessment=membership.assessment)
    except ValidationError as error:
        if request.htmx:
            return _workspace(request, membership, refusal=" ".join(error.messages))
        messages.error(request, " ".join(error.messages))
        return _to_page(membership)
    if request.htmx:
        return _workspace(request, membership)
    _tell(request, started)
    return _to_page(membership)


def _tell(request: SignedInRequest, build: ReportBuild) -> None:
    """Without JavaScript: say how the build stands, on the next page."""
    build.refresh_from_db()
    if build.state == ReportBuild.State.SUCCEEDED:
        done = "published" if build.is_published else "built"
        messages.success(request, f"The report has been {done}")
    elif build.state == ReportBuild.State.FAILED:
        messages.error(request, build.failure_text)
    elif build.is_active:
        messages.info(request, "The report is being built: refresh the page to see how it goes")


@member_view(Role.EDITOR)
@require_POST
def cancel(request: SignedInRequest, membership: Membership) -> HttpResponse:
    stopped = actions.cancel_build(actor=request.user, assessment=membership.assessment)
    if stopped is not None and not request.htmx:
        messages.success(
            request,
            "The build has been cancelled"
            if not stopped.is_active
            else "The build will stop at its next step",
        )
    if request.htmx:
        return _workspace(request, membership)
    return _to_page(membership)


@member_view()
@require_GET
def progress(request: SignedInRequest, membership: Membership) -> HttpResponseBase:
    if not request.htmx:
        return report_page(request, membership.assessment_id)
    assessment = membership.assessment
    # A build whose worker died is marked failed here, so the page says so within a minute.
    actions.expire_stale(assessment)
    if "finished" in request.GET:
        # Asked for by the finished marker below: the workspace with the new report.
        return _workspace(request, membership, outcome=queries.latest_build(assessment))
    active = queries.active_build(assessment)
    return render(
        request,
        "reports/_progress.html",
        {
            "assessment": assessment,
            "build": active,
            "finished": active is None,
            "can_edit": can(membership, Role.EDITOR),
        },
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def publish(request: SignedInRequest, membership: Membership) -> HttpResponse:
    refusal = ""
    if request.method == "POST":
        try:
            actions.start_build(actor=request.user, assessment=membership.assessment, publish=True)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            # The report page runs the queued build and shows its progress.
            return _to_page(membership)
    return render(
        request,
        "reports/publish.html",
        _context(request, membership, refusal=refusal),
        status=400 if refusal else 200,
    )


@member_view()
@require_GET
def download(
    request: SignedInRequest, membership: Membership, format_name: str
) -> HttpResponseBase:
    current = queries.current_build(membership.assessment)
    built = queries.built_file(current, format_name) if current is not None else None
    try:
        handle = built.path.open("rb") if built is not None else None
    except FileNotFoundError:
        handle = None
    if current is None or built is None or handle is None:
        return render(
            request,
            "reports/not_built.html",
            _context(request, membership, wanted=FORMATS[format_name], missing=current is not None),
        )
    actions.record_download(actor=request.user, build=current, format_name=format_name)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=queries.download_name(current, format_name),
        content_type=FORMATS[format_name].media_type,
    )


@member_view()
@require_GET
def narrative(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """The parts of the report the team writes, each with a warning when a figure it cites
    has changed since it was written."""
    assessment = membership.assessment
    return render(
        request,
        "reports/narrative.html",
        _context(
            request,
            membership,
            parts=queries.narrative_parts(assessment),
            figures=_figure_list(queries.report_figures(assessment)),
            example_note=EXAMPLE_NOTE,
        ),
    )


def _figure_list(figures: dict[str, Any]) -> list[tuple[str, Any]]:
    """Each figure once, under its own key (the short aliases are listed in the help)."""
    return [(key, figure) for key, figure in figures.items() if key == figure.key]


def _preview(text: str, figures: dict[str, Any]) -> SafeString:
    # Every text in the blocks is escaped by block_html: raw HTML in the Markdown shows as
    # text, never as markup.
    blocks = to_blocks(text, figures)
    return mark_safe(  # noqa: S308
        "".join(block_html(block, f"preview-{n}") for n, block in enumerate(blocks))
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def narrative_edit(request: SignedInRequest, membership: Membership, part: str) -> HttpResponse:
    assessment = membership.assessment
    parts = {p.part: p for p in queries.narrative_parts(assessment)}
    if part not in parts:
        raise Http404("No such part of the report")
    chosen = parts[part]
    figures = queries.report_figures(assessment)
    form = NarrativeForm(
        request.POST if request.method == "POST" else None, initial={"text": chosen.text}
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if "preview" in request.POST:
            preview = _preview(text, figures)
        else:
            try:
                actions.save_narrative(
                    actor=request.user, assessment=assessment, part=part, text=text
                )
            except ValidationError as error:
                for message in error.message_dict.get("text", error.messages):
                    form.add_error("text", message)
            else:
                messages.success(request, f"{chosen.title} has been saved")
                return redirect("reports:narrative", assessment_id=membership.assessment_id)
    elif request.method == "GET" and chosen.text:
        preview = _preview(chosen.text, figures)
    return render(
        request,
        "reports/narrative_edit.html",
        _context(
            request,
            membership,
            chosen=chosen,
            form=form,
            preview=preview,
            figures=_figure_list(figures),
            example_note=EXAMPLE_NOTE,
        ),
        status=400 if form.errors else 200,
    )
