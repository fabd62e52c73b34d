"""The codebook: importing and exporting it, and its categories and themes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.audit import record_change, record_export
from pairsight.assessments.models import Assessment, Role
from pairsight.interviews import codebook as codebook_io
from pairsight.interviews import queries
from pairsight.interviews.models import AnswerCoding, Category, Excerpt, Theme


@transaction.atomic
def import_codebook(
    *, actor: Any, assessment: Assessment, codebook: codebook_io.Codebook, file_name: str = ""
) -> tuple[int, int]:
    """Add the codebook's categories and themes; those already present (same name in the
    same category) keep their coding and take the imported definition and example.
    Returns how many categories and themes were added."""
    access.require(actor, assessment, Role.EDITOR)
    added_categories = added_themes = 0
    next_position = Category.objects.filter(assessment=assessment).count()
    for category in codebook.categories:
        stored, created = Category.objects.get_or_create(
            assessment=assessment,
            name=category.name,
            defaults={
                "description": category.description,
                "guid": category.guid,
                "position": next_position,
            },
        )
        if created:
            added_categories += 1
            next_position += 1
        for position, theme in enumerate(category.themes, start=stored.themes.count()):
            _, theme_created = Theme.objects.update_or_create(
                category=stored,
                name=theme.name,
                defaults={"definition": theme.definition, "example": theme.example},
                create_defaults={
                    "definition": theme.definition,
                    "example": theme.example,
                    "colour": theme.colour,
                    "guid": theme.guid,
                    "position": position,
                },
            )
            added_themes += theme_created
    record_change(
        actor=actor,
        assessment=assessment,
        action="codebook imported",
        object_type="interview codebook",
        summary=f"Imported the codebook {file_name or codebook.origin}: {added_categories} "
        f"categories and {added_themes} themes added",
        after={"origin": codebook.origin, "categories": added_categories, "themes": added_themes},
    )
    return added_categories, added_themes


@transaction.atomic
def export_codebook(*, actor: Any, assessment: Assessment, file_format: str) -> bytes:
    """The assessment's codebook as a .qdc or CSV file, recorded as an export."""
    access.require(actor, assessment, Role.VIEWER)
    codebook = queries.stored_codebook(assessment)
    if file_format == "qdc":
        content = codebook_io.to_qdc(codebook)
    elif file_format == "csv":
        content = codebook_io.to_csv(codebook).encode("utf-8")
    else:
        raise ValidationError({"format": "Choose qdc or csv"})
    record_export(
        actor=actor,
        assessment=assessment,
        what="the interview codebook",
        file_format=file_format.upper(),
        object_type="interview codebook",
        detail={"themes": len(codebook.themes())},
    )
    return content


@transaction.atomic
def add_category(
    *, actor: Any, assessment: Assessment, name: str, description: str = ""
) -> Category:
    access.require(actor, assessment, Role.EDITOR)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": "Enter a category name of 1 to 200 characters"})
    if Category.objects.filter(assessment=assessment, name=name).exists():
        raise ValidationError({"name": f"There is already a category called {name}"})
    category = Category.objects.create(
        assessment=assessment,
        name=name,
        description=description,
        guid=codebook_io.new_guid(),
        position=Category.objects.filter(assessment=assessment).count(),
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="category added",
        object_type="interview category",
        object_id=category.pk,
        summary=f"Added the category {name} to the interview codebook",
        after={"name": name, "description": description},
    )
    return category


@transaction.atomic
def save_theme(
    *,
    actor: Any,
    category: Category,
    name: str,
    definition: str = "",
    example: str = "",
    memo: str = "",
    theme: Theme | None = None,
) -> Theme:
    """Add a theme to a category, or change one (`theme`)."""
    access.require(actor, category.assessment, Role.EDITOR)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": "Enter a theme name of 1 to 200 characters"})
    clash = Theme.objects.filter(category=category, name=name)
    if theme is not None:
        clash = clash.exclude(pk=theme.pk)
    if clash.exists():
        raise ValidationError({"name": f"{category.name} already has a theme called {name}"})
    before = _theme_state(theme) if theme else None
    if theme is None:
        theme = Theme(
            category=category, guid=codebook_io.new_guid(), position=category.themes.count()
        )
    theme.name, theme.definition, theme.example, theme.memo = name, definition, example, memo
    theme.save()
    record_change(
        actor=actor,
        assessment=category.assessment,
        action="theme changed" if before else "theme added",
        object_type="interview theme",
        object_id=theme.pk,
        summary=f"{'Changed' if before else 'Added'} the theme {name} in {category.name}",
        before=before,
        after=_theme_state(theme),
    )
    return theme


@transaction.atomic
def delete_theme(*, actor: Any, theme: Theme) -> None:
    """Remove a theme; excerpts and coded survey answers tagged only with it are removed
    too (a lead's decision)."""
    assessment = theme.category.assessment
    access.require(actor, assessment, Role.LEAD)
    excerpts = _tagged_only_with(Excerpt, "excerpt_id", theme)
    answers = _tagged_only_with(AnswerCoding, "answercoding_id", theme)
    record_change(
        actor=actor,
        assessment=assessment,
        action="theme deleted",
        object_type="interview theme",
        object_id=theme.pk,
        summary=f"Deleted the theme {theme.name} from {theme.category.name} "
        f"({len(excerpts)} excerpts and {len(answers)} coded survey answers tagged only with "
        "it removed)",
        before=_theme_state(theme),
    )
    Excerpt.objects.filter(pk__in=excerpts).delete()
    AnswerCoding.objects.filter(pk__in=answers).delete()
    theme.delete()


def _tagged_only_with(model: Any, link: str, theme: Theme) -> set[int]:
    tagged = set(model.objects.filter(themes=theme).values_list("pk", flat=True))
    links = model.themes.through.objects.filter(**{f"{link}__in": tagged})
    return tagged - set(links.exclude(theme_id=theme.pk).values_list(link, flat=True))


def _theme_state(theme: Theme) -> dict[str, str]:
    return {
        "name": theme.name,
        "definition": theme.definition,
        "example": theme.example,
        "memo": theme.memo,
    }
