"""A published edition can never change: every way in is refused, and each refusal is audited.

Page POSTs, direct calls of use cases, the command line and saves outside the use cases
(what a shell, a script or an admin page would do; PAIRsight has no admin site) are each
tried on the published demo. After each, the stored rows are as they were, and the audit
trail holds one "change refused" entry naming what was attempted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from typer.testing import CliRunner

from pairsight.assessments import actions
from pairsight.assessments.access import EditionPublished
from pairsight.assessments.models import Assessment, AuditEvent, Progress, WorkstreamStatus
from pairsight.cli import app
from pairsight.population.models import Scenario
from tests.assessments.editions.setup import change_under_twos, lead_of, publish


def refusals(assessment: Assessment) -> list[str]:
    return list(
        AuditEvent.objects.filter(assessment=assessment, action="change refused")
        .order_by("id")
        .values_list("summary", flat=True)
    )


def stored(assessment: Assessment) -> tuple[Any, ...]:
    return (
        list(Assessment.objects.filter(pk=assessment.pk).values()),
        list(Scenario.objects.filter(assessment=assessment).values()),
        list(WorkstreamStatus.objects.filter(assessment=assessment).values()),
    )


@pytest.fixture
def published(demo: Any) -> Assessment:
    publish(demo.assessment)
    return Assessment.objects.get(pk=demo.assessment.pk)


def test_page_posts_are_refused_with_the_reason_and_audited(
    published: Assessment, client_for: Any
) -> None:
    client = client_for(lead_of(published))
    before = stored(published)

    details = client.post(
        reverse("assessments:details", kwargs={"assessment_id": published.pk}),
        {"title": "Renamed", "start_year": "2022", "end_year": ""},
    )
    progress = client.post(
        reverse(
            "assessments:progress",
            kwargs={"assessment_id": published.pk, "workstream": "population"},
        ),
        {"progress": Progress.DONE},
    )

    assert (details.status_code, progress.status_code) == (403, 403)
    assert b"Edition 1 of this assessment is published and can no longer be changed" in (
        progress.content
    )
    assert stored(published) == before
    summaries = refusals(published)
    assert len(summaries) == 2
    assert "assessments.actions.update_assessment" in summaries[0]
    assert "assessments.actions.set_progress" in summaries[1]


def test_a_use_case_called_directly_is_refused_and_audited(published: Assessment) -> None:
    lead = lead_of(published)
    before = stored(published)

    with pytest.raises(EditionPublished):
        change_under_twos(lead, published, 31_000)
    with pytest.raises(EditionPublished):
        actions.set_progress(
            actor=lead, assessment=published, workstream="population", progress=Progress.DONE
        )

    assert stored(published) == before
    assert [s.split(": ")[1] for s in refusals(published)] == [
        "population.actions.save_scenario",
        "assessments.actions.set_progress",
    ]
    [event] = AuditEvent.objects.filter(assessment=published, action="change refused")[:1]
    assert event.actor == lead


def test_the_command_line_is_refused_and_audited(published: Assessment, tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text(
        "Recommendation,Who is the recommendation for,How can the recommendation be achieved,"
        "Next steps,Category\nTrain health visitors,Health visitors,Training,Plan it,Workforce\n",
        encoding="utf-8",
    )
    before = stored(published)

    result = CliRunner().invoke(
        app,
        [
            "recommendations",
            "import",
            str(register),
            "--assessment",
            str(published.pk),
            "--user",
            lead_of(published).username,
        ],
    )

    assert result.exit_code == 2
    assert "is published and can no longer be changed" in " ".join(result.output.split())
    assert stored(published) == before
    assert ["recommendations.actions.import_register" in s for s in refusals(published)] == [True]


def test_saves_outside_the_use_cases_are_refused_and_audited(published: Assessment) -> None:
    """What the Django admin or a shell would do: save, delete and rename rows directly."""
    scenario = Scenario.objects.get(assessment=published)
    before = stored(published)

    scenario.name = "Changed in a shell"
    with pytest.raises(EditionPublished):
        scenario.save()
    # A delete runs in its own transaction, as it does outside a test.
    with pytest.raises(EditionPublished), transaction.atomic():
        scenario.delete()
    renamed = Assessment.objects.get(pk=published.pk)
    renamed.title = "Renamed in a shell"
    with pytest.raises(EditionPublished):
        renamed.save()
    with pytest.raises(EditionPublished):
        Scenario.objects.create(assessment=published, name="New", inputs={}, result={})

    record = published.edition_record
    record.evidence = []
    with pytest.raises(ValueError, match="never changed"):
        record.save()

    assert stored(published) == before
    summaries = refusals(published)
    assert len(summaries) == 4
    assert "population.Scenario deleted outside PAIRsight's use cases" in summaries[1]
    assert "assessments.Assessment changed outside PAIRsight's use cases" in summaries[2]


def test_there_is_no_admin_site_to_change_it_through(
    published: Assessment, client_for: Any
) -> None:
    assert client_for(lead_of(published)).get("/admin/").status_code == 404


def test_the_team_may_still_change(published: Assessment, make_user: Any) -> None:
    """Who may read a published edition is not part of it: the lead can add a viewer."""
    viewer = make_user("reader@example.nhs.uk")
    actions.add_member(
        actor=lead_of(published),
        assessment=published,
        email=viewer.email,
        full_name="A Reader",
        role="viewer",
    )
    assert published.memberships.filter(user=viewer, role="viewer").exists()
    assert refusals(published) == []


@pytest.mark.django_db(transaction=True)
def test_outside_a_test_transaction_the_refusal_is_committed_and_the_change_rolled_back(
    demo: Any,
) -> None:
    """As in production: the use case's own transaction rolls back, and the refusal is
    written after it (on SQLite that transaction holds the only write lock meanwhile)."""
    publish(demo.assessment)
    published = Assessment.objects.get(pk=demo.assessment.pk)
    before = stored(published)

    with pytest.raises(EditionPublished):
        change_under_twos(lead_of(published), published, 31_000)

    assert not transaction.get_connection().in_atomic_block
    assert stored(published) == before
    assert refusals(published) == [
        "Refused a change to published edition 1: population.actions.save_scenario"
    ]


def test_the_edition_commands_publish_start_and_compare(demo: Any) -> None:
    first = demo.assessment
    user = lead_of(first).username
    runner = CliRunner()

    wrong = runner.invoke(
        app, ["edition", "publish", "--assessment", str(first.pk), "--user", user, "--confirm", "x"]
    )
    published = runner.invoke(
        app,
        ["edition", "publish", "--assessment", str(first.pk), "--user", user]
        + ["--confirm", first.title],
    )
    started = runner.invoke(app, ["edition", "next", "--assessment", str(first.pk), "--user", user])
    second = Assessment.objects.get(previous_edition=first)
    change_under_twos(lead_of(second), second, 31_000)
    changes = runner.invoke(app, ["edition", "changes", "--assessment", str(second.pk)])

    assert wrong.exit_code == 2 and "exactly as shown" in " ".join(wrong.output.split())
    assert published.exit_code == 0, published.output
    assert started.exit_code == 0, started.output
    assert f"Started edition 2 as assessment {second.pk}." in started.output
    assert changes.exit_code == 0, changes.output
    line = next(row for row in changes.output.splitlines() if "30,672" in row)
    assert "31,000" in line and "+328" in line
