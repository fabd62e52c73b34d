"""Every write use case (each public function of each app's `actions` module), with the role
it needs and sample arguments, for the access tests that call them directly.

`discovered()` finds the functions, so a new action fails `test_every_use_case_is_listed`
until it is added here (a line or two: its role and how to make its arguments) or to
NOT_USE_CASES with the reason it needs no role check of its own.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pairsight
from pairsight.assessments.models import Membership, Role

EXPORT = (
    b"What is your profession?,Which best describes your role?\n"
    b"Midwife,Practitioner\nGP,Manager or supervisor\n"
)
ORUK_FEED = (
    b'[{"id": "s-1", "name": "Baby clinic", "description": "For parents of babies under two",'
    b' "organization": {"id": "o-1", "name": "Health visiting"}}]'
)
POPULATION = b"group,count\nLadywood,60\nEdgbaston,40\n"
MORE = b"What is your profession?,Which best describes your role?\nHealth visitor,Practitioner\n"
TRAINING = "Training the workforce"
REGISTER = (
    b"Category,Recommendation,Who is the recommendation for,"
    b"How can the recommendation be achieved,Next steps\n"
    b"Training the workforce,Offer PAIR training,Health visitors,Through the academy,Book it\n"
)
# An interview with nothing to redact, so that storing it needs no accepted redactions.
INTERVIEW = (
    "Interviewer: How did you find the baby clinic?\n\n"
    "Parent: It helped me feel less alone with the baby."
)
CLINIC = (INTERVIEW.index("baby clinic"), INTERVIEW.index("baby clinic") + len("baby clinic"))
# A workforce response with a written answer, for coding survey answers with the codebook.
WRITTEN = (
    b"What is your profession?,Which best describes your role?,Is there anything else you "
    b"would like to tell us about supporting parent-infant relationships in your work?\n"
    b"Midwife,Practitioner,More time with families\n"
)

# Functions in `actions` modules that are not use cases a person calls, and why.
NOT_USE_CASES = {
    "assessments.set_headline": "called only by other use cases, after their own role check",
    "assessments.accept_invitation": "the one-time link itself is the permission",
    "surveys.saved_mapping": "a read",
    "surveys.refresh_headline": "called only by other use cases, after their own role check",
    "reports.run_build": "renders a build that start_build queued after its role check",
    "reports.expire_stale": "marks failed a build whose worker died: no person's change",
    "reports.fail_stale": "marks one build failed for the sweep: no person's change",
    "surveys.read_upload": "a read of a file waiting for import (nothing stored)",
    "servicemap.intervention_choices": "a read of the shipped list of interventions",
    "surveys.representativeness.target_groups": "a read",
    "recommendations.categories_of": "a read (it stores the nine starting categories once)",
    "recommendations.import_register_or_problems": (
        "the command line's wrapper of import_register, which checks the role; a refusal"
        " comes back as a problem sentence instead of an error"
    ),
}


@dataclass(frozen=True)
class UseCase:
    """`role`: the lowest role allowed (None: anyone signed in; with `only`, that role alone).
    `arguments(samples)`: the keyword arguments other than the actor."""

    function: str
    role: Role | None
    arguments: Callable[[Samples], dict[str, Any]]
    actor_keyword: str = "actor"
    label: str = ""
    #: Only that role may call it (a consultee's response), not every role above it too.
    only: bool = False

    @property
    def id(self) -> str:
        return self.function + (f" ({self.label})" if self.label else "")

    def call(self, actor: Any, samples: Samples) -> Any:
        where, name = self.function.rsplit(".", 1)
        module = importlib.import_module(f"pairsight.{where}.actions")
        return getattr(module, name)(**{self.actor_keyword: actor}, **self.arguments(samples))


def _actions_modules() -> list[str]:
    """Every module named `actions` (or inside an `actions` package), at any depth."""
    return [
        found.name
        for found in pkgutil.walk_packages(pairsight.__path__, "pairsight.")
        if ".actions" in found.name and ".migrations" not in found.name
    ]


def discovered() -> set[str]:
    """Use cases as `<where>.<name>`, `where` being the path of the `actions` module, as in
    `surveys.representativeness.set_targets` (surveys/representativeness/actions.py)."""
    found = set()
    for module_name in _actions_modules():
        module = importlib.import_module(module_name)
        where = module_name.removeprefix("pairsight.").split(".actions")[0]
        for name, value in inspect.getmembers(module, inspect.isfunction):
            if value.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{where}.{name}")
    return found


class Samples:
    """The objects the use cases act on, made by the lead, each only when first asked for."""

    def __init__(self, team: Any, tmp_path: Path) -> None:
        self.team = team
        self.assessment = team.assessment
        self.tmp_path = tmp_path
        self._made: dict[str, Any] = {}

    def _once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def membership(self, user: Any) -> Membership:
        return Membership.objects.get(assessment=self.assessment, user=user)

    @property
    def published(self) -> Any:
        """The assessment, published as edition 1 (by PAIRsight itself)."""

        def make() -> Any:
            from pairsight.assessments.editions.actions import publish_edition

            title = self.assessment.title
            publish_edition(actor=None, assessment=self.assessment, confirm_title=title)
            return self.assessment

        return self._once("published", make)

    @property
    def pending(self) -> Membership:
        from pairsight.assessments import actions

        return self._once(
            "pending",
            lambda: (
                actions.add_member(
                    actor=self.team.lead,
                    assessment=self.assessment,
                    email="new.person@example.nhs.uk",
                    full_name="New Person",
                    role="viewer",
                ).membership
            ),
        )

    def estimate(self) -> dict[str, Any]:
        from pairsight.population.demo import demo_inputs
        from pairsight.population.estimate import estimate
        from pairsight.population.forms import NeedForms, inputs_query

        forms = NeedForms(inputs_query(demo_inputs()))
        inputs = forms.population_inputs()
        assert forms.is_valid() and inputs is not None
        return {"inputs": forms.stored_inputs(), "result": estimate(inputs)}

    @property
    def scenario(self) -> Any:
        from pairsight.population.actions import save_scenario

        return self._once(
            "scenario",
            lambda: save_scenario(
                actor=self.team.lead,
                assessment=self.assessment,
                name="Sample",
                notes="",
                **self.estimate(),
            ),
        )

    @property
    def survey(self) -> Any:
        from pairsight.surveys.actions import start_survey

        return self._once(
            "survey",
            lambda: start_survey(
                actor=self.team.lead, assessment=self.assessment, kind="workforce"
            ),
        )

    @property
    def batch(self) -> Any:
        from pairsight.surveys.actions import import_file

        return self._once(
            "batch",
            lambda: (
                import_file(
                    actor=self.team.lead, survey=self.survey, content=EXPORT, file_name="a.csv"
                ).batch
            ),
        )

    @property
    def upload(self) -> Any:
        from pairsight.surveys.actions import upload_export

        return self._once(
            "upload",
            lambda: upload_export(
                actor=self.team.lead, survey=self.survey, file_name="b.csv", content=EXPORT
            ),
        )

    def mapping(self) -> dict[str, Any]:
        from pairsight.surveys import queries

        upload = self.upload
        mapping = queries.proposed_mapping(upload, queries.read_upload(upload))
        choices = {m.header: m.target for m in mapping.matches}
        return {"upload": upload, "mapping": mapping, "choices": choices}

    def responses(self) -> Any:
        from pairsight.surveys.importers.pipeline import import_responses

        return import_responses(MORE, self.survey.instrument, name="c.csv").survey

    @property
    def question(self) -> str:
        return str(self.survey.instrument.questions[0].id)

    @property
    def service(self) -> Any:
        from pairsight.servicemap.actions import add_service

        return self._once(
            "service",
            lambda: add_service(
                actor=self.team.lead, assessment=self.assessment, name="Baby clinic"
            ),
        )

    @property
    def parents_survey(self) -> Any:
        from pairsight.surveys.actions import start_survey

        return self._once(
            "parents_survey",
            lambda: start_survey(actor=self.team.lead, assessment=self.assessment, kind="parents"),
        )

    @property
    def build(self) -> Any:
        from pairsight.reports.actions import start_build

        return self._once(
            "build", lambda: start_build(actor=self.team.lead, assessment=self.assessment)
        )

    def _recommendation(self, title: str) -> Any:
        from pairsight.recommendations.actions import create_recommendation

        return create_recommendation(
            actor=self.team.lead,
            assessment=self.assessment,
            category=TRAINING,
            title=title,
            text=f"{title} recommendation",
        )

    @property
    def recommendation(self) -> Any:
        return self._once("recommendation", lambda: self._recommendation("Sample"))

    @property
    def second_recommendation(self) -> Any:
        """After `recommendation` in the same category, so that moving it up moves both."""
        _ = self.recommendation  # made first, so that this one is numbered second
        return self._once("second_recommendation", lambda: self._recommendation("Second"))

    @property
    def category(self) -> Any:
        """A category with no recommendations, so that it can be removed."""
        from pairsight.recommendations.actions import add_category

        return self._once(
            "category",
            lambda: add_category(
                actor=self.team.lead, assessment=self.assessment, name="Sample category"
            ),
        )

    @property
    def evidence_key(self) -> str:
        """The first finding on offer: the sample survey's, once a file is imported."""
        from pairsight.core import citable

        _ = self.batch  # an imported file is what makes the survey offer findings
        return str(citable.offered(self.assessment)[0].key)

    @property
    def citation(self) -> Any:
        from pairsight.recommendations.actions import cite_evidence

        return self._once(
            "citation",
            lambda: cite_evidence(
                actor=self.team.lead, recommendation=self.recommendation, key=self.evidence_key
            ),
        )

    @property
    def consultation(self) -> Any:
        """An open round on the sample recommendation."""
        from pairsight.recommendations.consultation.actions import open_round

        _ = self.recommendation
        return self._once(
            "consultation",
            lambda: open_round(
                actor=self.team.lead, assessment=self.assessment, closes_on=date.max
            ),
        )

    def consulted(self, **more: Any) -> dict[str, Any]:
        return {"consultation": self.consultation, "recommendation": self.recommendation, **more}

    @property
    def participant(self) -> Any:
        from pairsight.interviews.actions import add_participant

        return self._once(
            "participant",
            lambda: add_participant(
                actor=self.team.lead, assessment=self.assessment, pseudonym="P01", group="parent"
            ),
        )

    def transcript_arguments(self) -> dict[str, Any]:
        return {
            "participant": self.participant,
            "title": "Parent interview",
            "source_format": "Plain text",
            "text": INTERVIEW,
            "accepted": [],
        }

    @property
    def transcript(self) -> Any:
        from pairsight.interviews.actions import store_transcript

        return self._once(
            "transcript",
            lambda: store_transcript(actor=self.team.lead, **self.transcript_arguments()),
        )

    @property
    def interview_category(self) -> Any:
        from pairsight.interviews.actions import add_category

        return self._once(
            "interview_category",
            lambda: add_category(
                actor=self.team.lead, assessment=self.assessment, name="Barriers for families"
            ),
        )

    @property
    def theme(self) -> Any:
        from pairsight.interviews.actions import save_theme

        return self._once(
            "theme",
            lambda: save_theme(
                actor=self.team.lead, category=self.interview_category, name="Fear of judgement"
            ),
        )

    @property
    def excerpt(self) -> Any:
        """Coded by the editor, so that the editor may change it as its own coder."""
        from pairsight.interviews.actions import code_excerpt

        return self._once(
            "excerpt",
            lambda: code_excerpt(
                actor=self.team.editor,
                transcript=self.transcript,
                start=CLINIC[0],
                end=CLINIC[1],
                theme_ids=[self.theme.pk],
            ),
        )

    @property
    def transcript_import(self) -> Any:
        from pairsight.interviews.actions import start_transcript_import

        return self._once(
            "transcript_import",
            lambda: start_transcript_import(
                actor=self.team.lead,
                participant=self.participant,
                title="Parent interview",
                file_name="p.txt",
                content=INTERVIEW.encode(),
            ),
        )

    @property
    def written_answer(self) -> str:
        """The key of a written survey answer on offer for coding."""
        from pairsight.core import codable
        from pairsight.surveys.actions import import_file

        def make() -> str:
            import_file(
                actor=self.team.lead, survey=self.survey, content=WRITTEN, file_name="w.csv"
            )
            return codable.answers(self.assessment.pk)[0].key

        return str(self._once("written_answer", make))

    @property
    def answer_coding(self) -> Any:
        """Coded by the editor, so that the editor may untag it as its own coder."""
        from pairsight.interviews.actions import code_answer

        return self._once(
            "answer_coding",
            lambda: code_answer(
                actor=self.team.editor,
                assessment=self.assessment,
                answer_key=self.written_answer,
                theme_ids=[self.theme.pk],
            ),
        )


