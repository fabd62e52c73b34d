from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pairsight.reports"
    label = "reports"
    verbose_name = "Report"
    default_auto_field = "django.db.models.BigAutoField"
