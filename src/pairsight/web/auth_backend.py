"""Sign in by user name or e-mail address, in any letter case.

People type their address as they please (`Pat@Example.org`); PAIRsight compares e-mail
addresses without regard to case everywhere (issue 9), so sign-in does too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest


class NameOrEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not username or password is None:
            return None
        typed = username.strip()
        user_model = get_user_model()
        people = user_model._default_manager
        exact = people.filter(username=typed).first()
        matches = (
            [exact]
            if exact is not None
            else list(people.filter(Q(username__iexact=typed) | Q(email__iexact=typed))[:2])
        )
        if len(matches) != 1:
            # As Django's own backend does: spend the time a password check takes, so that
            # the answer's speed does not tell whether the account exists (or is ambiguous).
            user_model().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
