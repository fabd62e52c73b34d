from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, object]:
    return {"service_name": "PAIRsight", "email_enabled": settings.PAIRSIGHT_EMAIL_ENABLED}
