from django.apps import AppConfig


class PopulationConfig(AppConfig):
    name = "pairsight.population"
    label = "population"
    verbose_name = "Population need"
    default_auto_field = "django.db.models.BigAutoField"
