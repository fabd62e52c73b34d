"""Access rules, checked on every URL the project defines (generated from the URL configuration).

A URL added later is covered automatically. Access is decided before a view looks anything
up, so a parameter these tests have no real object for gets a placeholder of the right type;
only the check that leads can open every page needs real objects, and it says which
parameter to add to `_sample_values` when one is missing.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, converters, get_resolver, reverse

from pairsight.assessments import actions
from pairsight.assessments.models import Membership, Role

from . import use_cases
from .use_cases import NOT_USE_CASES, USE_CASES

# The access matrix is Python deciding before any query: it runs in the SQLite pass only.
pytestmark = pytest.mark.any_database

# Pages anyone may open without signing in.
PUBLIC = {"login", "set_password"}


@dataclass(frozen=True)
class Route:
    name: str
    parameters: tuple[str, ...]
    placeholders: tuple[tuple[str, object], ...] = ()
    methods: frozenset[str] | None = None  # what the view's decorators allow (None: any)

    @property
    def in_assessment(self) -> bool:
        return "assessment_id" in self.parameters


def _allowed_methods(view: Any) -> frozenset[str] | None:
    """The methods a view accepts, read from Django's require_http_methods in its wrappers."""
    while view is not None:
        if view.__closure__:
            allowed = inspect.getclosurevars(view).nonlocals.get("request_method_list")
            if allowed is not None:
                return frozenset(allowed)
        view = getattr(view, "__wrapped__", None)
    return None


def _placeholder(converter: object) -> object:
    if isinstance(converter, converters.IntConverter):
        return 999_999
    if isinstance(converter, converters.UUIDConverter):
        return uuid.UUID(int=0)
    return "sample"


def _walk(
    patterns: list[Any],
    namespace: str = "",
    inherited: tuple[tuple[str, object], ...] = (),
) -> Iterator[Route]:
    for entry in patterns:
        found = inherited + tuple(
            (name, _placeholder(converter)) for name, converter in entry.pattern.converters.items()
        )
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            methods = _allowed_methods(entry.callback)
            yield Route(name, tuple(p for p, _ in found), found, methods)


ROUTES = sorted(_walk(get_resolver().url_patterns), key=lambda r: r.name)
ROUTE_IDS = [r.name or "(unnamed)" for r in ROUTES]


def _sample_values(team: Any) -> dict[str, Any]:
    from pairsight.population.actions import save_scenario
    from pairsight.population.demo import demo_inputs
    from pairsight.population.estimate import estimate
    from pairsight.population.forms import NeedForms, inputs_query

    assessment = team.assessment
    forms = NeedForms(inputs_query(demo_inputs()))
    inputs = forms.population_inputs()
    assert forms.is_valid() and inputs is not None
    scenario = save_scenario(
        actor=team.lead,
        assessment=assessment,
        name="Sample",
        notes="",
        inputs=forms.stored_inputs(),
        result=estimate(inputs),
    )
    pending = actions.add_member(
        actor=team.lead,
        assessment=assessment,
        email="new.person@example.nhs.uk",
        full_name="New Person",
        role="viewer",
    )
    survey_values = _survey_sample_values(team)
    recommendation_values = _recommendation_sample_values(team)
    return {
        **survey_values,
        **_service_sample_values(team),
        **recommendation_values,
        **_interview_sample_values(team),
        **_backup_sample_values(team),
        **_plan_sample_values(team),
        "assessment_id": assessment.pk,
        "scenario_id": scenario.pk,
        "membership_id": Membership.objects.get(assessment=assessment, user=team.editor).pk,
        "workstream": "population",
        "token": pending.token,
        "part": "executive-summary",
    }


def _survey_sample_values(team: Any) -> dict[str, Any]:
    """A started survey with one import and one file waiting on its matching screen."""
    from pairsight.surveys import actions as survey_actions
    from pairsight.surveys import tasks as survey_tasks

    survey = survey_actions.start_survey(
        actor=team.lead, assessment=team.assessment, kind="workforce"
    )
    export = (
        b"What is your profession?,Which best describes your role?\n"
        b"Midwife,Practitioner\nGP,Manager or supervisor\n"
    )
    imported = survey_actions.import_file(
        actor=team.lead, survey=survey, content=export, file_name="sample.csv"
    )
    imported_later = survey_actions.upload_export(
        actor=team.lead, survey=survey, file_name="sample.csv", content=export
    )
    job = survey_tasks.start_import(actor=team.lead, upload=imported_later)
    waiting = survey_actions.upload_export(
        actor=team.lead, survey=survey, file_name="sample.csv", content=export
    )
    assert imported.batch is not None
    return {
        "kind": survey.kind,
        "batch_id": imported.batch.pk,
        "upload_id": waiting.pk,
        "question_id": "profession",
        "job_id": job.pk,
    }


