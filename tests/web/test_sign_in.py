"""Signing in, throttling repeated failures, signing out, and the account pages."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from pairsight.assessments.models import AuditEvent
from pairsight.web import login_throttle

PASSWORD = "correct-horse-battery-staple"


def _sign_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_signing_in_goes_to_the_page_asked_for(make_user: Any, client: Client) -> None:
    make_user("analyst@example.nhs.uk")
    response = client.post(
        reverse("login") + "?next=/account/",
        {"username": "analyst@example.nhs.uk", "password": PASSWORD, "next": "/account/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_signing_in_never_redirects_to_another_site(make_user: Any, client: Client) -> None:
    make_user("analyst@example.nhs.uk")
    response = client.post(
        reverse("login"),
        {"username": "analyst@example.nhs.uk", "password": PASSWORD, "next": "https://evil.test/"},
    )
    assert response["Location"] == reverse("assessments:list")


def test_a_wrong_password_is_explained_and_does_not_sign_in(make_user: Any, client: Client) -> None:
    make_user("analyst@example.nhs.uk")
    response = _sign_in(client, "analyst@example.nhs.uk", "wrong")
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"The email address, username or password is not right" in response.content
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("typed", ["Analyst@Example.NHS.uk", " ANALYST@example.nhs.uk "])
def test_the_email_address_signs_in_in_any_letter_case(
    make_user: Any, client: Client, typed: str
) -> None:
    make_user("analyst@example.nhs.uk")
    assert _sign_in(client, typed, PASSWORD).status_code == 302


def test_someone_whose_user_name_is_not_their_address_can_sign_in_with_either(
    client: Client, db: None
) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("ann", email="Ann@example.nhs.uk", password=PASSWORD)
    assert _sign_in(client, "ann@EXAMPLE.nhs.uk", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert _sign_in(client, "ann", PASSWORD).status_code == 302


def test_an_address_two_accounts_share_signs_neither_in(client: Client, db: None) -> None:
    from django.contrib.auth import get_user_model

    people = get_user_model().objects
    people.create_user("one", email="shared@example.nhs.uk", password=PASSWORD)
    people.create_user("two", email="Shared@example.nhs.uk", password=PASSWORD)
    assert _sign_in(client, "shared@example.nhs.uk", PASSWORD).status_code == 200


def test_empty_fields_are_named_in_the_error_summary(client: Client, db: None) -> None:
    response = _sign_in(client, "", "")
    text = response.content.decode()
    assert 'href="#id_username">Enter your email address or username' in text
    assert 'href="#id_password">Enter your password' in text


def _wait_seconds(response: Any) -> int:
    """The wait the page asks for, in seconds ("Wait 20 seconds", "Wait 5 minutes")."""
    number, unit = response.content.decode().split("Wait ")[1].split(" ")[:2]
    return int(number) * (60 if unit.startswith("minute") else 1)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The throttle's time, stepped by the test instead of slept through."""

    class Clock:
        now = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)

        def step(self, seconds: float) -> None:
            self.now += datetime.timedelta(seconds=seconds)

    moment = Clock()
    monkeypatch.setattr(login_throttle, "clock", lambda: moment.now)
    return moment


def test_sign_in_waits_after_repeated_failures_even_with_the_right_password(
    make_user: Any, client: Client, settings: Any, clock: Any
) -> None:
    make_user("analyst@example.nhs.uk")
    for _ in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES):
        assert _sign_in(client, "analyst@example.nhs.uk", "guess").status_code == 200
    locked = _sign_in(client, "analyst@example.nhs.uk", PASSWORD)
    assert locked.status_code == 429
    assert b"too many attempts to sign in" in locked.content
    assert b"Wait 5 seconds" in locked.content
    assert client.get("/").status_code == 302, "the right password does not get through"
    clock.step(5)
    assert _sign_in(client, "analyst@example.nhs.uk", PASSWORD).status_code == 302


def test_the_delay_doubles_with_each_further_failure_up_to_a_ceiling(
    make_user: Any, client: Client, settings: Any, clock: Any
) -> None:
    make_user("analyst@example.nhs.uk")
    settings.PAIRSIGHT_LOGIN_MAX_DELAY_SECONDS = 60
    waits = []
    for _ in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES + 6):
        response = _sign_in(client, "analyst@example.nhs.uk", "guess", REMOTE_ADDR="10.0.0.1")
        while response.status_code == 429:
            waited = _wait_seconds(response)
            waits.append(waited)
            clock.step(waited)
            response = _sign_in(client, "analyst@example.nhs.uk", "guess", REMOTE_ADDR="10.0.0.1")
        clock.step(0.5)
    # After 5 free tries: 5 s, then 10, 20, 40 and the 60-second ceiling (worked by hand);
    # the half second stepped after each try is taken off the next wait, rounded up.
    assert waits == [5, 10, 20, 40, 60, 60]


