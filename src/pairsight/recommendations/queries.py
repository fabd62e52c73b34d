"""Reads for the register's pages, the report, the export and the command line."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, QuerySet

from pairsight.assessments import queries as assessment_queries
from pairsight.assessments.audit import Actor, record_export
from pairsight.assessments.models import Assessment
from pairsight.core import citable
from pairsight.core.citable import Evidence, Movement
from pairsight.recommendations.categories import BIRMINGHAM_CATEGORIES
from pairsight.recommendations.models import Category, Citation, Recommendation
from pairsight.recommendations.register_table import register_csv, register_xlsx

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def category_names(assessment: Assessment) -> list[str]:
    """The register's categories; Birmingham's nine until the team stores its own."""
    stored = list(Category.objects.filter(assessment=assessment).values_list("name", flat=True))
    return stored or list(BIRMINGHAM_CATEGORIES)


def categories_with_counts(assessment: Assessment) -> QuerySet[Category]:
    return (
        Category.objects.filter(assessment=assessment)
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("position", "pk")
    )


def recommendations(
    assessment: Assessment, *, without_evidence: bool = False
) -> QuerySet[Recommendation]:
    found = (
        Recommendation.objects.filter(assessment=assessment)
        .select_related("category")
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.order_by("pk")))
        .annotate(citation_count=Count("citations"))
        # Spelled out: Django leaves Meta.ordering out of a query with an aggregate.
        .order_by("category__position", "position", "pk")
    )
    if without_evidence:
        found = found.filter(citation_count=0)
    return found


def recommendation_of(assessment: Assessment, recommendation_id: int) -> Recommendation | None:
    return recommendations(assessment).filter(pk=recommendation_id).first()


@dataclass(frozen=True)
class Group:
    heading: str
    number: int | None
    items: list[Recommendation]


def by_category(assessment: Assessment, *, without_evidence: bool = False) -> list[Group]:
    items = list(recommendations(assessment, without_evidence=without_evidence))
    groups = []
    for category in Category.objects.filter(assessment=assessment):
        inside = [r for r in items if r.category_id == category.pk]
        groups.append(Group(category.name, category.position, inside))
    return groups


def by_audience(assessment: Assessment, *, without_evidence: bool = False) -> list[Group]:
    """Each audience named (split on commas, semicolons and lines) with what is for them."""
    groups: dict[str, list[Recommendation]] = {}
    names: dict[str, str] = {}
    for item in recommendations(assessment, without_evidence=without_evidence):
        parts = [p.strip() for p in item.audience.replace(";", ",").replace("\n", ",").split(",")]
        for part in [p for p in parts if p] or ["Not yet said"]:
            # "practitioners" and "Practitioners" are one audience, headed with a capital.
            names.setdefault(part.casefold(), part[:1].upper() + part[1:])
            groups.setdefault(part.casefold(), []).append(item)
    return [Group(names[key], None, groups[key]) for key in sorted(groups)]


@dataclass(frozen=True)
class CitedEvidence:
    citation: Citation
    current: Evidence | None
    movement: Movement


def cited_evidence(recommendation: Recommendation) -> list[CitedEvidence]:
    """Each citation beside what its finding shows now."""
    citations = list(recommendation.citations.all())
    now = citable.live(recommendation.assessment, [c.key for c in citations])
    return [
        CitedEvidence(c, now.get(c.key), citable.movement(c.value, now.get(c.key)))
        for c in citations
    ]


def evidence_on_offer(assessment: Assessment, recommendation: Recommendation) -> list[Evidence]:
    """What the workstreams offer that this recommendation does not cite yet."""
    cited = set(recommendation.citations.values_list("key", flat=True))
    return [e for e in citable.offered(assessment) if e.key not in cited]


def export_rows(assessment: Assessment) -> list[list[str]]:
    rows = []
    for item in recommendations(assessment):
        evidence = "; ".join(f"{c.label}: {c.value} ({c.source})" for c in item.citations.all())
        rows.append(
            [
                item.number,
                item.category.name,
                item.title,
                item.text,
                item.audience,
                item.how_achieved,
                item.next_steps,
                item.owner,
                item.get_priority_display(),
                item.get_status_display(),
                evidence,
            ]
        )
    return rows


def assessment_and_member(
    assessment_id: int, username: str, *, needed: bool
) -> tuple[Assessment, User | None]:
    """For the command line: the assessment and the member acting (LookupError says why not)."""
    try:
        assessment = assessment_queries.assessment_by_id(assessment_id)
    except LookupError as error:
        raise LookupError(f"--assessment: {error}") from None
    if not username:
        if needed:
            raise LookupError("--user: say which member of the assessment is acting.")
        return assessment, None
    try:
        return assessment, assessment_queries.member_by_username(assessment, username)
    except LookupError as error:
        raise LookupError(f"--user: {error}") from None


def export_register(*, actor: Actor, assessment: Assessment, file_format: str) -> tuple[bytes, int]:
    """The register as a CSV or XLSX file, recorded in the audit trail as an export."""
    rows = export_rows(assessment)
    body = register_csv(rows) if file_format == "csv" else register_xlsx(rows)
    record_export(
        actor=actor,
        assessment=assessment,
        what="the recommendations register",
        file_format=file_format.upper(),
        object_type="recommendations register",
        detail={"recommendations": len(rows)},
    )
    return body, len(rows)