def _codebook() -> Any:
    from pairsight.interviews.codebook import Category, Codebook, Theme

    return Codebook((Category("Barriers for families", themes=(Theme("Not asked"),)),))


def _feed() -> Any:
    from pairsight.servicemap.oruk import read_feed

    return read_feed(ORUK_FEED, where="a sample feed")


def _postcodes() -> Any:
    from pairsight.servicemap.postcodes import PostcodeDirectory

    return PostcodeDirectory.read(b"pcds,lat,long\nBS1 5TR,51.458,-2.603\n")


def _read_upload(upload: Any) -> Any:
    from pairsight.surveys.actions import read_upload

    return read_upload(upload)


def _assessment(s: Samples, **more: Any) -> dict[str, Any]:
    return {"assessment": s.assessment, **more}


PLAN_DAY = datetime.date(2026, 1, 5)
MILESTONE = {"title": "Kick-off", "workstream": "governance", "due": PLAN_DAY}
DISSEMINATION = {"audience": "Health and wellbeing board", "channel": "Briefing", "date": PLAN_DAY}


def _plan_item(s: Samples, kind: str) -> Any:
    """One stored record of the plan of each kind, made once by the lead."""
    from pairsight.plan import actions

    make = {
        "milestone": lambda: actions.add_milestone(
            actor=s.team.lead, **_assessment(s, **MILESTONE)
        ),
        "member": lambda: actions.add_steering_member(
            actor=s.team.lead, **_assessment(s, name="Dr Ada", role="Chair, ICB")
        ),
        "dissemination": lambda: actions.add_dissemination(
            actor=s.team.lead, **_assessment(s, **DISSEMINATION)
        ),
    }[kind]
    return s._once(f"plan {kind}", make)


