from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "pairsight.recommendations"
    label = "recommendations"
    verbose_name = "Recommendations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Offer this workstream's facts for comparing editions (core.comparable).
        from pairsight.core import comparable
        from pairsight.recommendations.evidence import PREFIX, status_facts

        comparable.register(PREFIX, status_facts)
