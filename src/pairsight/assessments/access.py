"""Who may see and change an assessment.

A person who is not a member gets 404 (the assessment's existence is not revealed); a
member whose role is too low gets 403. Any request that could change something (anything
but GET and HEAD) needs at least an editor, except a consultee's own response to a
consultation. A consultee ranks below a viewer and opens only the consultation pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django_htmx.middleware import HtmxDetails

from pairsight.assessments.models import Membership, Role

# A consultee ranks below a viewer: every page that asks for at least a viewer (the default)
# refuses them; only the consultation pages ask for less.
RANK = {Role.CONSULTEE: -1, Role.VIEWER: 0, Role.EDITOR: 1, Role.LEAD: 2}


class SignedInRequest(HttpRequest):
    """A request past the sign-in middleware, as the views see it (for the type checker)."""

    user: User
    htmx: HtmxDetails


class MemberRequest(SignedInRequest):
    """A request to a page of an assessment, after `member_view` found the membership."""

    membership: Membership


def _rank(role: Role) -> int:
    return RANK[role]


READ_METHODS = frozenset({"GET", "HEAD"})


def can(membership: Membership, role: Role) -> bool:
    return RANK[Role(membership.role)] >= RANK[role]


def membership_for(
    request: HttpRequest,
    assessment_id: int,
    role: Role = Role.VIEWER,
    writes: Role = Role.EDITOR,
) -> Membership:
    user = request.user
    membership = (
        Membership.objects.select_related("assessment__area", "user")
        .filter(assessment_id=assessment_id, user_id=user.pk)
        .first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("No such assessment")
    needed = role if request.method in READ_METHODS else max(role, writes, key=_rank)
    if not can(membership, needed):
        raise PermissionDenied(f"This needs the {needed.label.lower()} role")
    return membership


View = Callable[..., HttpResponseBase]


def member_view(role: Role = Role.VIEWER, writes: Role = Role.EDITOR) -> Callable[[View], View]:
    """Resolve `assessment_id` to the caller's membership and pass it to the view.

    `writes` is the lowest role for anything but GET and HEAD: an editor, except on the one
    page where a consultee writes (their response to a consultation).
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, assessment_id: int, **kwargs: Any) -> HttpResponseBase:
            membership = membership_for(request, assessment_id, role, writes)
            request.membership = membership  # type: ignore[attr-defined]  # set once, here
            return view(request, membership, **kwargs)

        return wrapped

    return decorate


def _is_system(actor: Any) -> bool:
    # PAIRsight itself (a command run on the server by its operator, the demo loader): it
    # has the run of the database anyway. A web request never passes None: it carries a
    # signed-in user or AnonymousUser.
    return actor is None


def require_signed_in(actor: Any) -> None:
    """Refuse anyone who has not signed in (anonymous visitors, inactive accounts)."""
    if _is_system(actor):
        return
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        raise PermissionDenied("Sign in first")


def require(actor: Any, assessment: Any, role: Role) -> Membership | None:
    """The actor's membership of the assessment, if its role is at least `role`.

    Every write use case calls this first, so no caller (view, CLI, script) can bypass the
    role check. A non-member or an anonymous visitor is told the assessment does not exist,
    as the pages do. `None` is PAIRsight itself (see `_is_system`) and gets no membership.
    """
    if _is_system(actor):
        return None
    assessment_id = getattr(assessment, "pk", assessment)
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    membership = (
        Membership.objects.select_related("assessment", "user")
        .filter(assessment_id=assessment_id, user_id=actor_id)
        .first()
        if actor_id is not None and getattr(actor, "is_active", False)
        else None
    )
    if membership is None:
        raise Http404("No such assessment")
    if not can(membership, role):
        raise PermissionDenied(f"This needs the {role.label.lower()} role")
    return membership
