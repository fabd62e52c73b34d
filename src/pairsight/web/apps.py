from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "pairsight.web"
    label = "web"
    verbose_name = "PAIRsight web"
