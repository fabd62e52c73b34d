from django.apps import AppConfig


class ServiceMapConfig(AppConfig):
    name = "pairsight.servicemap"
    label = "servicemap"
    verbose_name = "Service mapping"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Offer the map's gaps and matrix as evidence others may cite (core.citable), and
        # its services for comparing editions (core.comparable).
        from pairsight.core import citable, comparable
        from pairsight.servicemap.evidence import PREFIX, service_facts, servicemap_evidence

        citable.register(PREFIX, servicemap_evidence)
        comparable.register(PREFIX, service_facts)
