"""Writes to the recommendations register: one function per use case, each checking the role."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from pairsight.assessments import access
from pairsight.assessments.actions import set_headline
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Role, Workstream
from pairsight.core import citable
from pairsight.recommendations.categories import BIRMINGHAM_CATEGORIES
from pairsight.recommendations.models import (
    Category,
    Citation,
    Priority,
    Recommendation,
    Status,
)
from pairsight.recommendations.register_table import RegisterFileError, read_register

OBJECT = "recommendation"
FIELDS = ("title", "text", "audience", "how_achieved", "next_steps", "owner", "priority", "status")


def _state(recommendation: Recommendation) -> dict[str, Any]:
    return {
        "number": recommendation.number,
        "category": recommendation.category.name,
        **{name: getattr(recommendation, name) for name in FIELDS},
    }


def categories_of(assessment: Assessment) -> list[Category]:
    """The register's categories, starting it with Birmingham's nine the first time."""
    found = list(Category.objects.filter(assessment=assessment))
    if not found:
        Category.objects.bulk_create(
            Category(assessment=assessment, name=name, position=number)
            for number, name in enumerate(BIRMINGHAM_CATEGORIES, start=1)
        )
        found = list(Category.objects.filter(assessment=assessment))
    return found


def _category(assessment: Assessment, name: str) -> Category:
    wanted = " ".join(name.split()).casefold()
    for category in categories_of(assessment):
        if category.name.casefold() == wanted:
            return category
    raise ValidationError({"category": f"{name!r} is not one of this register's categories."})


def _next_position(category: Category) -> int:
    top = category.recommendations.aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def _checked(fields: dict[str, str]) -> dict[str, str]:
    cleaned = {name: value.strip() for name, value in fields.items()}
    if not cleaned.get("title"):
        raise ValidationError({"title": "Enter a short title for the recommendation."})
    if not cleaned.get("text"):
        raise ValidationError({"text": "Enter the recommendation."})
    if cleaned.get("priority", Priority.MEDIUM) not in Priority.values:
        raise ValidationError({"priority": "Choose high, medium or low."})
    if cleaned.get("status", Status.DRAFT) not in Status.values:
        raise ValidationError({"status": "Choose one of the statuses listed."})
    return cleaned


def _headline(assessment: Assessment) -> None:
    count = Recommendation.objects.filter(assessment=assessment).count()
    agreed = Recommendation.objects.filter(
        assessment=assessment, status__in=[Status.AGREED, Status.IN_PROGRESS, Status.DONE]
    ).count()
    set_headline(
        assessment=assessment,
        workstream=Workstream.RECOMMENDATIONS,
        label="Recommendations" if count != 1 else "Recommendation",
        value=f"{count:,}" if count else "",
        detail=f"{agreed:,} agreed or under way" if count else "",
    )


@transaction.atomic
def create_recommendation(
    *, actor: User, assessment: Assessment, category: str, example: bool = False, **fields: str
) -> Recommendation:
    access.require(actor, assessment, Role.EDITOR)
    cleaned = _checked(fields)
    chosen = _category(assessment, category)
    recommendation = Recommendation.objects.create(
        assessment=assessment,
        category=chosen,
        position=_next_position(chosen),
        status_changed_at=timezone.now(),
        example=example,
        **cleaned,
    )
    _headline(assessment)
    record_change(
        actor=actor,
        assessment=assessment,
        action="recommendation added",
        object_type=OBJECT,
        object_id=recommendation.pk,
        summary=f"Added recommendation {recommendation.number}: {recommendation.title[:80]}",
        after=_state(recommendation),
    )
    return recommendation


@transaction.atomic
def update_recommendation(
    *, actor: User, recommendation: Recommendation, category: str, **fields: str
) -> Recommendation:
    assessment = recommendation.assessment
    access.require(actor, assessment, Role.EDITOR)
    cleaned = _checked(fields)
    before = _state(recommendation)
    chosen = _category(assessment, category)
    if chosen.pk != recommendation.category_id:
        old = recommendation.category
        recommendation.category = chosen
        recommendation.position = _next_position(chosen)
        recommendation.save(update_fields=["category", "position"])
        _renumber(old)
    if cleaned.get("status", recommendation.status) != recommendation.status:
        recommendation.status_changed_at = timezone.now()
    for name, value in cleaned.items():
        setattr(recommendation, name, value)
    recommendation.save()
    _headline(assessment)
    record_change(
        actor=actor,
        assessment=assessment,
        action="recommendation changed",
        object_type=OBJECT,
        object_id=recommendation.pk,
        summary=f"Changed recommendation {recommendation.number}: {recommendation.title[:80]}",
        before=before,
        after=_state(recommendation),
    )
    return recommendation


def _number(items: Sequence[Recommendation | Category]) -> None:
    """Number the items 1, 2, ... in the order given."""
    for number, item in enumerate(items, start=1):
        if item.position != number:
            item.position = number
            item.save(update_fields=["position"])


def _renumber(category: Category) -> None:
    _number(list(category.recommendations.order_by("position", "pk")))


@transaction.atomic
def move_recommendation(*, actor: User, recommendation: Recommendation, up: bool) -> None:
    """Swap with its neighbour within the category; the category stays numbered 1, 2, ..."""
    access.require(actor, recommendation.assessment, Role.EDITOR)
    before = recommendation.number
    siblings = list(recommendation.category.recommendations.order_by("position", "pk"))
    at = next(i for i, r in enumerate(siblings) if r.pk == recommendation.pk)
    other = at - 1 if up else at + 1
    if not 0 <= other < len(siblings):
        return
    siblings[at], siblings[other] = siblings[other], siblings[at]
    _number(siblings)
    recommendation.refresh_from_db()
    record_change(
        actor=actor,
        assessment=recommendation.assessment,
        action="recommendation moved",
        object_type=OBJECT,
        object_id=recommendation.pk,
        summary=f"Moved recommendation {before} to {recommendation.number}",
        before={"number": before},
        after={"number": recommendation.number},
    )


@transaction.atomic
def delete_recommendation(*, actor: User, recommendation: Recommendation) -> None:
    assessment = recommendation.assessment
    access.require(actor, assessment, Role.EDITOR)
    before = _state(recommendation)
    category = recommendation.category
    recommendation.delete()
    _renumber(category)
    _headline(assessment)
    record_change(
        actor=actor,
        assessment=assessment,
        action="recommendation deleted",
        object_type=OBJECT,
        object_id=before["number"],
        summary=f"Deleted recommendation {before['number']}: {before['title'][:80]}",
        before=before,
    )


@transaction.atomic
def add_category(*, actor: User, assessment: Assessment, name: str) -> Category:
    access.require(actor, assessment, Role.EDITOR)
    name = " ".join(name.split())
    existing = categories_of(assessment)
    if not name:
        raise ValidationError({"name": "Enter the category's name."})
    if any(c.name.casefold() == name.casefold() for c in existing):
        raise ValidationError({"name": f"There is already a category called {name}."})
    category = Category.objects.create(
        assessment=assessment, name=name, position=max(c.position for c in existing) + 1
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="category added",
        object_type="recommendation category",
        object_id=category.pk,
        summary=f"Added the recommendation category {name}",
        after={"name": name, "position": category.position},
    )
    return category


@transaction.atomic
def rename_category(*, actor: User, category: Category, name: str) -> Category:
    access.require(actor, category.assessment, Role.EDITOR)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the category's name."})
    clash = Category.objects.filter(assessment=category.assessment, name__iexact=name)
    if clash.exclude(pk=category.pk).exists():
        raise ValidationError({"name": f"There is already a category called {name}."})
    before = category.name
    category.name = name
    category.save(update_fields=["name"])
    record_change(
        actor=actor,
        assessment=category.assessment,
        action="category renamed",
        object_type="recommendation category",
        object_id=category.pk,
        summary=f"Renamed the recommendation category {before} to {name}",
        before={"name": before},
        after={"name": name},
    )
    return category


@transaction.atomic
def remove_category(*, actor: User, category: Category) -> None:
    """Remove an empty category; the categories after it move up one number."""
    assessment = category.assessment
    access.require(actor, assessment, Role.EDITOR)
    if category.recommendations.exists():
        raise ValidationError(
            {"category": f"{category.name} still has recommendations: move them first."}
        )
    before = {"name": category.name, "position": category.position}
    category_id = category.pk
    category.delete()
    _number(list(Category.objects.filter(assessment=assessment)))
    record_change(
        actor=actor,
        assessment=assessment,
        action="category removed",
        object_type="recommendation category",
        object_id=category_id,
        summary=f"Removed the empty recommendation category {before['name']}",
        before=before,
    )


@transaction.atomic
def cite_evidence(*, actor: User, recommendation: Recommendation, key: str) -> Citation:
    """Cite a finding a workstream offers now, keeping a frozen copy of what it shows."""
    assessment = recommendation.assessment
    access.require(actor, assessment, Role.EDITOR)
    current = citable.live(assessment, [key]).get(key)
    if current is None:
        raise ValidationError({"key": "That evidence is not offered by any workstream now."})
    if recommendation.citations.filter(key=key).exists():
        raise ValidationError({"key": f"Recommendation {recommendation.number} cites it already."})
    copy = current.frozen()
    citation = Citation.objects.create(
        recommendation=recommendation,
        key=key,
        label=current.label,
        value=current.value,
        unit=current.unit,
        source=current.source,
        as_of=current.as_of,
        link=current.link[:500],
        cited_by=actor,
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="evidence cited",
        object_type=OBJECT,
        object_id=recommendation.pk,
        summary=f"Recommendation {recommendation.number} cites {current.label[:60]}: "
        f"{current.value[:40]}",
        after=copy,
    )
    return citation


@transaction.atomic
def remove_citation(*, actor: User, citation: Citation) -> None:
    recommendation = citation.recommendation
    access.require(actor, recommendation.assessment, Role.EDITOR)
    before = {"key": citation.key, "label": citation.label, "value": citation.value}
    citation.delete()
    record_change(
        actor=actor,
        assessment=recommendation.assessment,
        action="evidence removed",
        object_type=OBJECT,
        object_id=recommendation.pk,
        summary=f"Recommendation {recommendation.number} no longer cites {before['label'][:60]}",
        before=before,
    )


@transaction.atomic
def import_register(
    *, actor: User, assessment: Assessment, content: bytes, file_name: str
) -> list[Recommendation]:
    """Every recommendation of the file, added to the register; a file with a problem adds none."""
    access.require(actor, assessment, Role.EDITOR)
    by_name = {c.name: c for c in categories_of(assessment)}
    try:
        rows = read_register(content, file_name, by_name)
    except RegisterFileError as error:
        raise ValidationError({"file": list(error.problems)}) from None
    problems: list[str] = []
    choices = [
        (
            _choice(row.priority, row.row, "Priority", Priority, Priority.MEDIUM, problems),
            _choice(row.status, row.row, "Status", Status, Status.DRAFT, problems),
        )
        for row in rows
    ]
    if problems:
        raise ValidationError({"file": problems})
    added = []
    now = timezone.now()
    for row, (priority, status) in zip(rows, choices, strict=True):
        category = by_name[row.category]
        added.append(
            Recommendation.objects.create(
                assessment=assessment,
                category=category,
                position=_next_position(category),
                title=row.title,
                text=row.text,
                audience=row.audience,
                how_achieved=row.how_achieved,
                next_steps=row.next_steps,
                owner=row.owner,
                priority=priority,
                status=status,
                status_changed_at=now,
            )
        )
    _headline(assessment)
    record_change(
        actor=actor,
        assessment=assessment,
        action="register imported",
        object_type=OBJECT,
        summary=f"Imported {len(added)} recommendations from {file_name[:100]}",
        after={"file": file_name, "numbers": [r.number for r in added]},
    )
    return added


def import_register_or_problems(
    *, actor: User, assessment: Assessment, content: bytes, file_name: str
) -> tuple[list[Recommendation], list[str]]:
    """`import_register` for the command line: the problems as sentences instead of errors."""
    try:
        return import_register(
            actor=actor, assessment=assessment, content=content, file_name=file_name
        ), []
    except ValidationError as error:
        return [], list(error.messages)
    except (PermissionDenied, Http404) as error:
        return [], [f"--user: {error}"]


def _choice(
    text: str,
    row: int,
    column: str,
    choices: type[Priority] | type[Status],
    default: str,
    problems: list[str],
) -> str:
    if not text:
        return default
    for choice in choices:
        if text.casefold() in {choice.value, choice.label.casefold()}:
            return str(choice.value)
    problems.append(
        f"Row {row}, column {column!r}: {text!r} is not one of "
        f"{', '.join(str(c.label) for c in choices)}."
    )
    return default
