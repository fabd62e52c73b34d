"""The plan's pages: the lead starts from the template, records governance, and the
dashboard card shows the plan against today."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from pairsight.plan import actions
from pairsight.plan.models import Decision, Meeting, Milestone


def _url(team: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"plan:{name}", kwargs={"assessment_id": team.assessment.pk, **kwargs})


def test_the_template_page_makes_the_plan_and_the_page_lists_it(team: Any, client_for: Any) -> None:
    client = client_for(team.lead)
    response = client.post(_url(team, "template"), {"start": "2026-01-05"})
    assert response.status_code == 302 and response["Location"].endswith("#milestones")
    page = client.get(_url(team, "page")).content.decode()
    assert "Steering group set up and its terms of reference agreed" in page
    assert "5 Jan 2026" in page and "6 Jul 2026" in page


def test_a_bad_date_is_named_and_nothing_is_stored(team: Any, client_for: Any) -> None:
    client = client_for(team.lead)
    response = client.post(_url(team, "template"), {"start": "5th of Jan"})
    assert response.status_code == 200
    assert "Start date must be a date, like 2025-03-14" in response.content.decode()
    response = client.post(
        _url(team, "add", kind="milestone"),
        {"title": "", "workstream": "surveys", "due": "2026-01-05", "done": "no"},
    )
    assert "Enter milestone" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_decision_is_recorded_against_its_meeting(team: Any, client_for: Any) -> None:
    client = client_for(team.editor)
    client.post(_url(team, "add", kind="meeting"), {"date": "2026-02-02", "note": "First"})
    meeting = Meeting.objects.get()
    form = client.get(_url(team, "add", kind="decision")).content.decode()
    assert "2 February 2026 (First)" in form
    client.post(
        _url(team, "add", kind="decision"),
        {"date": "2026-02-02", "decision": "Use the <b>NHS</b> rule", "meeting": str(meeting.pk)},
    )
    assert Decision.objects.get().meeting == meeting
    page = client.get(_url(team, "page")).content.decode()
    assert "Use the &lt;b&gt;NHS&lt;/b&gt; rule" in page


def test_a_milestone_is_marked_done_and_removed(team: Any, client_for: Any) -> None:
    milestone = actions.add_milestone(
        actor=team.lead,
        assessment=team.assessment,
        title="Kick-off",
        workstream="governance",
        due=datetime.date(2026, 1, 5),
    )
    client = client_for(team.lead)
    client.post(
        _url(team, "edit", kind="milestone", item_id=milestone.pk),
        {"title": "Kick-off", "workstream": "governance", "due": "2026-01-05", "done": "yes"},
    )
    milestone.refresh_from_db()
    assert milestone.done
    client.post(_url(team, "remove", kind="milestone", item_id=milestone.pk))
    assert not Milestone.objects.exists()


def test_the_dashboard_card_shows_done_overdue_and_next(team: Any, client_for: Any) -> None:
    today = timezone.localdate()
    for title, days, done in (
        ("Was due last week", -7, False),
        ("Done already", -14, True),
        ("Due next week", 7, False),
        ("Due next month", 30, False),
    ):
        actions.add_milestone(
            actor=team.lead,
            assessment=team.assessment,
            title=title,
            workstream="report",
            due=today + datetime.timedelta(days=days),
            done=done,
        )
    page = (
        client_for(team.viewer)
        .get(reverse("assessments:dashboard", kwargs={"assessment_id": team.assessment.pk}))
        .content.decode()
    )
    card = page[page.index('id="card-plan"') :]
    assert "1 of 4" in card
    assert 'nhsuk-tag--red">1<' in card
    next_due = today + datetime.timedelta(days=7)
    assert f"Due next week, {next_due.day} {next_due:%B %Y}" in card


FORMULA = '=HYPERLINK("http://example.com")'


def test_a_viewer_downloads_the_milestones_as_csv_and_the_download_is_audited(
    team: Any, client_for: Any
) -> None:
    import csv
    import io

    from pairsight.assessments.models import AuditEvent

    actions.add_milestone(
        actor=team.lead,
        assessment=team.assessment,
        title=FORMULA,
        workstream="report",
        due=datetime.date(2026, 7, 6),
        owner="Lead",
        done=True,
    )
    response = client_for(team.viewer).get(_url(team, "download"))
    assert response["Content-Disposition"] == 'attachment; filename="pairsight-plan-E06000099.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Due", "Milestone", "Part of the work", "Owner", "Done"],
        ["2026-07-06", f"'{FORMULA}", "Report and dissemination", "Lead", "Yes"],
    ]
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORT)
    assert event.actor_name and event.after == {"format": "CSV", "milestones": 1}
