import os

from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "pairsight.interviews"
    label = "interviews"
    verbose_name = "Interviews"
    default_auto_field = "django.db.models.BigAutoField"


def setup_django() -> None:
    """Set Django up for a command that reads or writes an assessment (commands.py is pure
    and never imports Django itself)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pairsight.web.settings")
    import django

    django.setup()