def test_a_stranger_guessing_cannot_lock_a_colleague_out_for_long(
    make_user: Any, client: Client, settings: Any, clock: Any
) -> None:
    make_user("lead@example.nhs.uk")
    for attempt in range(200):
        # The stranger tries from many addresses, as fast as the throttle lets them.
        _sign_in(client, "lead@example.nhs.uk", "guess", REMOTE_ADDR=f"10.1.{attempt}.1")
        clock.step(1)
    response = _sign_in(client, "lead@example.nhs.uk", PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert _wait_seconds(response) <= 300, "minutes at most: the ceiling is 300 seconds"
    clock.step(settings.PAIRSIGHT_LOGIN_MAX_DELAY_SECONDS)
    response = _sign_in(client, "lead@example.nhs.uk", PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302


def test_the_lock_is_per_account(make_user: Any, client: Client, settings: Any, clock: Any) -> None:
    make_user("analyst@example.nhs.uk")
    make_user("lead@example.nhs.uk")
    for _ in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES):
        _sign_in(client, "analyst@example.nhs.uk", "guess")
    assert _sign_in(client, "lead@example.nhs.uk", PASSWORD).status_code == 302


def test_an_address_guessing_many_accounts_is_locked_for_the_lockout_period(
    client: Client, db: None, settings: Any, make_user: Any, clock: Any
) -> None:
    make_user("lead@example.nhs.uk")
    # The per-address limit is higher than the per-account one (many staff share an address),
    # but it is a hard lock rather than a delay.
    for number in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES * 4):
        assert _sign_in(client, f"guess{number}@example.nhs.uk", "guess").status_code == 200
    locked = _sign_in(client, "lead@example.nhs.uk", PASSWORD)
    assert locked.status_code == 429
    assert b"Wait 15 minutes" in locked.content
    other_address = _sign_in(Client(), "lead@example.nhs.uk", PASSWORD, REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 302
    clock.step(settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS - 1)
    assert _sign_in(client, "lead@example.nhs.uk", PASSWORD).status_code == 429
    clock.step(1)
    assert _sign_in(client, "lead@example.nhs.uk", PASSWORD).status_code == 302


def test_failures_are_forgotten_after_the_lockout_period(
    make_user: Any, client: Client, settings: Any, clock: Any
) -> None:
    make_user("analyst@example.nhs.uk")
    for _ in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES):
        _sign_in(client, "analyst@example.nhs.uk", "guess")
    clock.step(settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS)
    # Five fresh free tries again: the sixth would be delayed had the count been kept.
    for _ in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES):
        assert _sign_in(client, "analyst@example.nhs.uk", "guess").status_code == 200


def test_a_successful_sign_in_clears_earlier_failures(
    make_user: Any, client: Client, settings: Any, clock: Any
) -> None:
    make_user("analyst@example.nhs.uk")
    for _ in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES - 1):
        _sign_in(client, "analyst@example.nhs.uk", "guess")
    assert _sign_in(client, "analyst@example.nhs.uk", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.PAIRSIGHT_LOGIN_MAX_FAILURES - 1):
        _sign_in(client, "analyst@example.nhs.uk", "guess")
    assert _sign_in(client, "analyst@example.nhs.uk", PASSWORD).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_passwords_never_get_more_tries_than_the_limit(
    make_user: Any, settings: Any
) -> None:
    make_user("analyst@example.nhs.uk")
    attempts = 30
    start = threading.Barrier(attempts)
    statuses: list[int] = []

    def guess(number: int) -> None:
        try:
            start.wait()
            response = Client().post(
                reverse("login"),
                {"username": "analyst@example.nhs.uk", "password": f"guess-{number}"},
                REMOTE_ADDR=f"10.2.0.{number}",
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == attempts
    # 200: the password was checked (and was wrong); 429: refused before checking it.
    assert statuses.count(200) == settings.PAIRSIGHT_LOGIN_MAX_FAILURES
    assert statuses.count(429) == attempts - settings.PAIRSIGHT_LOGIN_MAX_FAILURES
    failures = AuditEvent.objects.filter(action="sign-in failed").count()
    assert failures == settings.PAIRSIGHT_LOGIN_MAX_FAILURES


def test_signing_out_needs_a_post_and_ends_the_session(make_user: Any, client: Client) -> None:
    user = make_user("analyst@example.nhs.uk")
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_changing_your_password(make_user: Any, client: Client) -> None:
    user = make_user("analyst@example.nhs.uk")
    client.force_login(user)
    weak = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert b"There is a problem" in weak.content
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-password-1",
            "new_password2": "a-much-longer-password-1",
        },
        follow=True,
    )
    assert b"Your password has been changed" in response.content
    user.refresh_from_db()
    assert user.check_password("a-much-longer-password-1")


@pytest.mark.parametrize("path", ["/", "/sign-in/", "/assessments/1/", "/account/"])
def test_secure_headers_on_every_response(path: str, client: Client, db: None) -> None:
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_are_not_cached_but_static_files_are(client: Client, db: None) -> None:
    assert "no-store" in client.get("/sign-in/")["Cache-Control"]
    static = client.get("/static/vendor/app.js")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
    assert "script-src 'self'" in static["Content-Security-Policy"]


def test_an_in_place_update_after_the_session_ends_loads_the_sign_in_page(
    client: Client, db: None
) -> None:
    response = client.get(
        "/assessments/1/population/?children=5",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/assessments/1/population/",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/sign-in/?next=/assessments/1/population/"
    assert client.get("/assessments/1/").status_code == 302, "ordinary requests still redirect"
