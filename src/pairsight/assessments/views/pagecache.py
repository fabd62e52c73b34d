"""Whole pages of an assessment kept in this process's memory until its data changes.

A page is kept under the assessment's data version (bumped by the audit writer in the
transaction of every change, so every process sees it move), the person (their name shows
in the header and their role decides what the page offers) and the address with its query.
What belongs to one request is never served from another: the CSRF token is put back per
request, and a request with messages waiting is rendered afresh and not kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Hashable

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token

from pairsight.assessments.access import SignedInRequest
from pairsight.assessments.models import Membership

fragments = caches["fragments"]

#: Kept pages expire even if nothing is written, so a state that moves with the clock alone
#: (a job whose worker stopped beating) is never shown for long.
PAGE_SECONDS = 10

_TOKEN = "\x00csrf-token\x00"
_TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _key(request: SignedInRequest, membership: Membership, page: str, extra: Hashable) -> str:
    assessment = membership.assessment
    user = request.user
    text = repr(
        (
            page,
            assessment.pk,
            assessment.created_at.isoformat(),
            # Read with the membership before anything else: a page rendered from newer data
            # may be kept under an older version, never the other way round. A view that
            # records a change first refreshes it (`refresh_from_db(fields=["data_version"])`).
            assessment.data_version,
            membership.role,
            user.pk,
            user.get_username(),
            user.get_full_name(),
            request.get_full_path(),
            extra,
        )
    )
    return "page:" + hashlib.sha256(text.encode()).hexdigest()


def _keepable(request: SignedInRequest) -> bool:
    # len() reads waiting messages without marking them shown, so they still show.
    return request.method == "GET" and not request.htmx and not len(get_messages(request))


def kept_page(
    request: SignedInRequest,
    membership: Membership,
    page: str,
    render: Callable[[], HttpResponse],
    extra: Hashable = (),
) -> HttpResponse:
    """The page `render` makes, rendered once per state of the assessment and person."""
    if not _keepable(request):
        return render()
    key = _key(request, membership, page, extra)
    kept = fragments.get(key)
    if kept is not None:
        content_type, body = kept
        return HttpResponse(body.replace(_TOKEN, get_token(request)), content_type=content_type)
    response = render()
    if response.status_code == 200 and not response.streaming:
        body = response.content.decode(response.charset)
        tokens = set(_TOKEN_FIELD.findall(body))
        for token in tokens:
            body = body.replace(token, _TOKEN)
        fragments.set(key, (response["Content-Type"], body), timeout=PAGE_SECONDS)
    return response
