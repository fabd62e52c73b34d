"""The audit trail records every read of data that can leave the building, and every
sign-in, sign-out and password change (issue 9, item 7).

Generated from the URL configuration: any page that answers with a file (or is one of the
pages made to be printed or saved) must add one export to the trail.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pairsight.assessments.models import AuditEvent

from .test_access import ROUTES, Route, _sample_values, _url, _value

# Pages that are not downloads but are made to leave the building: printed or saved.
PRINTED = {"reports:preview", "surveys:questionnaire_print"}
PASSWORD = "correct-horse-battery-staple"

READS = [r for r in ROUTES if r.in_assessment]


def _build_report(team: Any) -> None:
    from pairsight.reports.actions import build_now

    build = build_now(actor=team.lead, assessment=team.assessment)
    assert build.state == build.State.SUCCEEDED, build.error_reason


@pytest.mark.parametrize("route", READS, ids=[r.name for r in READS])
def test_every_download_and_printed_page_is_recorded(
    route: Route, team: Any, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"
    if route.name.startswith("reports:download") or route.name == "reports:preview":
        _build_report(team)  # only then do the report's pages have a file to give
    values = _sample_values(team)
    missing = [p for p in route.parameters if _value(route, values, p) is None]
    if missing:
        pytest.fail(f"{route.name}: add a sample value for {missing} to test_access.py")
    client = client_for(team.viewer)
    exports = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT)
    before = exports.count()
    response = client.get(_url(route, values, placeholders=False))
    if response.status_code != 200:
        return  # pages for editors and leads, and POST-only pages
    leaves = response.has_header("Content-Disposition") or route.name in PRINTED
    recorded = exports.count() - before
    assert recorded == (1 if leaves else 0), f"{route.name}: {recorded} exports recorded"
    if leaves:
        event = exports.latest("at", "id")
        assert event.actor == team.viewer
        assert event.assessment == team.assessment


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_signing_in_out_and_failing_are_recorded(make_user: Any, client: Client) -> None:
    user = make_user("analyst@example.nhs.uk", name="Ann Analyst")
    _sign_in(client, "Analyst@example.nhs.uk", "wrong")
    _sign_in(client, "analyst@example.nhs.uk", PASSWORD)
    client.post(reverse("logout"))
    events = list(AuditEvent.objects.order_by("id").values_list("action", "actor", "summary"))
    assert events == [
        ("sign-in failed", None, "Failed sign-in as Analyst@example.nhs.uk"),
        ("signed in", user.pk, "Signed in"),
        ("signed out", user.pk, "Signed out"),
    ]
    failed = AuditEvent.objects.get(action="sign-in failed")
    assert failed.actor_name == "Someone signing in as Analyst@example.nhs.uk"
    assert failed.after == {"address": "127.0.0.1"}
    assert failed.kind == AuditEvent.Kind.ACCOUNT


def test_a_password_change_is_recorded(make_user: Any, client: Client) -> None:
    user = make_user("analyst@example.nhs.uk")
    client.force_login(user)
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-password-1",
            "new_password2": "a-much-longer-password-1",
        },
    )
    event = AuditEvent.objects.get(action="password changed")
    assert (event.actor, event.summary) == (user, "Changed their password")
