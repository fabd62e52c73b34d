"""The workspace pages: assessments, dashboard, progress, team and audit trail."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.urls import reverse

from pairsight.assessments import actions, audit
from pairsight.assessments.models import (
    Assessment,
    AuditEvent,
    Membership,
    Role,
    WorkstreamStatus,
)


def _url(name: str, team: Any, **kwargs: Any) -> str:
    return reverse(f"assessments:{name}", kwargs={"assessment_id": team.assessment.pk, **kwargs})


def _body(download: Any) -> str:
    return b"".join(download.streaming_content).decode()


def test_people_see_only_their_own_assessments(team: Any, client_for: Any, make_user: Any) -> None:
    other_lead = make_user("elsewhere@example.nhs.uk")
    actions.create_assessment(
        user=other_lead,
        title="Elsewhere 2024",
        area_name="Elsewhere",
        ons_code="E06000098",
        start_year=2024,
    )
    page = client_for(team.viewer).get("/")
    assert b"Testshire needs assessment 2025" in page.content
    assert b"Elsewhere 2024" not in page.content


def test_starting_an_assessment(client_for: Any, make_user: Any) -> None:
    user = make_user("new.lead@example.nhs.uk")
    client = client_for(user)
    response = client.post(
        reverse("assessments:create"),
        {
            "title": "Sandwell PAIR needs assessment",
            "area_name": "Sandwell",
            "ons_code": "E08000028",
            "start_year": "2025",
            "end_year": "",
        },
    )
    assessment = Assessment.objects.get(title="Sandwell PAIR needs assessment")
    assert response["Location"] == reverse(
        "assessments:dashboard", kwargs={"assessment_id": assessment.pk}
    )
    assert Membership.objects.get(assessment=assessment).user == user


def test_invalid_assessment_details_are_named_and_nothing_is_saved(
    client_for: Any, make_user: Any
) -> None:
    client = client_for(make_user("new.lead@example.nhs.uk"))
    response = client.post(
        reverse("assessments:create"),
        {"title": "", "area_name": "Sandwell", "ons_code": "X123", "start_year": "1999"},
    )
    text = response.content.decode()
    assert "There is a problem" in text
    assert 'href="#id_title">Enter a title for the assessment' in text
    assert "Enter an ONS code like E08000025" in text
    assert "Start year must be 2000 or later" in text
    assert Assessment.objects.count() == 0


def test_the_dashboard_shows_each_workstream_with_its_progress(team: Any, client_for: Any) -> None:
    page = client_for(team.viewer).get(_url("dashboard", team)).content.decode()
    for label in (
        "Population need",
        "Service mapping",
        "Workforce",
        "Parents' views",
        "Recommendations",
    ):
        assert label in page.replace("&#x27;", "'")
    assert page.count("Not started") == 5
    assert "Change progress" not in page, "viewers cannot change progress"


def test_an_editor_changes_progress(team: Any, client_for: Any) -> None:
    client = client_for(team.editor)
    url = _url("progress", team, workstream="services")
    assert b"Progress" in client.get(url).content
    response = client.post(url, {"progress": "in_progress"}, follow=True)
    assert b"Progress of service mapping has been saved" in response.content
    status = WorkstreamStatus.objects.get(assessment=team.assessment, workstream="services")
    assert status.progress == "in_progress"
    invalid = client.post(url, {"progress": "finished"})
    assert b"Select the progress from the list" in invalid.content


def test_an_unknown_workstream_is_not_found(team: Any, client_for: Any) -> None:
    response = client_for(team.editor).get(_url("progress", team, workstream="nonsense"))
    assert response.status_code == 404


def test_viewers_cannot_open_lead_pages(team: Any, client_for: Any) -> None:
    client = client_for(team.viewer)
    for name in ("audit", "audit_file", "audit_download", "member_add", "details"):
        assert client.get(_url(name, team)).status_code == 403


def test_a_lead_adds_a_new_person_then_makes_their_link_once(team: Any, client_for: Any) -> None:
    client = client_for(team.lead)
    response = client.post(
        _url("member_add", team),
        {"full_name": "Priya Analyst", "email": "priya@example.nhs.uk", "role": "editor"},
        follow=True,
    )
    text = response.content.decode()
    assert "priya@example.nhs.uk has been added as editor" in text
    assert "/set-password/" not in text, "no link on the answer to adding someone"
    assert "Not signed in yet" in text
    member = Membership.objects.get(assessment=team.assessment, user__email="priya@example.nhs.uk")
    link_page = client.post(_url("member_link", team, membership_id=member.pk)).content.decode()
    assert "Pass this link on to Priya Analyst" in link_page
    assert "/set-password/" in link_page
    team_page = client.get(_url("team", team)).content.decode()
    assert "/set-password/" not in team_page, "the link is not shown again"


def test_adding_someone_with_a_bad_email_is_explained(team: Any, client_for: Any) -> None:
    members = Membership.objects.filter(assessment=team.assessment).count()
    response = client_for(team.lead).post(
        _url("member_add", team), {"full_name": "X", "email": "not-an-email", "role": "boss"}
    )
    text = response.content.decode()
    assert "Enter an email address in the right format" in text
    assert "Select a valid choice" in text or "Select a role" in text
    assert Membership.objects.filter(assessment=team.assessment).count() == members


def test_the_set_password_page_signs_the_new_person_in(team: Any, client: Any) -> None:
    added = actions.add_member(
        actor=team.lead,
        assessment=team.assessment,
        email="priya@example.nhs.uk",
        full_name="Priya Analyst",
        role=Role.EDITOR,
    )
    url = reverse("set_password", kwargs={"token": added.token})
    mismatch = client.post(
        url, {"new_password1": "a-long-password-1", "new_password2": "a-long-password-2"}
    )
    assert b"The two passwords do not match" in mismatch.content
    response = client.post(
        url, {"new_password1": "a-long-password-1", "new_password2": "a-long-password-1"}
    )
    assert response["Location"] == _url("dashboard", team)
    assert client.get(_url("dashboard", team)).status_code == 200
    assert client.get(url).status_code == 404


def test_a_lead_changes_a_role_and_removes_someone(team: Any, client_for: Any) -> None:
    client = client_for(team.lead)
    viewer = Membership.objects.get(assessment=team.assessment, user=team.viewer)
    client.post(_url("member_change", team, membership_id=viewer.pk), {"role": "editor"})
    viewer.refresh_from_db()
    assert viewer.role == "editor"
    client.post(_url("member_remove", team, membership_id=viewer.pk))
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_the_only_lead_is_told_why_they_cannot_leave(team: Any, client_for: Any) -> None:
    client = client_for(team.lead)
    lead = Membership.objects.get(assessment=team.assessment, user=team.lead)
    response = client.post(_url("member_remove", team, membership_id=lead.pk))
    assert response.status_code == 400
    assert b"An assessment needs at least one lead" in response.content
    assert Membership.objects.filter(pk=lead.pk).exists()


def test_memberships_of_other_assessments_are_not_found(
    team: Any, client_for: Any, make_user: Any
) -> None:
    elsewhere = actions.create_assessment(
        user=make_user("other@example.nhs.uk"),
        title="Other",
        area_name="Other",
        ons_code="E06000097",
        start_year=2024,
    )
    foreign = Membership.objects.get(assessment=elsewhere)
    response = client_for(team.lead).get(_url("member_change", team, membership_id=foreign.pk))
    assert response.status_code == 404


def test_the_audit_trail_lists_changes_and_downloads_as_csv(team: Any, client_for: Any) -> None:
    client = client_for(team.lead)
    page = client.get(_url("audit", team)).content.decode()
    assert "Created the assessment Testshire needs assessment 2025" in page
    # The team fixture adds people who already have accounts: named as the lead typed them.
    assert "Added editor@example.nhs.uk as editor" in page

    # The file is written by the worker (run at once in tests), then downloaded.
    asked = client.post(_url("audit_file", team))
    assert asked["Location"] == _url("audit_file", team)
    response = client.get(_url("audit_download", team))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(_body(response))))
    assert rows[0] == ["When (UTC)", "Who", "Kind", "What", "Object", "Before", "After"]
    whats = [row[3] for row in rows[1:]]
    assert "Created the assessment Testshire needs assessment 2025" in whats
    export = AuditEvent.objects.filter(kind="export").get()
    assert export.summary == "Downloaded the audit trail as CSV"
    assert export.actor == team.lead


def test_the_audit_csv_cannot_carry_spreadsheet_formulas(team: Any, client_for: Any) -> None:
    audit.record_change(
        actor=team.lead,
        assessment=team.assessment,
        action="changed",
        object_type="note",
        summary='=HYPERLINK("http://evil.test")',
    )
    client = client_for(team.lead)
    client.post(_url("audit_file", team))
    body = _body(client.get(_url("audit_download", team)))
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


def test_a_lower_case_ons_code_with_spaces_is_accepted(client_for: Any, make_user: Any) -> None:
    client = client_for(make_user("new.lead@example.nhs.uk"))
    client.post(
        reverse("assessments:create"),
        {
            "title": "Durham",
            "area_name": "County Durham",
            "ons_code": " e06 000047 ",
            "start_year": "2025",
        },
    )
    assert Assessment.objects.get(title="Durham").area.ons_code == "E06000047"


def test_the_audit_trail_reads_as_words_and_can_be_filtered(team: Any, client_for: Any) -> None:
    audit.record_change(
        actor=team.editor,
        assessment=team.assessment,
        action="scenario saved",
        object_type="population scenario",
        summary="Saved the population scenario Low",
        before={"unmet_need": 2420, "chosen": False},
        after={"unmet_need": 1460, "chosen": True},
    )
    client = client_for(team.lead)
    page = client.get(_url("audit", team)).content.decode()
    assert "{&#x27;unmet_need&#x27;" not in page and "{'unmet_need'" not in page
    assert "Unmet need" in page and "2,420" in page and "1,460" in page
    filtered = client.get(
        _url("audit", team), {"person": "Eddie Editor (editor@example.nhs.uk)"}
    ).content.decode()
    assert "Saved the population scenario Low" in filtered
    assert "Created the assessment" not in filtered, "the lead created it, not Eddie"
    assert "1 record found" in filtered
    by_action = client.get(_url("audit", team), {"action": "scenario saved"}).content.decode()
    assert "Created the assessment" not in by_action
    future = client.get(_url("audit", team), {"since": "2999-01-01"}).content.decode()
    assert "No records match these filters" in future
    wrong = client.get(_url("audit", team), {"since": "2025-02-01", "until": "2025-01-01"})
    assert wrong.status_code == 400
    assert "To must be the same as or after From" in wrong.content.decode()


def test_the_audit_trail_tells_reads_from_changes_and_filters_by_kind(
    team: Any, client_for: Any
) -> None:
    audit.record_read(
        actor=team.viewer,
        assessment=team.assessment,
        action="transcript read",
        object_type="interview transcript",
        object_id=7,
        summary="Read the transcript Clinic visit",
    )
    client = client_for(team.lead)
    page = client.get(_url("audit", team)).content.decode()
    assert "Read the transcript Clinic visit" in page and "Created the assessment" in page
    reads = client.get(_url("audit", team), {"kind": "read"}).content.decode()
    assert "Read the transcript Clinic visit" in reads
    assert "Created the assessment" not in reads, "creating is a change, not a read"
    assert "1 record found" in reads
    changes = client.get(_url("audit", team), {"kind": "change"}).content.decode()
    assert "Read the transcript Clinic visit" not in changes
    assert "Created the assessment" in changes
    assert client.get(_url("audit", team), {"kind": "gossip"}).status_code == 400


def test_every_workstream_card_links_to_its_pages(team: Any, client_for: Any) -> None:
    page = client_for(team.viewer).get(_url("dashboard", team)).content.decode()
    base = f"/assessments/{team.assessment.pk}"
    for pages in (
        "/population/",
        "/services/",
        "/surveys/workforce/",
        "/surveys/parents/",
        "/recommendations/",
        "/interviews/",
    ):
        assert f'href="{base}{pages}' in page, pages
    # Every workstream is built: no card says it is still to come.
    assert "Coming to PAIRsight" not in page
