from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "pairsight.plan"
    label = "plan"
    verbose_name = "Plan, governance and dissemination"
    default_auto_field = "django.db.models.BigAutoField"
