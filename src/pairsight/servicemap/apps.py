from django.apps import AppConfig


class ServiceMapConfig(AppConfig):
    name = "pairsight.servicemap"
    label = "servicemap"
    verbose_name = "Service mapping"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Offer this workstream's facts for comparing editions (core.comparable).
        from pairsight.core import comparable
        from pairsight.servicemap.evidence import PREFIX, service_facts

        comparable.register(PREFIX, service_facts)
