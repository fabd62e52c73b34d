from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "pairsight.surveys"
    label = "surveys"
    verbose_name = "Surveys"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Offer this workstream's findings as evidence others may cite (core.citable).
        from pairsight.core import citable
        from pairsight.surveys.evidence import PREFIX, survey_evidence

        citable.register(PREFIX, survey_evidence)
        # Offer the written answers for coding with the interview codebook (core.codable).
        from pairsight.core import codable
        from pairsight.surveys import codable as written

        codable.register(written.PREFIX, written.written_answers)
