"""Sign in (throttled), account page, password change, and the CSRF failure page."""

from __future__ import annotations

import logging
import math
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from pairsight.assessments.audit import record_account
from pairsight.web import login_throttle

logger = logging.getLogger("pairsight.security")


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label="Email address or username",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
        error_messages={"required": "Enter your email address or username"},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    error_messages = {
        "invalid_login": "The email address, username or password is not right",
        "inactive": "This account has not been activated. Use the link your lead gave you.",
    }
    #: Set while sign-in is locked: the password is then not even checked.
    locked_message = ""

    def clean(self) -> dict[str, Any]:
        if self.locked_message:
            raise forms.ValidationError(self.locked_message, code="locked")
        return super().clean()


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@login_not_required
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(_safe_next(request))
    status = 200
    if request.method == "POST":
        # No longer than the form takes: it is stored in the audit trail and hashed below.
        username = request.POST.get("username", "")[:254]
        address = login_throttle.client_address(request)
        form = SignInForm(request, data=request.POST)
        wait = login_throttle.admit(username, address) if username else 0
        if wait:
            form.locked_message = (
                f"There have been too many attempts to sign in. Wait {_wait_text(wait)} "
                "and try again."
            )
            form.is_valid()
            status = 429
            # Logged, not audited: refused tries cost an attacker nothing, and the trail is
            # kept for ever.
            logger.warning("Sign-in delayed for %r from %s", username, address)
        elif form.is_valid():
            login_throttle.succeeded(username, address)
            user = form.get_user()
            auth_login(request, user)
            record_account(
                actor=user,
                username=username,
                action="signed in",
                address=address,
                summary="Signed in",
            )
            return HttpResponseRedirect(_safe_next(request))
        elif username:
            logger.warning("Failed sign-in for %r from %s", username, address)
            record_account(
                actor=None,
                username=username,
                action="sign-in failed",
                address=address,
                summary=f"Failed sign-in as {username}",
            )
    else:
        form = SignInForm(request)
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


class SignOutView(auth_views.LogoutView):
    """Django's sign-out (POST only), recorded in the audit trail."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            record_account(
                actor=request.user,
                username=request.user.get_username(),
                action="signed out",
                address=login_throttle.client_address(request),
                summary="Signed out",
            )
        return super().post(request, *args, **kwargs)


@never_cache
def account_view(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/account.html", {})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        record_account(
            actor=user,
            username=user.get_username(),
            action="password changed",
            address=login_throttle.client_address(request),
            summary="Changed their password",
        )
        messages.success(request, "Your password has been changed")
        return redirect("account")
    return render(request, "registration/password_change.html", {"form": form})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
