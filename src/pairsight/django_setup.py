"""Start Django for the `pairsight` command: one place every command that needs the database uses.

The web project's settings are named here as a string, so a command module below `web` in the
layers (reports, a workstream) can start Django without importing the web package.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SETTINGS = "pairsight.web.settings"


def data_dir() -> Path:
    return Path(os.environ.get("PAIRSIGHT_DATA_DIR", Path.cwd() / "var")).resolve()


def production() -> bool:
    return os.environ.get("PAIRSIGHT_ENV", "").strip().lower() == "production"


def prepare_environment() -> None:
    """Fix the data folder and, outside production, a persistent secret key, before Django."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["PAIRSIGHT_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if production() or os.environ.get("PAIRSIGHT_SECRET_KEY"):
        return
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50) + "\n", encoding="utf-8")
        key_file.chmod(0o600)


def start_django() -> None:
    prepare_environment()
    import django

    django.setup()
