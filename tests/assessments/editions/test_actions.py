"""Editions (assessments/editions.py): publish, start the next edition, compare, never change.

The demo is published, the next edition started from it, and its under-two population
changed from 30,672 to 31,000. Worked by hand from the Birmingham method (specialised
need is 9% of children: 2% longer-term plus 7% shorter-term PAIR support; the perinatal
service sees 340): 31,000 x 9% = 2,790 specialised, 2,790 - 340 = 2,450 unmet.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pairsight.assessments.access import EditionPublished
from pairsight.assessments.editions import queries
from pairsight.assessments.editions.actions import publish_edition, start_next_edition
from pairsight.assessments.models import Assessment, AuditEvent, Membership
from pairsight.population.models import Scenario
from tests.assessments.editions.setup import (
    change_under_twos,
    lead_of,
    next_edition_with,
    publish,
)


def refusals(assessment: Assessment) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(assessment=assessment, action="change refused"))


@pytest.mark.django_db
def test_the_comparison_shows_the_old_and_new_under_twos_and_need(demo: Any) -> None:
    edition = next_edition_with(demo.assessment, 31_000)

    changes = {c.key: c for c in queries.edition_changes(edition)}

    assert (changes["population:children"].before, changes["population:children"].after) == (
        "30,672",
        "31,000",
    )
    assert changes["population:children"].difference == "+328"
    assert (
        changes["population:specialised-need"].before,
        changes["population:specialised-need"].after,
    ) == ("2,760", "2,790")
    assert (changes["population:unmet-need"].before, changes["population:unmet-need"].after) == (
        "2,420",
        "2,450",
    )
    assert changes["population:capacity"].kind.value == "same"


@pytest.mark.django_db
def test_the_next_edition_carries_everything_and_marks_it_until_replaced(demo: Any) -> None:
    from pairsight.reports.models import Narrative

    lead = lead_of(demo.assessment)
    Narrative.objects.create(assessment=demo.assessment, part="key-messages", text="Three points")
    publish(demo.assessment)
    edition = start_next_edition(actor=lead, assessment=demo.assessment)

    assert (edition.edition, edition.previous_edition_id, edition.area_id) == (
        2,
        demo.assessment.pk,
        demo.assessment.area_id,
    )
    assert edition.published_at is None
    assert Scenario.objects.filter(assessment=edition).count() == 1
    assert set(Membership.objects.filter(assessment=edition).values_list("user_id", "role")) == {
        (lead.pk, "lead")
    }
    assert edition.carried["population"] == {"from_edition": 1, "rows": 1}
    assert Narrative.objects.get(assessment=edition).text == "Three points"

    change_under_twos(lead, edition, 31_000)

    edition.refresh_from_db()
    assert "population" not in edition.carried
    # The published edition still has its one scenario, unchanged.
    assert (
        list(Scenario.objects.filter(assessment=demo.assessment).values_list("name", flat=True))
        == ["Birmingham 2022 (published)"]
        or Scenario.objects.filter(assessment=demo.assessment).count() == 1
    )


@pytest.mark.django_db
def test_a_direct_call_of_a_use_case_on_a_published_edition_is_refused_and_audited(
    demo: Any,
) -> None:
    lead = lead_of(demo.assessment)
    publish(demo.assessment)
    before = list(Scenario.objects.filter(assessment=demo.assessment).values())

    with pytest.raises(EditionPublished, match="Edition 1 of this assessment is published"):
        change_under_twos(lead, demo.assessment, 31_000)

    assert list(Scenario.objects.filter(assessment=demo.assessment).values()) == before
    [refusal] = refusals(demo.assessment)
    assert refusal.actor == lead
    assert "population.actions.save_scenario" in refusal.summary


@pytest.mark.django_db
def test_a_save_outside_the_use_cases_is_refused_and_audited(demo: Any) -> None:
    publish(demo.assessment)
    scenario = Scenario.objects.get(assessment=demo.assessment)

    scenario.name = "Changed in a shell"
    with pytest.raises(EditionPublished):
        scenario.save()
    # A delete runs in its own transaction, as it does outside a test.
    with pytest.raises(EditionPublished), transaction.atomic():
        scenario.delete()
    assessment = Assessment.objects.get(pk=demo.assessment.pk)
    assessment.title = "Renamed in a shell"
    with pytest.raises(EditionPublished):
        assessment.save()

    assert Scenario.objects.get(pk=scenario.pk).name != "Changed in a shell"
    assert Assessment.objects.get(pk=demo.assessment.pk).title == demo.assessment.title
    summaries = [e.summary for e in refusals(demo.assessment)]
    assert len(summaries) == 3
    assert any("population.Scenario deleted" in s for s in summaries)


@pytest.mark.django_db
def test_publishing_needs_the_lead_and_the_typed_name(demo: Any) -> None:
    lead = lead_of(demo.assessment)
    with pytest.raises(ValidationError) as error:
        publish_edition(actor=lead, assessment=demo.assessment, confirm_title="wrong")
    assert "confirm_title" in error.value.message_dict
    assert Assessment.objects.get(pk=demo.assessment.pk).published_at is None


@pytest.mark.django_db
def test_only_a_published_edition_has_a_next_one_and_only_one(demo: Any) -> None:
    lead = lead_of(demo.assessment)
    with pytest.raises(ValidationError, match="Publish edition 1"):
        start_next_edition(actor=lead, assessment=demo.assessment)
    publish(demo.assessment)
    start_next_edition(actor=lead, assessment=demo.assessment)
    with pytest.raises(ValidationError, match="Edition 2 was already started"):
        start_next_edition(actor=lead, assessment=demo.assessment)
    with pytest.raises(PermissionDenied):
        publish(demo.assessment)


@pytest.mark.django_db
def test_services_and_recommendation_statuses_are_carried_and_compared(demo: Any) -> None:
    from django.utils import timezone

    from pairsight.recommendations.models import Category, Recommendation
    from pairsight.servicemap.models import Service

    first = demo.assessment
    category = Category.objects.create(assessment=first, name="Workforce", position=1)
    Recommendation.objects.create(
        assessment=first,
        category=category,
        position=1,
        title="Train health visitors in infant communication",
        text="...",
        status="draft",
        status_changed_at=timezone.now(),
    )
    Service.objects.create(
        assessment=first,
        feed_id="hv",
        name="Health visiting",
        triage="confirmed",
        levels=["universal"],
        focus="wider",
    )
    lead = lead_of(first)
    publish(first)
    edition = start_next_edition(actor=lead, assessment=first)
    assert set(edition.carried) >= {"population", "recommendations", "servicemap"}

    Recommendation.objects.filter(assessment=edition).update(status="agreed")
    Service.objects.create(
        assessment=edition,
        feed_id="pimh",
        name="Parent-infant team",
        triage="confirmed",
        levels=["specialist"],
        focus="specialised",
    )

    changes = {c.key: c for c in queries.edition_changes(edition)}
    status = changes["recommendations:status:train health visitors in infant communication"]
    assert (status.before, status.after) == ("Draft", "Agreed")
    assert (changes["servicemap:on-the-map"].before, changes["servicemap:on-the-map"].after) == (
        "1",
        "2",
    )
    added = changes["servicemap:service:pimh"]
    assert (added.before, added.after, added.kind.value) == (
        None,
        "Specialist; Highly specialised",
        "added",
    )
    assert changes["servicemap:service:hv"].kind.value == "same"
    edition.refresh_from_db()
    assert "servicemap" not in edition.carried  # the new service replaced what was carried
    assert "recommendations" in edition.carried  # a bulk update is not a replacement
