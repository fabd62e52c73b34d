from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "pairsight.assessments"
    label = "assessments"
    verbose_name = "Assessments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A refused change to a published edition is audited after its transaction rolls
        # back (see access.refuse_published); the model guard is the last line behind the
        # use cases' own check (editions/access.py).
        from pairsight.assessments import access
        from pairsight.assessments.editions import access as edition_guard

        access.install_refusal_flush()
        edition_guard.connect_guard()
