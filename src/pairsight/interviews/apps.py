from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "pairsight.interviews"
    label = "interviews"
    verbose_name = "Interviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Interview participants count toward the surveys' recruitment targets (core's
        # interface: surveys never import interviews).
        from pairsight.core.participants import register_participant_counter
        from pairsight.interviews.queries import INTERVIEW_PARTICIPANTS

        register_participant_counter(INTERVIEW_PARTICIPANTS)

        # Offer the themes as evidence others may cite (core.citable).
        from pairsight.core import citable
        from pairsight.interviews.evidence import PREFIX, interview_evidence

        citable.register(PREFIX, interview_evidence)