def _backup_sample_values(team: Any) -> dict[str, Any]:
    """A backup made from the web, waiting to be downloaded."""
    from pairsight.assessments.backup import jobs as backup_jobs

    job = backup_jobs.start_backup(actor=team.lead, assessment=team.assessment)
    return {"assessments:job_id": job.pk}


def _service_sample_values(team: Any) -> dict[str, Any]:
    """One service, added by hand, an import of a feed, and the register's export format."""
    from pairsight.servicemap import actions as service_actions
    from pairsight.servicemap import tasks as service_tasks

    service = service_actions.add_service(
        actor=team.lead, assessment=team.assessment, name="Sample baby group", postcode="BS1 5TR"
    )
    feed = service_tasks.FeedRequest(
        name="feed.json", content=b'[{"id": "s-1", "name": "Baby clinic"}]'
    )
    job = service_tasks.start_feed_import(actor=team.lead, assessment=team.assessment, request=feed)
    return {
        "service_id": service.pk,
        "servicemap:file_format": "csv",
        "import_id": job.pk,
    }


def _recommendation_sample_values(team: Any) -> dict[str, Any]:
    """A recommendation citing the first finding on offer (the sample survey's)."""
    from pairsight.core import citable
    from pairsight.recommendations import actions as recommendation_actions
    from pairsight.recommendations.consultation.actions import open_round

    recommendation = recommendation_actions.create_recommendation(
        actor=team.lead,
        assessment=team.assessment,
        category="Training the workforce",
        title="Sample",
        text="Sample recommendation",
    )
    citation = recommendation_actions.cite_evidence(
        actor=team.lead, recommendation=recommendation, key=citable.offered(team.assessment)[0].key
    )
    consultation = open_round(actor=team.lead, assessment=team.assessment, closes_on=date.max)
    return {
        "round_id": consultation.pk,
        "recommendation_id": recommendation.pk,
        "citation_id": citation.pk,
        "category_id": recommendation.category_id,
        "recommendations:file_format": "xlsx",
    }


def _interview_sample_values(team: Any) -> dict[str, Any]:
    """A participant's redacted transcript, a theme and one coded excerpt."""
    from pairsight.interviews import actions as interview_actions
    from pairsight.interviews.codebook import Category, Codebook, Theme

    participant = interview_actions.add_participant(
        actor=team.lead, assessment=team.assessment, pseudonym="P01", group="parent"
    )
    transcript = interview_actions.store_transcript(
        actor=team.lead,
        participant=participant,
        title="Interview 1",
        source_format="Plain text",
        text="Interviewer: How was it?\n\nParent: Hard at first.",
        accepted=[],
    )
    interview_actions.import_codebook(
        actor=team.lead,
        assessment=team.assessment,
        codebook=Codebook((Category("Barriers for families", themes=(Theme("Fear"),)),)),
    )
    theme = transcript.assessment.interview_categories.get().themes.get()
    excerpt = interview_actions.code_excerpt(
        actor=team.lead, transcript=transcript, start=0, end=11, theme_ids=[theme.pk]
    )
    # A written survey answer to code with the codebook.
    from pairsight.core import codable
    from pairsight.surveys import actions as survey_actions

    parents = survey_actions.start_survey(
        actor=team.lead, assessment=team.assessment, kind="parents"
    )
    survey_actions.import_file(
        actor=team.lead,
        survey=parents,
        content=b"Is there anything else you would like to tell us about support for you and "
        b"your baby?\nMore groups near home\n",
        file_name="parents.csv",
    )
    return {
        "answer_key": codable.answers(team.assessment.pk)[0].key,
        "transcript_id": transcript.pk,
        "theme_id": theme.pk,
        "excerpt_id": excerpt.pk,
        "passage_id": transcript.passages.first().pk,
        "interviews:file_format": "qdc",
        "import_id": interview_actions.start_transcript_import(
            actor=team.lead,
            participant=participant,
            title="Interview 2",
            file_name="two.txt",
            content=b"Interviewer: How was it?",
        ).pk,
    }


def _plan_sample_values(team: Any) -> dict[str, Any]:
    """A milestone of the plan (its pages add, change and remove by kind and id)."""
    import datetime

    from pairsight.plan import actions as plan_actions

    milestone = plan_actions.add_milestone(
        actor=team.lead,
        assessment=team.assessment,
        title="Kick-off",
        workstream="governance",
        due=datetime.date(2026, 1, 5),
    )
    return {"plan:kind": "milestone", "item_id": milestone.pk}


