from django.apps import AppConfig


class ServiceMapConfig(AppConfig):
    name = "pairsight.servicemap"
    label = "servicemap"
    verbose_name = "Service mapping"
    default_auto_field = "django.db.models.BigAutoField"