USE_CASES = [
    UseCase("plan.add_milestone", Role.EDITOR, lambda s: _assessment(s, **MILESTONE)),
    UseCase(
        "plan.change_milestone",
        Role.EDITOR,
        lambda s: {"milestone": _plan_item(s, "milestone"), **MILESTONE, "done": True},
    ),
    UseCase("plan.start_plan_from_template", Role.EDITOR, lambda s: _assessment(s, start=PLAN_DAY)),
    UseCase(
        "plan.add_steering_member",
        Role.EDITOR,
        lambda s: _assessment(s, name="Ms Bea", role="Health visiting lead"),
    ),
    UseCase("plan.add_meeting", Role.EDITOR, lambda s: _assessment(s, date=PLAN_DAY)),
    UseCase(
        "plan.record_decision",
        Role.EDITOR,
        lambda s: _assessment(s, date=PLAN_DAY, decision="Adopt the template plan"),
    ),
    UseCase("plan.add_dissemination", Role.EDITOR, lambda s: _assessment(s, **DISSEMINATION)),
    UseCase(
        "plan.change_dissemination",
        Role.EDITOR,
        lambda s: {"item": _plan_item(s, "dissemination"), **DISSEMINATION, "done": True},
    ),
    UseCase("plan.remove_plan_item", Role.EDITOR, lambda s: {"item": _plan_item(s, "member")}),
    UseCase(
        "assessments.create_assessment",
        None,
        lambda s: {
            "title": "Another",
            "area_name": "Otherton",
            "ons_code": "E06000097",
            "start_year": 2025,
        },
        actor_keyword="user",
    ),
    UseCase(
        "assessments.update_assessment",
        Role.LEAD,
        lambda s: _assessment(s, title="Renamed", start_year=2025, end_year=2026),
    ),
    UseCase(
        "assessments.add_member",
        Role.LEAD,
        lambda s: _assessment(s, email="added@example.nhs.uk", full_name="A", role="viewer"),
    ),
    UseCase("assessments.new_link", Role.LEAD, lambda s: {"membership": s.pending}),
    UseCase(
        "assessments.change_role",
        Role.LEAD,
        lambda s: {"membership": s.membership(s.team.viewer), "role": "editor"},
    ),
    UseCase(
        "assessments.remove_member",
        Role.LEAD,
        lambda s: {"membership": s.membership(s.team.viewer)},
    ),
    UseCase(
        "assessments.editions.publish_edition",
        Role.LEAD,
        lambda s: _assessment(s, confirm_title=s.assessment.title),
    ),
    UseCase(
        "assessments.editions.start_next_edition",
        Role.LEAD,
        lambda s: {"assessment": s.published},
    ),
    UseCase(
        "assessments.set_progress",
        Role.EDITOR,
        lambda s: _assessment(s, workstream="workforce", progress="done"),
    ),
    UseCase(
        "population.save_scenario",
        Role.EDITOR,
        lambda s: _assessment(s, name="Another", notes="", **s.estimate()),
    ),
    UseCase("population.choose_scenario", Role.EDITOR, lambda s: {"scenario": s.scenario}),
    UseCase("population.delete_scenario", Role.EDITOR, lambda s: {"scenario": s.scenario}),
    UseCase("surveys.start_survey", Role.LEAD, lambda s: _assessment(s, kind="parents")),
    UseCase(
        "surveys.edit_instrument",
        Role.LEAD,
        lambda s: {"survey": s.survey, "yaml_text": s.survey.instrument_yaml + "\n# edited\n"},
    ),
    UseCase(
        "surveys.upload_export",
        Role.EDITOR,
        lambda s: {"survey": s.survey, "file_name": "d.csv", "content": MORE},
    ),
    UseCase("surveys.save_mapping", Role.EDITOR, lambda s: s.mapping()),
    UseCase("surveys.discard_upload", Role.EDITOR, lambda s: {"upload": s.upload}),
    UseCase(
        "surveys.import_file",
        Role.EDITOR,
        lambda s: {"survey": s.survey, "content": MORE, "file_name": "e.csv"},
    ),
    UseCase("surveys.import_upload", Role.EDITOR, lambda s: {"upload": s.upload}),
    UseCase(
        "surveys.store_responses",
        Role.EDITOR,
        lambda s: {
            "survey": s.survey,
            "responses": s.responses(),
            "file_name": "c.csv",
            "export_format": "CSV",
        },
    ),
    UseCase("surveys.delete_import", Role.EDITOR, lambda s: {"batch": s.batch}),
    UseCase(
        "surveys.star_finding",
        Role.EDITOR,
        lambda s: {"survey": s.survey, "question_id": s.question},
    ),
    UseCase(
        "surveys.unstar_finding",
        Role.EDITOR,
        lambda s: {"survey": s.survey, "question_id": s.question},
    ),
    UseCase("reports.set_disclosure", Role.EDITOR, lambda s: _assessment(s, disclosure="off")),
    UseCase("reports.start_build", Role.EDITOR, lambda s: _assessment(s)),
    UseCase(
        "reports.start_build",
        Role.LEAD,
        lambda s: _assessment(s, publish=True),
        label="publish",
    ),
    UseCase(
        "reports.build_now", Role.LEAD, lambda s: _assessment(s, publish=True), label="publish"
    ),
    UseCase(
        "reports.record_download",
        Role.VIEWER,
        lambda s: {"build": s.build, "format_name": "html"},
    ),
    UseCase(
        "reports.export_report",
        Role.VIEWER,
        lambda s: _assessment(s, formats=("html",), out=s.tmp_path / "out"),
    ),
    UseCase(
        "servicemap.import_services",
        Role.EDITOR,
        lambda s: _assessment(s, kind="oruk_file", source_name="Sample feed", read=_feed()),
    ),
    UseCase(
        "servicemap.decide_triage",
        Role.EDITOR,
        lambda s: _assessment(s, confirmed=[s.service.pk], left_out=[]),
    ),
    UseCase(
        "servicemap.classify_service",
        Role.EDITOR,
        lambda s: {"service": s.service, "levels": ["targeted"], "focus": "additional"},
    ),
    UseCase("servicemap.add_service", Role.EDITOR, lambda s: _assessment(s, name="Another")),
    UseCase(
        "servicemap.mark_sector",
        Role.EDITOR,
        lambda s: _assessment(s, sector="voluntary", without_service=True),
    ),
    UseCase(
        "servicemap.locate_services",
        Role.EDITOR,
        lambda s: _assessment(s, lookup=_postcodes(), by="ONS Postcode Directory"),
    ),
    UseCase("servicemap.export_register", Role.VIEWER, lambda s: _assessment(s, file_format="csv")),
    UseCase(
        "surveys.representativeness.set_population_comparison",
        Role.EDITOR,
        lambda s: {
            "survey": s.parents_survey,
            "question_id": "area",
            "file_name": "wards.csv",
            "content": POPULATION,
        },
    ),
    UseCase(
        "surveys.representativeness.remove_population_comparison",
        Role.EDITOR,
        lambda s: {"survey": s.parents_survey, "question_id": "area"},
    ),
    UseCase(
        "surveys.representativeness.set_targets",
        Role.LEAD,
        lambda s: {"survey": s.parents_survey, "proportional_total": 40},
    ),
    UseCase(
        "population.add_official_file",
        Role.LEAD,
        lambda s: _assessment(
            s,
            stream=io.BytesIO(b"not an official file"),
            name="notes.csv",
            source="typed by hand",
            kind=None,
            folder=s.tmp_path / "official",
        ),
    ),
    UseCase(
        "reports.save_narrative",
        Role.EDITOR,
        lambda s: _assessment(s, part="executive-summary", text="The team's summary."),
    ),
    UseCase("reports.cancel_build", Role.EDITOR, lambda s: _assessment(s)),
    UseCase(
        "surveys.store_upload",
        Role.EDITOR,
        lambda s: {"upload": s.upload, "result": _read_upload(s.upload)},
    ),
    UseCase(
        "recommendations.create_recommendation",
        Role.EDITOR,
        lambda s: _assessment(s, category=TRAINING, title="Another", text="Another one"),
    ),
    UseCase(
        "recommendations.update_recommendation",
        Role.EDITOR,
        lambda s: {
            "recommendation": s.recommendation,
            "category": "Developing universal services",
            "title": "Renamed",
            "text": "Changed",
            "status": "agreed",
        },
    ),
    UseCase(
        "recommendations.move_recommendation",
        Role.EDITOR,
        lambda s: {"recommendation": s.second_recommendation, "up": True},
    ),
    UseCase(
        "recommendations.delete_recommendation",
        Role.EDITOR,
        lambda s: {"recommendation": s.recommendation},
    ),
    UseCase("recommendations.add_category", Role.EDITOR, lambda s: _assessment(s, name="New")),
    UseCase(
        "recommendations.rename_category",
        Role.EDITOR,
        lambda s: {"category": s.category, "name": "Renamed category"},
    ),
    UseCase("recommendations.remove_category", Role.EDITOR, lambda s: {"category": s.category}),
    UseCase(
        "recommendations.cite_evidence",
        Role.EDITOR,
        lambda s: {"recommendation": s.recommendation, "key": s.evidence_key},
    ),
    UseCase("recommendations.remove_citation", Role.EDITOR, lambda s: {"citation": s.citation}),
    UseCase(
        "recommendations.import_register",
        Role.EDITOR,
        lambda s: _assessment(s, content=REGISTER, file_name="register.csv"),
    ),
    UseCase(
        "recommendations.consultation.open_round",
        Role.LEAD,
        lambda s: _assessment(s, closes_on=date.max, recommendation_ids=[s.recommendation.pk]),
    ),
    UseCase(
        "recommendations.consultation.close_round",
        Role.LEAD,
        lambda s: {"consultation": s.consultation},
    ),
    UseCase(
        "recommendations.consultation.respond",
        Role.CONSULTEE,
        lambda s: s.consulted(rating=4, comment="Agree"),
        only=True,
    ),
    UseCase(
        "recommendations.consultation.record_change_made",
        Role.EDITOR,
        lambda s: s.consulted(note="Reworded after the consultation"),
    ),
    UseCase(
        "interviews.add_participant",
        Role.EDITOR,
        lambda s: _assessment(s, pseudonym="P02", group="practitioner"),
    ),
    UseCase("interviews.store_transcript", Role.EDITOR, lambda s: s.transcript_arguments()),
    UseCase("interviews.read_transcript", Role.VIEWER, lambda s: {"transcript": s.transcript}),
    UseCase(
        "interviews.search_transcripts",
        Role.VIEWER,
        lambda s: {"assessment": s.transcript.assessment, "text": "clinic"},
    ),
    UseCase("interviews.delete_transcript", Role.LEAD, lambda s: {"transcript": s.transcript}),
    UseCase(
        "interviews.import_codebook",
        Role.EDITOR,
        lambda s: _assessment(s, codebook=_codebook(), file_name="codebook.csv"),
    ),
    UseCase("interviews.export_codebook", Role.VIEWER, lambda s: _assessment(s, file_format="csv")),
    UseCase("interviews.add_category", Role.EDITOR, lambda s: _assessment(s, name="Another")),
    UseCase(
        "interviews.save_theme",
        Role.EDITOR,
        lambda s: {"category": s.interview_category, "name": "Another theme"},
    ),
    UseCase(
        "interviews.save_theme",
        Role.EDITOR,
        lambda s: {"category": s.interview_category, "name": "Renamed", "theme": s.theme},
        label="change",
    ),
    UseCase("interviews.delete_theme", Role.LEAD, lambda s: {"theme": s.theme}),
    UseCase(
        "interviews.code_excerpt",
        Role.EDITOR,
        lambda s: {
            "transcript": s.transcript,
            "start": CLINIC[0],
            "end": CLINIC[1],
            "theme_ids": [s.theme.pk],
        },
    ),
    UseCase(
        "interviews.change_excerpt",
        Role.EDITOR,
        lambda s: {
            "excerpt": s.excerpt,
            "theme_ids": [s.theme.pk],
            "memo": "Felt supported",
            "quote": True,
        },
    ),
    UseCase("interviews.remove_excerpt", Role.EDITOR, lambda s: {"excerpt": s.excerpt}),
    UseCase(
        "interviews.start_transcript_import",
        Role.EDITOR,
        lambda s: {
            "participant": s.participant,
            "title": "Second interview",
            "file_name": "second.txt",
            "content": INTERVIEW.encode(),
        },
    ),
    UseCase(
        "interviews.accept_transcript_import",
        Role.EDITOR,
        lambda s: {"job": s.transcript_import, "accepted": []},
    ),
    UseCase(
        "interviews.cancel_transcript_import", Role.EDITOR, lambda s: {"job": s.transcript_import}
    ),
    UseCase(
        "interviews.code_answer",
        Role.EDITOR,
        lambda s: _assessment(s, answer_key=s.written_answer, theme_ids=[s.theme.pk]),
    ),
    UseCase("interviews.uncode_answer", Role.EDITOR, lambda s: {"coding": s.answer_coding}),
    UseCase(
        "interviews.merge_coding",
        Role.LEAD,
        lambda s: _assessment(s, coder_id=s.excerpt.coder_id),
    ),
]
