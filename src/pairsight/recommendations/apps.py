from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "pairsight.recommendations"
    label = "recommendations"
    verbose_name = "Recommendations"
    default_auto_field = "django.db.models.BigAutoField"
