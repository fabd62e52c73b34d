from django.apps import AppConfig


class PopulationConfig(AppConfig):
    name = "pairsight.population"
    label = "population"
    verbose_name = "Population need"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Offer this workstream's findings as evidence others may cite (core.citable).
        from pairsight.core import citable
        from pairsight.population.evidence import PREFIX, population_evidence

        citable.register(PREFIX, population_evidence)
