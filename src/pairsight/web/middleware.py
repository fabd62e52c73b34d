"""Response headers Django's SecurityMiddleware does not set, and sign-in for htmx requests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

# Only this site's own files: no inline script or style, no eval, no framing. Charts use
# Vega's expression interpreter, so they need no 'unsafe-eval' either.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Pages can show sensitive figures and names: keep them out of shared caches and
        # the browser's disk cache. Static files set their own caching headers.
        if not request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Django's login-required middleware, aware of htmx.

    When a session runs out while a page is open, an in-place update would otherwise swap
    the sign-in page into the middle of the page; htmx is told to load it instead.
    """

    def handle_no_permission(  # type: ignore[override]  # an htmx request gets a 204, not a redirect
        self, request: HttpRequest, view_func: Callable[..., HttpResponse]
    ) -> HttpResponse:
        response = super().handle_no_permission(request, view_func)
        if request.headers.get("HX-Request") == "true" and response.has_header("Location"):
            current = request.headers.get("HX-Current-URL", "")
            location = response["Location"]
            if current and url_has_allowed_host_and_scheme(current, {request.get_host()}):
                location = redirect_to_login(urlsplit(current).path or "/")["Location"]
            return HttpResponse(status=204, headers={"HX-Redirect": location})
        return response


# The largest ID a database row can have (a signed 64-bit integer, as BigAutoField stores).
LARGEST_ID = 2**63 - 1


class IdsInRangeMiddleware:
    """A number in the address larger than any stored ID is simply not found (404).

    Otherwise the database driver refuses to compare it (SQLite raises OverflowError) and
    the visitor gets a server error. Checked once here for every URL, before any view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -LARGEST_ID <= value <= LARGEST_ID:
                raise Http404("No such page")
