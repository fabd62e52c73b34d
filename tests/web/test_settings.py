"""Production settings come from environment variables, and refuse to start without them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SESSION_COOKIE_SECURE": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": getattr(settings, "CSRF_COOKIE_SECURE", False),
    "SECURE_HSTS_SECONDS": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "SECURE_SSL_REDIRECT": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "SECURE_PROXY_SSL_HEADER": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(settings.DATABASES["default"]["NAME"]),
    "STORAGE": settings.STORAGES["staticfiles"]["BACKEND"],
    "SECRET_KEY": settings.SECRET_KEY,
}))
"""


def _settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PAIRSIGHT_")}
    clean.pop("DATABASE_URL", None)
    clean.update({"DJANGO_SETTINGS_MODULE": "pairsight.web.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_local_settings_use_sqlite_in_var_and_no_https(tmp_path: Path) -> None:
    result = _settings(tmp_path)
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DB_NAME"] == str(tmp_path / "var" / "pairsight.sqlite3")
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert values["SESSION_COOKIE_SECURE"] is False


def test_production_needs_a_secret_key(tmp_path: Path) -> None:
    result = _settings(tmp_path, PAIRSIGHT_ENV="production", PAIRSIGHT_ALLOWED_HOSTS="x.nhs.uk")
    assert result.returncode != 0
    assert "Set PAIRSIGHT_SECRET_KEY" in result.stderr


def test_production_needs_allowed_hosts(tmp_path: Path) -> None:
    result = _settings(tmp_path, PAIRSIGHT_ENV="production", PAIRSIGHT_SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "Set PAIRSIGHT_ALLOWED_HOSTS" in result.stderr


def test_production_turns_on_https_only_cookies_and_hsts(tmp_path: Path) -> None:
    result = _settings(
        tmp_path,
        PAIRSIGHT_ENV="production",
        PAIRSIGHT_SECRET_KEY="k" * 50,
        PAIRSIGHT_ALLOWED_HOSTS="pairsight.example.nhs.uk, localhost",
        PAIRSIGHT_BEHIND_PROXY="1",
        DATABASE_URL="postgres://pairsight:secret@db.example:5432/pairsight",
    )
    values = json.loads(result.stdout)
    assert values["ALLOWED_HOSTS"] == ["pairsight.example.nhs.uk", "localhost"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["STORAGE"].startswith("whitenoise.storage.")
    assert values["SECRET_KEY"] == "k" * 50
