"""The register's use cases: evidence that moves, imports that store all or nothing, roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from pairsight.assessments.models import AuditEvent
from pairsight.recommendations import actions, queries
from pairsight.recommendations.models import Category, Citation, Recommendation

from .conftest import choose_children, xlsx

FIELDS = {
    "title": "Plan for unmet need",
    "text": "Plan specialised support for the families not yet reached.",
    "audience": "Commissioners",
    "how_achieved": "A business case",
    "next_steps": "Draft it",
    "owner": "Steering group",
    "priority": "high",
    "status": "draft",
}
TRAINING = "Training the workforce"


def test_a_citation_of_the_unmet_need_shows_that_it_moved(demo: Any, demo_lead: Any) -> None:
    recommendation = actions.create_recommendation(
        actor=demo_lead, assessment=demo.assessment, category=TRAINING, **FIELDS
    )
    actions.cite_evidence(
        actor=demo_lead, recommendation=recommendation, key="population:unmet-need"
    )
    [cited] = queries.cited_evidence(recommendation)
    # Birmingham 2022: 2,760 specialised need minus 340 seen = 2,420.
    assert cited.citation.value == "2,420"
    assert cited.movement.describe() == "evidence unchanged"

    choose_children(demo.assessment, demo_lead, 40_000, "Larger cohort")
    [cited] = queries.cited_evidence(recommendation)
    # By hand: 2% + 7% of 40,000 children = 800 + 2,800 = 3,600 specialised; minus 340.
    assert cited.movement.describe() == "evidence moved: 2,420 → 3,260"
    assert Citation.objects.get(pk=cited.citation.pk).value == "2,420"


def test_only_evidence_on_offer_can_be_cited(demo: Any, demo_lead: Any) -> None:
    recommendation = actions.create_recommendation(
        actor=demo_lead, assessment=demo.assessment, category=TRAINING, **FIELDS
    )
    with pytest.raises(ValidationError) as caught:
        actions.cite_evidence(
            actor=demo_lead, recommendation=recommendation, key="population:invented"
        )
    assert "key" in caught.value.message_dict
    assert not Citation.objects.exists()


HEADER = [
    "Recommendation",
    "Who is the recommendation for",
    "How can the recommendation be achieved",
    "Next steps",
    "Category",
]
ROWS = [
    [
        "Map every service from conception to two.",
        "Services",
        "Shared directory",
        "Agree owner",
        "1. Improving the connectedness and inter-agency knowledge of current services "
        "supporting the parent-infant relationship",
    ],
    [
        "Train health visitors in infant cues.",
        "Practitioners",
        "Training offer",
        "Fund it",
        TRAINING,
    ],
    ["Second training item.", "Practitioners, commissioners", "", "", TRAINING],
]


def test_an_imported_word_table_makes_exactly_its_recommendations(team: Any) -> None:
    added = actions.import_register(
        actor=team.editor,
        assessment=team.assessment,
        content=xlsx(ROWS, HEADER),
        file_name="register.xlsx",
    )
    stored = list(Recommendation.objects.filter(assessment=team.assessment))
    assert [r.pk for r in added] == [r.pk for r in stored]
    assert [(r.number, r.text, r.audience) for r in stored] == [
        ("1.1", "Map every service from conception to two.", "Services"),
        ("4.1", "Train health visitors in infant cues.", "Practitioners"),
        ("4.2", "Second training item.", "Practitioners, commissioners"),
    ]
    assert AuditEvent.objects.filter(action="register imported").count() == 1


def _snapshot(assessment: Any) -> tuple[list[Any], list[Any], int]:
    return (
        list(Recommendation.objects.filter(assessment=assessment).values()),
        list(Category.objects.filter(assessment=assessment).values()),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(
    ("rows", "header", "problem"),
    [
        (ROWS, HEADER[:3] + HEADER[4:], "Row 1, column 'Next steps': this column is missing"),
        (
            [*ROWS, ["Text", "Who", "How", "Next", "Housing"]],
            HEADER,
            "Row 5, column 'Category': 'Housing' is not one of this register's categories",
        ),
        (
            [[*ROWS[1], "Urgent"]],
            [*HEADER, "Priority"],
            "Row 2, column 'Priority': 'Urgent' is not one of High, Medium, Low.",
        ),
    ],
)
def test_a_bad_file_names_row_and_column_and_stores_nothing(
    team: Any, rows: list[list[str]], header: list[str], problem: str
) -> None:
    actions.create_recommendation(
        actor=team.editor, assessment=team.assessment, category=TRAINING, **FIELDS
    )
    before = _snapshot(team.assessment)
    with pytest.raises(ValidationError) as caught:
        actions.import_register(
            actor=team.editor,
            assessment=team.assessment,
            content=xlsx(rows, header),
            file_name="register.xlsx",
        )
    assert any(m.startswith(problem) for m in caught.value.message_dict["file"])
    assert _snapshot(team.assessment) == before


def test_moving_renumbers_within_the_category(team: Any) -> None:
    first, second = (
        actions.create_recommendation(
            actor=team.editor,
            assessment=team.assessment,
            category=TRAINING,
            **(FIELDS | {"title": title}),
        )
        for title in ("First", "Second")
    )
    actions.move_recommendation(actor=team.editor, recommendation=second, up=True)
    assert [(r.title, r.number) for r in queries.recommendations(team.assessment)] == [
        ("Second", "4.1"),
        ("First", "4.2"),
    ]
    actions.delete_recommendation(
        actor=team.editor, recommendation=Recommendation.objects.get(title="Second")
    )
    assert [r.number for r in queries.recommendations(team.assessment)] == ["4.1"]
    assert first.pk == Recommendation.objects.get().pk


def test_a_viewer_cannot_write_and_an_outsider_is_told_nothing(team: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_recommendation(
            actor=team.viewer, assessment=team.assessment, category=TRAINING, **FIELDS
        )
    with pytest.raises(Http404):
        actions.import_register(
            actor=team.outsider,
            assessment=team.assessment,
            content=xlsx(ROWS, HEADER),
            file_name="r.xlsx",
        )
    recommendation = actions.create_recommendation(
        actor=team.editor, assessment=team.assessment, category=TRAINING, **FIELDS
    )
    for use_case in (
        lambda: actions.update_recommendation(
            actor=team.viewer, recommendation=recommendation, category=TRAINING, **FIELDS
        ),
        lambda: actions.move_recommendation(
            actor=team.viewer, recommendation=recommendation, up=True
        ),
        lambda: actions.delete_recommendation(actor=team.viewer, recommendation=recommendation),
        lambda: actions.cite_evidence(
            actor=team.viewer, recommendation=recommendation, key="population:unmet-need"
        ),
        lambda: actions.add_category(actor=team.viewer, assessment=team.assessment, name="X"),
    ):
        with pytest.raises(PermissionDenied):
            use_case()
    assert Recommendation.objects.count() == 1


def test_the_demo_adds_examples_one_citing_the_unmet_need(demo: Any) -> None:
    from pairsight.recommendations.demo import add_demo_recommendations

    added = add_demo_recommendations(demo.assessment)
    assert added and all(r.example for r in added)
    assert Category.objects.filter(assessment=demo.assessment).count() == 9
    citations = Citation.objects.filter(recommendation__assessment=demo.assessment)
    assert [(c.key, c.value) for c in citations] == [("population:unmet-need", "2,420")]
    assert add_demo_recommendations(demo.assessment) == []


def test_a_team_edits_its_category_list(team: Any, client_for: Any) -> None:
    recommendation = actions.create_recommendation(
        actor=team.editor, assessment=team.assessment, category=TRAINING, **FIELDS
    )
    first = Category.objects.get(assessment=team.assessment, position=1)
    actions.remove_category(actor=team.editor, category=first)
    recommendation.refresh_from_db()
    # Training the workforce was 4th of Birmingham's nine; with the first gone it is 3rd.
    assert recommendation.number == "3.1"
    training = recommendation.category
    before = _snapshot(team.assessment)
    with pytest.raises(ValidationError) as caught:
        actions.remove_category(actor=team.editor, category=training)
    assert "still has recommendations" in caught.value.message_dict["category"][0]
    with pytest.raises(ValidationError) as clash:
        actions.rename_category(
            actor=team.editor, category=training, name="developing UNIVERSAL services"
        )
    assert "already a category" in clash.value.message_dict["name"][0]
    assert _snapshot(team.assessment) == before
    actions.rename_category(actor=team.editor, category=training, name="Workforce training")
    actions.add_category(actor=team.editor, assessment=team.assessment, name="Housing")
    assert queries.category_names(team.assessment)[2] == "Workforce training"
    assert queries.category_names(team.assessment)[-1] == "Housing"
    with pytest.raises(PermissionDenied):
        actions.rename_category(actor=team.viewer, category=training, name="X")
    page = client_for(team.editor).get(
        f"/assessments/{team.assessment.pk}/recommendations/categories/"
    )
    assert "Workforce training" in page.content.decode()


def test_a_long_survey_finding_is_kept_whole_and_reads_unchanged(demo: Any, demo_lead: Any) -> None:
    from pairsight.core import citable
    from pairsight.surveys.demo import add_demo_surveys

    add_demo_surveys(demo.assessment)
    longest = max(citable.offered(demo.assessment, "surveys"), key=lambda e: len(e.value))
    assert len(longest.value) > 100  # a grid's highlight is a sentence, not a figure
    recommendation = actions.create_recommendation(
        actor=demo_lead, assessment=demo.assessment, category=TRAINING, **FIELDS
    )
    actions.cite_evidence(actor=demo_lead, recommendation=recommendation, key=longest.key)
    [cited] = queries.cited_evidence(recommendation)
    assert cited.citation.value == longest.value
    assert cited.movement.describe() == "evidence unchanged"
