"""The codebook editor: categories and themes, imported and downloaded."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.interviews import actions, queries
from pairsight.interviews.codebook import CodebookError, from_csv, from_qdc, starter_codebook
from pairsight.interviews.forms import (
    CategoryForm,
    CodebookImportForm,
    ThemeForm,
)
from pairsight.interviews.models import Category, Theme
from pairsight.interviews.views.common import page_context, show_refusal


@member_view()
@require_http_methods(["GET", "POST"])
def codebook(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    category_form = CategoryForm(request.POST or None, prefix="category")
    theme_form = ThemeForm(request.POST or None, prefix="theme")
    import_form = CodebookImportForm(request.POST or None, request.FILES or None, prefix="file")
    action = request.POST.get("action")
    if action == "category" and category_form.is_valid():
        try:
            actions.add_category(
                actor=request.user, assessment=assessment, **category_form.cleaned_data
            )
        except ValidationError as error:
            show_refusal(category_form, error)
        else:
            messages.success(request, f"{category_form.cleaned_data['name']} has been added")
            return redirect(request.path)
    elif action == "theme" and theme_form.is_valid():
        category = get_object_or_404(
            Category, pk=request.POST.get("category") or 0, assessment=assessment
        )
        try:
            actions.save_theme(actor=request.user, category=category, **theme_form.cleaned_data)
        except ValidationError as error:
            show_refusal(theme_form, error)
        else:
            messages.success(request, f"{theme_form.cleaned_data['name']} has been added")
            return redirect(request.path)
    elif action == "import" and import_form.is_valid():
        file = import_form.cleaned_data["file"]
        try:
            content = file.read()
            parsed = (
                from_csv(content.decode("utf-8-sig"))
                if file.name.lower().endswith(".csv")
                else from_qdc(content)
            )
            added = actions.import_codebook(
                actor=request.user, assessment=assessment, codebook=parsed, file_name=file.name
            )
        except (CodebookError, UnicodeDecodeError) as error:
            import_form.add_error("file", f"{file.name}: {error}")
        else:
            messages.success(request, f"Added {added[0]} categories and {added[1]} themes")
            return redirect(request.path)
    elif action == "starter":
        actions.import_codebook(
            actor=request.user,
            assessment=assessment,
            codebook=starter_codebook(),
            file_name="the starter codebook",
        )
        messages.success(request, "Birmingham's categories have been added")
        return redirect(request.path)
    forms_with_errors = [f for f in (category_form, theme_form, import_form) if f.errors]
    context = page_context(
        membership,
        categories=queries.categories(assessment),
        category_form=category_form if action == "category" else CategoryForm(prefix="category"),
        theme_form=theme_form if action == "theme" else ThemeForm(prefix="theme"),
        import_form=import_form if action == "import" else CodebookImportForm(prefix="file"),
        chosen_category=request.POST.get("category", ""),
        error_forms=forms_with_errors,
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "interviews/codebook.html", context, status=status)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def theme(request: SignedInRequest, membership: Membership, theme_id: int) -> HttpResponse:
    found = get_object_or_404(
        Theme.objects.select_related("category"),
        pk=theme_id,
        category__assessment=membership.assessment,
    )
    initial = {k: getattr(found, k) for k in ("name", "definition", "example", "memo")}
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_theme(
                actor=request.user, category=found.category, theme=found, **form.cleaned_data
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{found.name} has been saved")
            return redirect("interviews:codebook", assessment_id=membership.assessment_id)
    context = page_context(membership, theme=found, form=form)
    return render(request, "interviews/theme.html", context, status=400 if form.errors else 200)


@member_view(Role.LEAD)
@require_POST
def theme_delete(request: SignedInRequest, membership: Membership, theme_id: int) -> HttpResponse:
    found = get_object_or_404(
        Theme.objects.select_related("category__assessment"),
        pk=theme_id,
        category__assessment=membership.assessment,
    )
    actions.delete_theme(actor=request.user, theme=found)
    messages.success(request, f"{found.name} has been deleted")
    return redirect("interviews:codebook", assessment_id=membership.assessment_id)


@member_view()
@require_GET
def codebook_download(
    request: SignedInRequest, membership: Membership, file_format: str
) -> HttpResponse:
    try:
        content = actions.export_codebook(
            actor=request.user, assessment=membership.assessment, file_format=file_format
        )
    except ValidationError:
        return HttpResponse("Choose qdc or csv", status=404, content_type="text/plain")
    content_type = "application/xml" if file_format == "qdc" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    name = f"pairsight-codebook-{membership.assessment.area.ons_code}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
