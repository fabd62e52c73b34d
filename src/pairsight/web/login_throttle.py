"""Slow down password guessing: lock sign-in after repeated failures.

Failures are counted in Django's cache (shared by every worker) per user name and per
client address. The per-address limit is higher because many staff in one NHS trust can
share an address; the per-name limit protects each account.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

ADDRESS_LIMIT_FACTOR = 4


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind our own proxy the last hop it appended is the client.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    limit = settings.PAIRSIGHT_LOGIN_MAX_FAILURES
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [
        (f"login-failures:name:{name}", limit),
        (f"login-failures:address:{address}", limit * ADDRESS_LIMIT_FACTOR),
    ]


def seconds_locked(username: str, address: str) -> int:
    """How long sign-in stays locked for this name or address (0 if it is not)."""
    now = time.time()
    waits = [0]
    for key, limit in _keys(username, address):
        state = cache.get(key)
        if state and state["count"] >= limit:
            waits.append(int(state["since"] + settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS - now) + 1)
    return max(waits)


def record_failure(username: str, address: str) -> None:
    lockout = settings.PAIRSIGHT_LOGIN_LOCKOUT_SECONDS
    for key, limit in _keys(username, address):
        state = cache.get(key) or {"count": 0, "since": time.time()}
        state["count"] += 1
        if state["count"] >= limit:
            # The lock runs from the failure that reached the limit.
            state["since"] = time.time()
        cache.set(key, state, timeout=lockout)


def clear(username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0][0])
