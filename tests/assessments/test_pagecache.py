"""Pages kept until the assessment's data changes: a change by any path shows on the next
load, people never see each other's kept page, and a kept page's CSRF token works."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from pairsight.assessments import actions
from pairsight.assessments.audit import record_export
from pairsight.assessments.editions.actions import publish_edition, start_next_edition
from pairsight.assessments.models import Assessment, Membership, Role

pytestmark = pytest.mark.django_db


def dashboard_url(assessment: Assessment) -> str:
    return f"/assessments/{assessment.pk}/"


def signed_in(user: Any, *, csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf_checks)
    client.force_login(user)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def test_every_change_moves_the_data_version_and_a_download_does_not(team: Any) -> None:
    start = Assessment.objects.get(pk=team.assessment.pk).data_version
    actions.set_progress(
        actor=team.editor,
        assessment=team.assessment,
        workstream="population",
        progress="in_progress",
    )
    assert Assessment.objects.get(pk=team.assessment.pk).data_version == start + 1
    record_export(actor=team.viewer, assessment=team.assessment, what="x", file_format="CSV")
    assert Assessment.objects.get(pk=team.assessment.pk).data_version == start + 1


def test_a_change_through_a_use_case_shows_on_the_next_load(team: Any) -> None:
    client = signed_in(team.viewer)
    url = dashboard_url(team.assessment)
    assert "Testshire needs assessment 2025" in page(client, url)
    assert "Testshire needs assessment 2025" in page(client, url)  # now kept
    actions.update_assessment(
        actor=team.lead,
        assessment=team.assessment,
        title="Renamed assessment",
        start_year=2025,
        end_year=None,
    )
    shown = page(client, url)
    assert "Renamed assessment" in shown
    assert "Testshire needs assessment 2025" not in shown


def test_a_role_change_shows_on_the_next_load(team: Any) -> None:
    client = signed_in(team.viewer)
    url = dashboard_url(team.assessment)
    assert "Change progress" not in page(client, url)
    membership = Membership.objects.get(assessment=team.assessment, user=team.viewer)
    actions.change_role(actor=team.lead, membership=membership, role=Role.EDITOR)
    assert "Change progress" in page(client, url)


def test_people_with_different_roles_never_see_each_others_page(team: Any) -> None:
    url = dashboard_url(team.assessment)
    editor_page = page(signed_in(team.editor), url)
    viewer_page = page(signed_in(team.viewer), url)
    assert "Change progress" in editor_page and "Eddie Editor" in editor_page
    assert "Change progress" not in viewer_page and "Vera Viewer" in viewer_page
    assert "Eddie Editor" not in viewer_page
    # Each again, now from the kept pages, the other way round.
    assert "Eddie Editor" not in page(signed_in(team.viewer), url)
    assert "Change progress" in page(signed_in(team.editor), url)


def _token(body: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert found, "the page has a form with a CSRF token"
    return found.group(1)


def test_a_kept_page_carries_the_requesters_own_csrf_token(team: Any) -> None:
    url = dashboard_url(team.assessment)
    first = signed_in(team.editor, csrf_checks=True)
    page(first, url)
    second = signed_in(team.editor, csrf_checks=True)
    kept = page(second, url)
    assert "\x00" not in kept
    assert _token(kept) != _token(page(first, url))
    signed_out = second.post("/sign-out/", {"csrfmiddlewaretoken": _token(kept)})
    assert signed_out.status_code == 302, "the token from the kept page is accepted"
    refused = signed_in(team.editor, csrf_checks=True)
    page(refused, url)
    assert refused.post("/sign-out/", {"csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_a_page_with_a_message_waiting_shows_it_and_is_not_kept(team: Any) -> None:
    client = signed_in(team.editor)
    url = dashboard_url(team.assessment)
    page(client, url)
    saved = client.post(
        f"/assessments/{team.assessment.pk}/progress/population/", {"progress": "done"}
    )
    assert saved.status_code == 302
    assert "Progress of" in page(client, url)
    assert "Progress of" not in page(client, url), "a message shows once"


def test_a_next_edition_has_pages_of_its_own(team: Any) -> None:
    client = signed_in(team.lead)
    assert "Testshire needs assessment 2025" in page(client, dashboard_url(team.assessment))
    publish_edition(
        actor=team.lead, assessment=team.assessment, confirm_title=team.assessment.title
    )
    assert "published" in page(client, dashboard_url(team.assessment)).lower()
    following = start_next_edition(actor=team.lead, assessment=team.assessment)
    assert following.pk != team.assessment.pk
    assert following.title in page(client, dashboard_url(following))
