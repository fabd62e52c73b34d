"""Who may see and change an assessment.

A person who is not a member gets 404 (the assessment's existence is not revealed); a
member whose role is too low gets 403. Any request that could change something (anything
but GET and HEAD) needs at least an editor, except a consultee's own response to a
consultation. A consultee ranks below a viewer and opens only the consultation pages.
A published edition can never change: every attempt is refused and the refusal is kept in
the audit trail (see `refuse_published`).
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django_htmx.middleware import HtmxDetails

from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Membership, Role

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


def require(
    actor: Any, assessment: Any, role: Role, *, changes_edition: bool | None = None
) -> Membership | None:
    """The actor's membership of the assessment, if its role is at least `role`.

    Every write use case calls this first, so no caller (view, CLI, script) can bypass the
    role check. A non-member or an anonymous visitor is told the assessment does not exist,
    as the pages do. `None` is PAIRsight itself (see `_is_system`) and gets no membership.

    A use case needing an editor or a lead changes the edition unless it says otherwise
    (`changes_edition=False`: a backup, the team); on a published edition it is refused.
    """
    changes = RANK[role] >= RANK[Role.EDITOR] if changes_edition is None else changes_edition
    if _is_system(actor):
        if changes:
            published = (
                Assessment.objects.filter(pk=getattr(assessment, "pk", assessment))
                .values_list("published_at", flat=True)
                .first()
            )
            if published is not None:
                refuse_published(actor, getattr(assessment, "pk", assessment))
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
    if changes and membership.assessment.published_at is not None:
        refuse_published(actor, assessment_id)
    return membership


# Published editions ---------------------------------------------------------------------


class EditionPublished(PermissionDenied):
    """A change to a published edition, which can never change."""


_refusals = threading.local()


def refuse_published(actor: Any, assessment_id: int, what: str = "") -> None:
    """Refuse a change to a published edition, and keep the attempt in the audit trail.

    The attempt is made inside the use case's transaction, which the refusal rolls back,
    and on SQLite that transaction holds the only write lock: no other connection could
    write the record meanwhile. So the record waits until the transaction has rolled back
    (`flush_refusals`, run as every atomic block ends) and is written then.
    """
    assessment = Assessment.objects.filter(pk=assessment_id).first()
    edition = assessment.edition if assessment is not None else "?"
    attempt = what or _attempted()
    message = (
        f"Edition {edition} of this assessment is published and can no longer be changed. "
        "Start the next edition to bring it up to date."
    )
    record = {
        "actor": actor,
        "assessment": assessment,
        "action": "change refused",
        "object_type": "assessment",
        "object_id": assessment_id,
        "summary": f"Refused a change to published edition {edition}: {attempt}",
        "after": {"attempted": attempt},
        "data_changed": False,
    }
    connection = transaction.get_connection()
    if _only_tests_open(connection):
        record_change(**record)
    else:
        _pending(connection.alias).append(record)
    raise EditionPublished(message)


def _only_tests_open(connection: Any) -> bool:
    """No transaction is open but a test's own (Django's TestCase), which is not the use case's."""
    return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _attempted() -> str:
    """The use case (or model save) that tried to change the edition, for the trail."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename in _OWN_FILES:
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "a change"
    module = frame.f_globals.get("__name__", "").removeprefix("pairsight.")
    # A use case is named where callers find it: `surveys.actions.x`, not the package's
    # inner module (`surveys.actions.imports.x`).
    if ".actions." in module:
        module = module[: module.index(".actions.") + len(".actions")]
    return f"{module}.{frame.f_code.co_name}"


_OWN_FILES = {__file__, getattr(sys.modules.get("django.db.models.signals"), "__file__", "")}


def _pending(alias: str) -> list[dict[str, Any]]:
    by_alias: dict[str, list[dict[str, Any]]] = getattr(_refusals, "by_alias", None) or {}
    _refusals.by_alias = by_alias
    return by_alias.setdefault(alias, [])


def flush_refusals(alias: str | None = None) -> None:
    """Write the refusals kept back, once no transaction that will roll back is open.

    A test's own transaction (Django's TestCase) counts as closed: it is not the use case's.
    """
    connection = connections[alias or DEFAULT_DB_ALIAS]
    waiting = _pending(connection.alias)
    if not waiting or connection.needs_rollback:
        return
    if not _only_tests_open(connection):
        return
    records, waiting[:] = list(waiting), []
    for record in records:
        record_change(**record)


def install_refusal_flush() -> None:
    """Make every atomic block, as it ends, write the refusals its rollback would have lost."""
    atomic = transaction.Atomic
    if getattr(atomic.__exit__, "_flushes_refusals", False):
        return
    original = atomic.__exit__

    def exit_and_flush(self: transaction.Atomic, *exc: Any) -> Any:
        try:
            return original(self, *exc)
        finally:
            flush_refusals(self.using)

    exit_and_flush._flushes_refusals = True  # type: ignore[attr-defined]
    atomic.__exit__ = exit_and_flush  # type: ignore[method-assign]
