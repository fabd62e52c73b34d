"""Writes to an assessment's team: members, roles, set-password links and accepting one."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pairsight.assessments.access import require
from pairsight.assessments.audit import display_name, record_change
from pairsight.assessments.models import (
    Assessment,
    Invitation,
    Membership,
    Role,
)
from pairsight.assessments.queries import hash_token, link_allowed, may_make_link


@dataclass(frozen=True)
class MemberAdded:
    membership: Membership
    #: The one-time link token, only when this call created the account; never stored.
    token: str | None


def _new_token(*, actor: User, user: Any, assessment: Assessment) -> str:
    now = timezone.now()
    # An older unused link of this assessment stops working when a new one is made. Only the
    # assessment that created the account ever makes links for it (see may_make_link).
    Invitation.objects.filter(user=user, assessment=assessment, used_at__isnull=True).update(
        used_at=now
    )
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        assessment=assessment,
        token_hash=hash_token(token),
        expires_at=now + datetime.timedelta(days=settings.PAIRSIGHT_INVITATION_DAYS),
        created_by=actor,
    )
    return token


def _member_state(membership: Membership) -> dict[str, Any]:
    return {
        "person": display_name(membership.user),
        "email": membership.user.email,
        "role": membership.role,
    }


def _account(email: str) -> Any:
    user_model = get_user_model()
    return (
        user_model.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk")
        .first()
    )


def _trace_elsewhere(actor: User, membership: Membership) -> None:
    """Tell the person's other assessments, in their audit trails, that someone added them."""
    others = Membership.objects.filter(user=membership.user).exclude(
        assessment_id=membership.assessment_id
    )
    for other in others.select_related("assessment"):
        record_change(
            actor=actor,
            assessment=other.assessment,
            action="member added elsewhere",
            object_type="membership",
            object_id=other.pk,
            summary=f"{display_name(membership.user)} was added to another assessment "
            f"(number {membership.assessment_id}) as {Role(membership.role).label.lower()}",
        )


@transaction.atomic
def add_member(
    *,
    actor: User,
    assessment: Assessment,
    email: str,
    full_name: str,
    role: Role | str,
    link_url: Any = None,
    sign_in_url: str = "",
) -> MemberAdded:
    """Add someone to the assessment. Only someone new gets a one-time set-password link.

    Someone who already has an account is added as they are: no link is made, so the
    adder can never act as them. `link_url(token)` makes a link's full address and
    `sign_in_url` the sign-in page's, for the e-mail sent when e-mail is configured.
    """
    require(actor, assessment, Role.LEAD, changes_edition=False)
    email = email.strip().lower()
    user = _account(email)
    if user is not None and Membership.objects.filter(assessment=assessment, user=user).exists():
        raise ValidationError({"email": f"{email} is already a member of this assessment"})
    created = user is None
    if created:
        user = get_user_model().objects.create_user(
            username=email, email=email, first_name=full_name.strip()[:150], is_active=False
        )
        user.set_unusable_password()
        user.save()
    membership = Membership.objects.create(assessment=assessment, user=user, role=Role(role))
    token = _new_token(actor=actor, user=user, assessment=assessment) if created else None
    # What the lead typed, not the account's own name: the trail must not reveal it either.
    person = f"{full_name.strip()} ({email})" if created and full_name.strip() else email
    record_change(
        actor=actor,
        assessment=assessment,
        action="member added",
        object_type="membership",
        object_id=membership.pk,
        summary=f"Added {person} as {Role(role).label.lower()}",
        after={"person": person, "email": email, "role": membership.role},
    )
    if not created:
        _trace_elsewhere(actor, membership)
    if settings.PAIRSIGHT_EMAIL_ENABLED:
        if token and link_url is not None:
            body = (
                f"Set your password here (the link works once, for "
                f"{settings.PAIRSIGHT_INVITATION_DAYS} days):\n{link_url(token)}\n"
            )
        else:
            body = f"Sign in to PAIRsight to see it: {sign_in_url}\n" if sign_in_url else ""
        _send_later(
            f"You have been added to {assessment.title} on PAIRsight",
            f"{display_name(actor)} has added you to {assessment.title}.\n\n{body}",
            email,
        )
    return MemberAdded(membership=membership, token=token)


def _send_later(subject: str, body: str, to: str) -> None:
    transaction.on_commit(lambda: send_mail(subject, body, None, [to], fail_silently=True))


@transaction.atomic
def new_link(*, actor: User, membership: Membership) -> str:
    """A fresh one-time link for someone this assessment added who never had a password."""
    require(actor, membership.assessment, Role.LEAD, changes_edition=False)
    if not may_make_link(membership):
        raise ValidationError(
            f"No link can be made for {display_name(membership.user)}: a link is made only "
            "for someone this assessment added who has never set a password"
        )
    token = _new_token(actor=actor, user=membership.user, assessment=membership.assessment)
    record_change(
        actor=actor,
        assessment=membership.assessment,
        action="link made",
        object_type="membership",
        object_id=membership.pk,
        summary=f"Made a new set-password link for {display_name(membership.user)}",
    )
    return token


def _other_leads(membership: Membership) -> bool:
    return (
        Membership.objects.filter(assessment=membership.assessment, role=Role.LEAD)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def change_role(*, actor: User, membership: Membership, role: Role | str) -> Membership:
    require(actor, membership.assessment, Role.LEAD, changes_edition=False)
    role = Role(role)
    if membership.role == Role.LEAD and role != Role.LEAD and not _other_leads(membership):
        raise ValidationError(
            {"role": "An assessment needs at least one lead. Make someone else lead first."}
        )
    before = _member_state(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    if before["role"] != membership.role:
        record_change(
            actor=actor,
            assessment=membership.assessment,
            action="role changed",
            object_type="membership",
            object_id=membership.pk,
            summary=f"Changed {display_name(membership.user)} to {role.label.lower()}",
            before=before,
            after=_member_state(membership),
        )
    return membership


@transaction.atomic
def remove_member(*, actor: User, membership: Membership) -> None:
    require(actor, membership.assessment, Role.LEAD, changes_edition=False)
    if membership.role == Role.LEAD and not _other_leads(membership):
        raise ValidationError(
            "An assessment needs at least one lead. Make someone else lead first."
        )
    before = _member_state(membership)
    Invitation.objects.filter(
        user=membership.user, assessment=membership.assessment, used_at__isnull=True
    ).update(used_at=timezone.now())
    record_change(
        actor=actor,
        assessment=membership.assessment,
        action="member removed",
        object_type="membership",
        object_id=membership.pk,
        summary=f"Removed {display_name(membership.user)}",
        before=before,
    )
    membership.delete()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str) -> Any:
    """Set the new person's password from their one-time link; the link then stops working.

    The token itself is the permission: no role is checked.
    """
    locked = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if (
        locked.used_at is not None
        or locked.expires_at <= timezone.now()
        or not link_allowed(locked.user, locked.assessment_id)
    ):
        raise ValidationError("This link has already been used or has expired")
    user = locked.user
    user.set_password(password)
    user.is_active = True
    user.save()
    locked.used_at = locked.accepted_at = timezone.now()
    locked.save(update_fields=["used_at", "accepted_at"])
    record_change(
        actor=user,
        assessment=locked.assessment,
        action="joined",
        object_type="membership",
        summary=f"{display_name(user)} set a password and joined",
    )
    return user
