"""Writing the report's summary and commentary in the web app: saved, audited, escaped,
with live figures and a warning when a cited figure has changed since the text was saved."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from pairsight.assessments.models import AuditEvent
from pairsight.population.actions import choose_scenario, save_scenario
from pairsight.population.demo import demo_inputs
from pairsight.population.estimate import estimate
from pairsight.population.forms import NeedForms, inputs_query
from pairsight.reports import queries
from pairsight.reports.demo import add_demo_narrative
from pairsight.reports.models import Narrative

SUMMARY = "Unmet need is {{ figure:unmet_need }} families a year."


def _edit_url(assessment: Any, part: str = "executive-summary") -> str:
    return reverse("reports:narrative_edit", kwargs={"assessment_id": assessment.pk, "part": part})


def _demo_user(demo: Any) -> Any:
    return get_user_model().objects.get(username=demo.username)


def _choose_children(demo: Any, children: str) -> None:
    values = demo_inputs()
    values["children"] = children
    forms = NeedForms(inputs_query(values))
    inputs = forms.population_inputs(area_name="Birmingham", area_code="E08000025")
    assert inputs is not None
    user = _demo_user(demo)
    scenario = save_scenario(
        actor=user,
        assessment=demo.assessment,
        name=f"{children} children",
        notes="",
        inputs=forms.stored_inputs(),
        result=estimate(inputs),
    )
    choose_scenario(actor=user, scenario=scenario)


def test_a_saved_summary_shows_the_current_figure_and_warns_when_it_moves(
    demo: Any, client_for: Any
) -> None:
    client = client_for(_demo_user(demo))
    response = client.post(_edit_url(demo.assessment), {"text": SUMMARY, "save": "1"})
    assert response.status_code == 302
    saved = Narrative.objects.get(assessment=demo.assessment, part="executive-summary")
    assert saved.cited == {"unmet_need": "2,420"}
    event = AuditEvent.objects.filter(action="report text saved").latest("pk")
    assert event.after["text"] == SUMMARY
    report = queries.assessment_report(demo.assessment)
    assert report.sections[0].heading == "Executive summary"
    assert "2,420 families a year" in report.sections[0].blocks[0].text  # type: ignore[union-attr]

    # 20,000 children with the same inputs: 20,000 x 0.2 x 7/20 + 20,000 x 0.3 x 2/30
    # = 1,400 + 400 = 1,800 specialised, minus 340 seen = 1,460 unmet.
    _choose_children(demo, "20000")
    report = queries.assessment_report(demo.assessment)
    assert "1,460 families a year" in report.sections[0].blocks[0].text  # type: ignore[union-attr]
    editor = client.get(_edit_url(demo.assessment)).content.decode()
    assert "Unmet specialised need was 2,420 when this text was written and is now 1,460" in (
        editor
    )
    listing = client.get(
        reverse("reports:narrative", kwargs={"assessment_id": demo.assessment.pk})
    ).content.decode()
    assert "A figure in this text has changed" in listing


def test_an_unknown_figure_is_refused_and_nothing_changes(demo: Any, client_for: Any) -> None:
    client = client_for(_demo_user(demo))
    client.post(_edit_url(demo.assessment), {"text": "First text.", "save": "1"})
    events = AuditEvent.objects.count()
    response = client.post(
        _edit_url(demo.assessment), {"text": "{{ figure:made_up }}", "save": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "{{ figure:made_up }} is not a figure of this report" in html
    assert Narrative.objects.get(part="executive-summary").text == "First text."
    assert AuditEvent.objects.count() == events


def test_the_preview_escapes_html_and_saves_nothing(demo: Any, client_for: Any) -> None:
    client = client_for(_demo_user(demo))
    response = client.post(
        _edit_url(demo.assessment),
        {"text": "<script>alert(1)</script> {{ figure:unmet_need }}", "preview": "1"},
    )
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 2,420" in html
    assert "<script>alert(1)" not in html
    assert not Narrative.objects.exists()


def test_a_viewer_reads_the_list_but_cannot_write(team: Any, client_for: Any) -> None:
    client = client_for(team.viewer)
    listing = reverse("reports:narrative", kwargs={"assessment_id": team.assessment.pk})
    assert client.get(listing).status_code == 200
    assert client.post(_edit_url(team.assessment), {"text": "x"}).status_code == 403
    assert not Narrative.objects.exists()


def test_the_demo_example_is_labelled_as_an_example(demo: Any, client_for: Any) -> None:
    add_demo_narrative(demo.assessment)
    report = queries.assessment_report(demo.assessment)
    assert report.sections[0].blocks[0].title == "Example text"  # type: ignore[union-attr]
    html = client_for(_demo_user(demo)).get(_edit_url(demo.assessment)).content.decode()
    assert "Example text" in html