def _value(route: Route, values: dict[str, Any], parameter: str) -> Any:
    """A sample value: one given for the route's app ("interviews:file_format") comes first,
    as apps give the same parameter name different meanings."""
    app = route.name.split(":")[0]
    return values.get(f"{app}:{parameter}", values.get(parameter))


def _url(route: Route, values: dict[str, Any], *, placeholders: bool = True) -> str:
    kwargs = dict(route.placeholders) if placeholders else {}
    kwargs.update(
        {
            p: _value(route, values, p)
            for p in route.parameters
            if _value(route, values, p) is not None
        }
    )
    return reverse(route.name, kwargs=kwargs)


@pytest.fixture
def values(team: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    # A sample transcript import keeps its file in a private folder: this test's own.
    settings.PAIRSIGHT_INTERVIEW_UPLOADS_DIR = tmp_path / "interview-uploads"
    return _sample_values(team)


def test_every_url_has_a_name() -> None:
    assert all(r.name for r in ROUTES), "give every URL pattern a name so it can be tested"


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_every_url_can_be_built(route: Route, values: dict[str, Any]) -> None:
    assert _url(route, values).startswith("/")


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.name not in PUBLIC],
    ids=[r.name for r in ROUTES if r.name not in PUBLIC],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(
    route: Route, method: str, values: dict[str, Any], client: Client
) -> None:
    url = _url(route, values)
    response = getattr(client, method)(url)
    assert response.status_code == 302, f"{method.upper()} {url}"
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.in_assessment], ids=[r.name for r in ROUTES if r.in_assessment]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_assessment_pages_are_not_found_for_non_members(
    route: Route, method: str, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    client = client_for(team.outsider)
    url = _url(route, values)
    response = getattr(client, method)(url)
    assert response.status_code == 404, f"{method.upper()} {url}"
    assert b"Page not found" in response.content


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.in_assessment], ids=[r.name for r in ROUTES if r.in_assessment]
)
def test_viewers_cannot_post_anything(
    route: Route, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    from pairsight.assessments.models import AuditEvent

    client = client_for(team.viewer)
    url = _url(route, values)
    events = AuditEvent.objects.count()
    response = client.post(url, {"name": "Viewer's scenario", "role": "lead", "progress": "done"})
    assert response.status_code == 403, f"POST {url}"
    assert AuditEvent.objects.count() == events, "a refused request must change nothing"


# The only pages a consultee opens: the consultation, and each recommendation in it with its
# evidence as consultees see it (where they also post their response).
CONSULTEE_PAGES = {
    "recommendations:consultation",
    "recommendations:consultation_round",
    "recommendations:consultation_respond",
}
CONSULTEE_POSTS = {"recommendations:consultation_respond"}
REFUSED_TO_CONSULTEES = [r for r in ROUTES if r.in_assessment and r.name not in CONSULTEE_PAGES]


@pytest.mark.parametrize(
    "route", REFUSED_TO_CONSULTEES, ids=[r.name for r in REFUSED_TO_CONSULTEES]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_consultees_are_refused_every_other_assessment_page(
    route: Route, method: str, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    from pairsight.assessments.models import AuditEvent

    client = client_for(team.consultee)
    url = _url(route, values, placeholders=False)
    events = AuditEvent.objects.count()
    response = getattr(client, method)(url, **({"data": {"name": "x"}} if method == "post" else {}))
    assert response.status_code == 403, f"{method.upper()} {url}"
    assert AuditEvent.objects.count() == events, "a refused request must change nothing"


@pytest.mark.parametrize("name", sorted(CONSULTEE_PAGES))
def test_consultees_open_the_consultation_pages(
    name: str, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    route = next(r for r in ROUTES if r.name == name)
    client = client_for(team.consultee)
    response = client.get(_url(route, values, placeholders=False), follow=True)
    assert response.status_code == 200, name
    # Nothing on the page leads to the rest of the assessment.
    inside = reverse("assessments:dashboard", args=[team.assessment.pk])
    consultation = reverse("recommendations:consultation", args=[team.assessment.pk])
    links = re.findall(r'(?:href|action)="([^"]*)"', response.content.decode())
    assert links, name
    assert [link for link in links if link.startswith(inside)] != []
    assert all(link.startswith(consultation) for link in links if link.startswith(inside)), (
        f"{name}: {links}"
    )


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.name in CONSULTEE_PAGES - CONSULTEE_POSTS],
    ids=sorted(CONSULTEE_PAGES - CONSULTEE_POSTS),
)
def test_consultees_cannot_post_to_the_pages_they_read(
    route: Route, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    response = client_for(team.consultee).post(_url(route, values, placeholders=False))
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["viewer", "editor", "lead"])
def test_only_consultees_post_a_response(
    who: str, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    from pairsight.recommendations.models import ConsultationResponse

    route = next(r for r in ROUTES if r.name == "recommendations:consultation_respond")
    response = client_for(getattr(team, who)).post(
        _url(route, values, placeholders=False), {"rating": "5", "comment": "Mine"}
    )
    assert response.status_code == 403
    assert not ConsultationResponse.objects.exists()


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_posts_without_a_csrf_token_are_refused(
    route: Route, values: dict[str, Any], team: Any
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.lead)
    url = _url(route, values)
    response = client.post(url, {"name": "No token"})
    assert response.status_code == 403, f"POST {url}"
    assert b"Your form could not be sent" in response.content


def test_a_post_with_the_csrf_token_is_accepted(team: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.lead)
    url = reverse(
        "assessments:progress",
        kwargs={"assessment_id": team.assessment.pk, "workstream": "workforce"},
    )
    page = client.get(url)
    token = page.context["csrf_token"]
    response = client.post(url, {"progress": "in_progress", "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.in_assessment], ids=[r.name for r in ROUTES if r.in_assessment]
)
def test_leads_can_open_every_assessment_page(
    route: Route, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    unknown = [p for p in route.parameters if _value(route, values, p) is None]
    if unknown:
        pytest.fail(f"{route.name}: add a real sample value for {unknown} to _sample_values")
    client = client_for(team.lead)
    url = _url(route, values, placeholders=False)
    response = client.get(url)
    if route.methods is not None and "GET" not in route.methods:
        # A view declared POST-only refuses a GET and says which methods it takes.
        assert response.status_code == 405, f"GET {url}: {response.status_code}"
        assert set(response["Allow"].split(", ")) == set(route.methods)
        return
    # Everything else opens for its lead (downloads included).
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert b"</html>" in response.content or b'id="workspace"' in response.content


# Direct calls of every write use case by each kind of person ---------------------------

PEOPLE = ("anonymous", "outsider", "consultee", "viewer", "editor", "lead")
RANKS = {Role.CONSULTEE: 2, Role.VIEWER: 3, Role.EDITOR: 4, Role.LEAD: 5}


def _stored() -> list[str]:
    """Every row PAIRsight keeps, to show a refused call changed nothing."""
    from django.apps import apps
    from django.core import serializers

    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label == "auth" or m.__module__.startswith("pairsight.")
    ]
    return [serializers.serialize("json", m.objects.order_by("pk")) for m in models]


def test_every_use_case_is_listed() -> None:
    listed = {case.function for case in USE_CASES} | set(NOT_USE_CASES)
    missing = use_cases.discovered() - listed
    assert not missing, f"add these to tests/web/use_cases.py (role and arguments): {missing}"
    assert listed <= use_cases.discovered(), "a listed use case no longer exists"


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("case", USE_CASES, ids=[case.id for case in USE_CASES])
def test_every_use_case_checks_the_role_itself(
    case: use_cases.UseCase, who: str, team: Any, tmp_path: Any, settings: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404

    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"
    settings.PAIRSIGHT_INTERVIEW_UPLOADS_DIR = tmp_path / "interview-uploads"
    # Queued for a worker, not run inside the call: the role check is what is tested here.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    samples = use_cases.Samples(team, tmp_path)
    case.arguments(samples)  # make the objects first, so that only the call itself is compared
    actor = AnonymousUser() if who == "anonymous" else getattr(team, who)
    rank = PEOPLE.index(who)
    if case.role is None:
        allowed = rank >= 1
    elif case.only:
        allowed = rank == RANKS[case.role]
    else:
        allowed = rank >= RANKS[case.role]
    if allowed:
        # A ValidationError refuses for what the data says (publishing with no draft).
        with contextlib.suppress(ValidationError):
            case.call(actor, samples)
        return
    before = _stored()
    # A non-member is told the assessment does not exist; a member that the role is too low.
    expected = Http404 if who in {"anonymous", "outsider"} and case.role else PermissionDenied
    with pytest.raises(expected):
        case.call(actor, samples)
    assert _stored() == before, f"{case.id} by {who}: a refused call must change nothing"


NUMBERED = [r for r in ROUTES if any(isinstance(v, int) for _, v in r.placeholders)]


@pytest.mark.parametrize("route", NUMBERED, ids=[r.name for r in NUMBERED])
def test_a_huge_number_in_the_address_is_not_found(
    route: Route, values: dict[str, Any], team: Any, client_for: Any
) -> None:
    client = client_for(team.lead)
    for name, placeholder in route.placeholders:
        if not isinstance(placeholder, int):
            continue
        # The app's own sample value ("assessments:job_id") would win over a plain one.
        app = route.name.split(":")[0]
        huge = {**values, name: 10**30, f"{app}:{name}": 10**30}
        url = _url(route, huge)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{method.upper()} {url}"
