"""Comparing a survey with its population, and recruitment targets: roles, audit, no half-writes."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pairsight.assessments.models import AuditEvent
from pairsight.surveys.actions import import_file, start_survey
from pairsight.surveys.models import PopulationComparison, RecruitmentTarget
from pairsight.surveys.representativeness import queries as rq
from pairsight.surveys.representativeness.actions import set_population_comparison, set_targets
from pairsight.surveys.synthetic import parent_responses

pytestmark = pytest.mark.django_db

CENSUS = Path(__file__).resolve().parents[2] / "officialdata" / "fixtures" / "census"
BULK = (CENSUS / "census2021-ts021-ltla-gm-excerpt.csv").read_bytes()
GROUPS = [
    "Asian, Asian British or Asian Welsh",
    "Black, Black British, Black Welsh, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "White",
    "Other ethnic group",
]


@pytest.fixture
def parents_survey(team: Any, forms_export: Any) -> Any:
    survey = start_survey(actor=team.lead, assessment=team.assessment, kind="parents")
    responses = replace(parent_responses(), synthetic=False, label="", source="test export")
    import_file(
        actor=team.lead, survey=survey, content=forms_export(responses, rows=30), file_name="a.xlsx"
    )
    return survey


def _compare(actor: Any, survey: Any, **changes: Any) -> Any:
    arguments = {
        "actor": actor,
        "survey": survey,
        "question_id": "ethnicity",
        "file_name": "census2021-ts021-ltla.csv",
        "content": BULK,
        "area": "E08000003",
    }
    return set_population_comparison(**{**arguments, **changes})


def _stored(survey: Any) -> list[tuple[Any, ...]]:
    return sorted(
        PopulationComparison.objects.filter(survey=survey).values_list(
            "question_id", "level", "source", "figures", "mapping_yaml"
        )
    )


def test_an_editor_compares_ethnicity_with_manchester(team, parents_survey):
    events = AuditEvent.objects.count()
    comparison = _compare(team.editor, parents_survey)
    assert list(comparison.figures) == GROUPS
    assert comparison.figures["White"] == 268_572 + 9_442 + 597 + 883 + 34_138
    assert "Manchester (E08000003)" in comparison.source
    assert "question: ethnicity" in comparison.mapping_yaml
    assert AuditEvent.objects.count() == events + 1
    [drawn] = rq.compared(parents_survey)
    assert drawn.result is not None
    # By hand from the stored answers: each answer's text before the first ": ".
    answers = rq.stored_responses(parents_survey).frame["ethnicity"].dropna().astype(str)
    grouped = Counter(a.split(": ")[0] for a in answers if a != "Prefer not to say")
    assert {r.category: r.sample.count for r in drawn.result.rows} == {
        g: grouped.get(g, 0) for g in GROUPS
    }


def test_a_viewer_cannot_compare(team, parents_survey):
    with pytest.raises(PermissionDenied):
        _compare(team.viewer, parents_survey)
    assert _stored(parents_survey) == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"content": b"name,count\nA,1\n", "file_name": "mine.csv"}, "population_file", "group"),
        ({"area": ""}, "area", "4 areas"),
        ({"area": "E08000025"}, "area", "E08000025"),
        ({"question_id": "factors"}, "question_id", "one answer"),
        ({"mapping_yaml": "question: [\n"}, "mapping_yaml", "not valid YAML"),
        ({"content": b""}, "population_file", "empty"),
    ],
)
def test_bad_input_names_the_field_and_leaves_the_stored_comparison(
    team, parents_survey, changes, field, message
):
    _compare(team.editor, parents_survey)
    before = _stored(parents_survey)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        _compare(team.editor, parents_survey, level="detailed", **changes)
    assert field in caught.value.message_dict
    assert message in " ".join(caught.value.message_dict[field])
    assert _stored(parents_survey) == before
    assert AuditEvent.objects.count() == events


def test_targets_in_proportion_to_the_population(team, parents_survey):
    _compare(team.editor, parents_survey)
    set_targets(
        actor=team.lead, survey=parents_survey, question_id="ethnicity", proportional_total=100
    )
    stored = dict(
        RecruitmentTarget.objects.filter(survey=parents_survey).values_list("group", "target")
    )
    # Manchester: 20.86%, 11.94%, 5.26%, 56.82%, 5.12% of 100; largest remainders go to
    # Black (.94), Asian (.86) and White (.82).
    assert stored == dict(zip(GROUPS, [21, 12, 5, 57, 5], strict=True))


def test_only_a_lead_sets_targets(team, parents_survey):
    with pytest.raises(PermissionDenied):
        set_targets(actor=team.editor, survey=parents_survey, proportional_total=50)
    assert not RecruitmentTarget.objects.exists()


def test_bad_targets_name_the_field_and_change_nothing(team, parents_survey):
    set_targets(actor=team.lead, survey=parents_survey, question_id="area", targets={"Ladywood": 5})
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        set_targets(
            actor=team.lead, survey=parents_survey, question_id="area", targets={"Atlantis": 5}
        )
    assert "not one of the groups" in caught.value.message_dict["targets"][0]
    with pytest.raises(ValidationError) as caught:
        set_targets(
            actor=team.lead, survey=parents_survey, question_id="area", proportional_total=10
        )
    assert "Compare this question" in caught.value.message_dict["total"][0]
    assert list(RecruitmentTarget.objects.values_list("group", "target")) == [("Ladywood", 5)]
    assert AuditEvent.objects.count() == events


def test_each_import_moves_the_tracker(team, parents_survey, forms_export):
    set_targets(actor=team.lead, survey=parents_survey, proportional_total=49)
    set_targets(
        actor=team.lead,
        survey=parents_survey,
        question_id="area",
        targets={"Ladywood": 40, "Edgbaston": 40},
    )
    before = rq.tracker(parents_survey)
    assert before.responses == 30 and before.total_target == 49
    responses = replace(parent_responses(), synthetic=False, label="", source="test export")
    import_file(
        actor=team.lead,
        survey=parents_survey,
        content=forms_export(responses),
        file_name="all.xlsx",
    )
    after = rq.tracker(parents_survey)
    assert after.responses == 49
    areas = Counter(responses.frame["area"].dropna().astype(str))
    [progress] = after.questions
    assert {r.group: r.survey for r in progress.rows} == {
        "Ladywood": areas["Ladywood"],
        "Edgbaston": areas["Edgbaston"],
    }


class InterviewParticipants:
    """What interviews will offer through core.participants: people interviewed, by group."""

    label = "interview participants"

    def counts(self, assessment_id: int, characteristic: str) -> dict[str, int]:
        return {"Ladywood": 2} if characteristic == "area" else {}


def test_interview_participants_count_toward_the_same_targets(team, parents_survey):
    from pairsight.core.participants import (
        register_participant_counter,
        unregister_participant_counter,
    )

    set_targets(
        actor=team.lead, survey=parents_survey, question_id="area", targets={"Ladywood": 40}
    )
    surveyed = rq.tracker(parents_survey).questions[0].rows[0].survey
    counter = InterviewParticipants()
    register_participant_counter(counter)
    try:
        [progress] = rq.tracker(parents_survey).questions
    finally:
        unregister_participant_counter(counter)
    [row] = progress.rows
    assert (row.survey, row.others, row.achieved) == (surveyed, 2, surveyed + 2)
    assert progress.other_sources == ("interview participants",)


def test_targets_can_be_set_before_the_first_response(team):
    survey = start_survey(actor=team.lead, assessment=team.assessment, kind="parents")
    _compare(team.editor, survey)
    set_targets(actor=team.lead, survey=survey, question_id="ethnicity", proportional_total=20)
    [progress] = rq.tracker(survey).questions
    assert progress.achieved == 0
    assert progress.target == 20
    # With nobody yet, every group is behind; the largest targets are named first.
    assert progress.under_represented()[0].group == "White"
