"""Slow down password guessing, without letting a stranger lock a colleague out.

Two counts of failed sign-ins, kept in the database:

- per account name: the first `PAIRSIGHT_LOGIN_MAX_FAILURES` tries are free; after that
  each further try waits a short delay that doubles with every failure
  (`PAIRSIGHT_LOGIN_DELAY_SECONDS`, 2x, 4x ... up to `PAIRSIGHT_LOGIN_MAX_DELAY_SECONDS`).
  Someone guessing a colleague's password can delay them by minutes, never lock them out;
- per client address: stricter, a hard lock for `PAIRSIGHT_LOGIN_LOCKOUT_SECONDS` after
  4x the per-account limit, so one address cannot guess at many accounts. (Many staff of
  one NHS trust can share an address, hence the higher count.)

Each attempt is counted *before* its password is checked, under a row lock, so concurrent
attempts can never get more tries than the limit (a read-then-write count let 30
concurrent guesses through 6 times against a limit of 5). A successful sign-in takes its
attempt back off the address count and clears the account's count.

Counts are forgotten `PAIRSIGHT_LOGIN_LOCKOUT_SECONDS` after the last failure.

django-axes was considered (issue 9) and not used: it checks the lock before
authenticating and counts the failure afterwards, so concurrent guesses all pass the check
(the race this module exists to close); its cool-off is a fixed lockout of the account
rather than a growing delay; and it has one failure limit for every lockout parameter.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from pairsight.assessments.models import SignInThrottle

ADDRESS_LIMIT_FACTOR = 4

#: The time now. Tests step it forward instead of sleeping.
clock: Callable[[], datetime.datetime] = timezone.now


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind our own proxy the last hop it appended is the client.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _name_key(username: str) -> str:
    return "name:" + hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:40]


def _address_key(address: str) -> str:
    return "address:" + address[:90]


def account_delay(failures: int) -> float:
    """Seconds an account waits between tries after `failures` failures in a row."""
    over = failures - settings.PAIRSIGHT_LOGIN_MAX_FAILURES
    if over < 0:
        return 0.0
    base = float(settings.PAIRSIGHT_LOGIN_DELAY_SECONDS)
    return float(min(base * 2 ** min(over, 30), settings.PAIRSIGHT_LOGIN_MAX_DELAY_SECONDS))


def _wait(row: SignInThrottle, is_address: bool, now: datetime.datetime) -> float:
    since = max(0.0, (now - row.last_failure_at).total_seconds())
    if is_address:
        limit = settings.PAIRSIGHT_LOGIN_MAX_FAILURES * ADDRESS_LIMIT_FACTOR
        blocked = row.failures >= limit
        return settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS - since if blocked else 0.0
    return account_delay(row.failures) - since


def admit(username: str, address: str) -> int:
    """Count this attempt, before its password is checked: 0 if it may go ahead, else the
    whole seconds to wait (the attempt is then not counted and the password not checked)."""
    forget_after = datetime.timedelta(seconds=settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS)
    keys = sorted([_name_key(username), _address_key(address)])  # one lock order: no deadlock
    with transaction.atomic():
        rows = [
            SignInThrottle.objects.select_for_update().get_or_create(
                key=key, defaults={"last_failure_at": clock()}
            )[0]
            for key in keys
        ]
        # The time is read once the rows are locked: an attempt that waited for the lock
        # must not see a failure recorded "after" its own moment.
        now = clock()
        for row in rows:
            if row.failures and now - row.last_failure_at >= forget_after:
                row.failures = 0
        wait = max(_wait(row, row.key.startswith("address:"), now) for row in rows)
        if wait > 0:
            return max(1, int(-(-wait // 1)))
        for row in rows:
            row.failures += 1
            row.last_failure_at = now
            row.save(update_fields=["failures", "last_failure_at"])
    return 0


def succeeded(username: str, address: str) -> None:
    """The admitted attempt was right: clear the account's count, and give the address its
    attempt back."""
    with transaction.atomic():
        SignInThrottle.objects.filter(key=_name_key(username)).delete()
        SignInThrottle.objects.filter(key=_address_key(address), failures__gt=0).update(
            failures=F("failures") - 1
        )


def forget_old(now: datetime.datetime | None = None) -> int:
    """Remove counts nobody needs any more (the clean-up command calls this)."""
    cutoff = (now or clock()) - datetime.timedelta(seconds=settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS)
    deleted, _ = SignInThrottle.objects.filter(last_failure_at__lt=cutoff).delete()
    return deleted
