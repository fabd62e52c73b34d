from django.apps import AppConfig


class ServiceMapConfig(AppConfig):
    name = "pairsight.servicemap"
    label = "servicemap"
    verbose_name = "Service mapping"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Offer the map's gaps and matrix as evidence others may cite (core.citable).
        from pairsight.core import citable
        from pairsight.servicemap.evidence import PREFIX, servicemap_evidence

        citable.register(PREFIX, servicemap_evidence)
