"""Writes for representativeness: the population a question is compared with, and targets.

Each use case checks the actor's role first, runs in one transaction, names the field a
problem is in, and leaves one audit record of what changed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Role
from pairsight.officialdata.errors import AreaNotFoundError, SourceFileError
from pairsight.officialdata.population_groups import PopulationGroups, load_population
from pairsight.surveys.analysis.population_map import (
    CategoryMap,
    Level,
    PopulationMapError,
    parse_map,
    shipped_map,
    shipped_map_text,
)
from pairsight.surveys.analysis.representativeness import (
    RepresentativenessError,
    representativeness,
)
from pairsight.surveys.analysis.tracker import TargetError, proportional_targets
from pairsight.surveys.instruments.model import ScaleQuestion, SingleChoice
from pairsight.surveys.models import PopulationComparison, RecruitmentTarget, Survey
from pairsight.surveys.queries import stored_responses

MAX_POPULATION_BYTES = 20 * 1024 * 1024


def _one_answer_question(survey: Survey, question_id: str) -> None:
    known = {q.id: q for q in survey.instrument.questions}
    question = known.get(question_id)
    if not isinstance(question, SingleChoice | ScaleQuestion):
        raise ValidationError(
            {"question_id": "Choose a question with one answer per person (such as ethnicity)."}
        )


def _read_population(
    file_name: str, content: bytes, area: str, level: Level, source: str
) -> PopulationGroups:
    if not content:
        raise ValidationError({"population_file": "The population file is empty."})
    if len(content) > MAX_POPULATION_BYTES:
        raise ValidationError({"population_file": "The population file is larger than 20 MB."})
    suffix = Path(file_name).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        # The loaders name the file in their messages, so it keeps its own name (no path).
        path = Path(folder) / (Path(file_name).name or f"population{suffix}")
        path.write_bytes(content)
        try:
            return load_population(path, area=area.strip() or None, level=level, source=source)
        except AreaNotFoundError as error:
            raise ValidationError({"area": str(error)}) from None
        except SourceFileError as error:
            field = "area" if "say which one" in str(error) else "population_file"
            raise ValidationError({field: str(error)}) from None


def _mapping(survey: Survey, question_id: str, text: str | None) -> tuple[str, CategoryMap | None]:
    if text is None:
        shipped = shipped_map(survey.instrument.id)
        if shipped is None or shipped.question_id != question_id:
            return "", None
        return shipped_map_text(survey.instrument.id) or "", shipped
    if not text.strip():
        return "", None
    try:
        return text, parse_map(text, source="the mapping")
    except PopulationMapError as error:
        raise ValidationError({"mapping_yaml": str(error)}) from None


def _state(comparison: PopulationComparison | None) -> dict[str, Any] | None:
    if comparison is None:
        return None
    return {
        "question": comparison.question_id,
        "level": comparison.level,
        "source": comparison.source,
        "groups": len(comparison.figures),
    }


@transaction.atomic
def set_population_comparison(
    *,
    actor: User,
    survey: Survey,
    question_id: str,
    file_name: str,
    content: bytes,
    area: str = "",
    level: Level = "high",
    source: str = "",
    mapping_yaml: str | None = None,
) -> PopulationComparison:
    """Compare a question with the population in a Census table or a group CSV."""
    access.require(actor, survey.assessment, Role.EDITOR)
    _one_answer_question(survey, question_id)
    groups = _read_population(file_name, content, area, level, source)
    text, mapping = _mapping(survey, question_id, mapping_yaml)
    try:
        representativeness(
            stored_responses(survey),
            question_id,
            groups.figures,
            groups.source,
            mapping.at_level(level) if mapping else None,
        )
    except RepresentativenessError as error:
        field = "mapping_yaml" if mapping is not None else "population_file"
        raise ValidationError({field: str(error)}) from None
    existing = PopulationComparison.objects.filter(survey=survey, question_id=question_id).first()
    before = _state(existing)
    comparison, _ = PopulationComparison.objects.update_or_create(
        survey=survey,
        question_id=question_id,
        defaults={
            "level": level,
            "figures": groups.figures,
            "unit": groups.unit,
            "source": groups.source,
            "mapping_yaml": text,
            "updated_by": actor,
        },
    )
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="population comparison set",
        object_type="population comparison",
        object_id=f"{survey.kind}:{question_id}",
        summary=f"Compared “{question_id}” with {groups.source[:120]}",
        before=before,
        after=_state(comparison),
    )
    return comparison


@transaction.atomic
def remove_population_comparison(*, actor: User, survey: Survey, question_id: str) -> None:
    access.require(actor, survey.assessment, Role.EDITOR)
    existing = PopulationComparison.objects.filter(survey=survey, question_id=question_id).first()
    if existing is None:
        return
    before = _state(existing)
    existing.delete()
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="population comparison removed",
        object_type="population comparison",
        object_id=f"{survey.kind}:{question_id}",
        summary=f"Stopped comparing “{question_id}” with the population",
        before=before,
    )


def target_groups(survey: Survey, question_id: str) -> list[str]:
    """The groups a question's targets can name: the population's, else the options."""
    comparison = PopulationComparison.objects.filter(survey=survey, question_id=question_id).first()
    if comparison is not None:
        return [str(group) for group in comparison.figures]
    question = survey.instrument.question(question_id)
    return [option.label for option in getattr(question, "options", ())]


def _whole(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError({field: f"Enter a whole number of 0 or more, not {value!r}."})
    return value


@transaction.atomic
def set_targets(
    *,
    actor: User,
    survey: Survey,
    question_id: str = "",
    targets: Mapping[str, int] | None = None,
    proportional_total: int | None = None,
) -> list[RecruitmentTarget]:
    """Set the responses to aim for: in all, per group, or shared out by population.

    `question_id` blank sets the total for the whole survey (`proportional_total`). Setting
    a question's targets replaces those it had; a target of 0 drops the group.
    """
    access.require(actor, survey.assessment, Role.LEAD)
    proportional = False
    if not question_id:
        if proportional_total is None:
            raise ValidationError({"total": "Enter how many responses to aim for in all."})
        wanted = {"": _whole(proportional_total, "total")}
    else:
        _one_answer_question(survey, question_id)
        groups = target_groups(survey, question_id)
        if proportional_total is not None:
            comparison = PopulationComparison.objects.filter(
                survey=survey, question_id=question_id
            ).first()
            if comparison is None:
                raise ValidationError(
                    {
                        "total": "Compare this question with the population first, so the total "
                        "can be shared out in proportion to it."
                    }
                )
            try:
                wanted = proportional_targets(
                    _whole(proportional_total, "total"), comparison.figures
                )
            except TargetError as error:
                raise ValidationError({"total": str(error)}) from None
            proportional = True
        else:
            wanted = {}
            for group, value in (targets or {}).items():
                if group not in groups:
                    raise ValidationError(
                        {"targets": f"{group!r} is not one of the groups: {', '.join(groups)}."}
                    )
                wanted[group] = _whole(value, f"target for {group}")
    kept = {group: n for group, n in wanted.items() if n > 0}
    existing = RecruitmentTarget.objects.filter(survey=survey, question_id=question_id)
    before = {t.group: t.target for t in existing}
    existing.delete()
    created = RecruitmentTarget.objects.bulk_create(
        RecruitmentTarget(
            survey=survey,
            question_id=question_id,
            group=group,
            target=n,
            proportional=proportional,
            set_by=actor,
        )
        for group, n in kept.items()
    )
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="recruitment targets set",
        object_type="recruitment targets",
        object_id=f"{survey.kind}:{question_id or 'all'}",
        summary=f"Set {sum(kept.values()):,} responses as the target"
        + (f" for “{question_id}”" if question_id else " in all")
        + (" in proportion to the population" if proportional else ""),
        before=before or None,
        after=kept,
    )
    return created
