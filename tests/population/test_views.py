"""The population-need page: the estimate, in-place updates, errors, scenarios and exports."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from pairsight.assessments.models import AuditEvent, WorkstreamStatus
from pairsight.population.demo import demo_inputs
from pairsight.population.models import Scenario


def _url(name: str, assessment: Any, **kwargs: Any) -> str:
    return reverse(f"population:{name}", kwargs={"assessment_id": assessment.pk, **kwargs})


def _query(**changes: str) -> str:
    inputs = demo_inputs()
    inputs.update(changes)
    return urlencode(inputs)


def _figure(html: str, key: str) -> str:
    match = re.search(rf'data-figure="{key}">([^<]+)<', html)
    assert match, f"no figure {key}"
    return match.group(1)


def _row(html: str, pathway: str) -> list[str]:
    row = re.search(rf'data-pathway="{pathway}">(.*?)</tr>', html, re.S)
    assert row, f"no row {pathway}"
    return re.findall(r'app-table__number">([^<]*)<', row.group(1))


def test_the_demo_page_shows_the_published_birmingham_figures(demo: Any, client_for: Any) -> None:
    html = client_for_demo(client_for, demo).get(_url("page", demo.assessment)).content.decode()
    assert _figure(html, "unmet_need") == "2,420"
    assert _figure(html, "specialised_need") == "2,760"
    assert _figure(html, "capacity") == "340"
    assert _row(html, "universal") == ["50%", "15,336"]
    assert _row(html, "insecure_unlikely_to_access") == ["20%", "6,134"]
    assert _row(html, "disorganised_social_care") == ["13%", "3,987"]
    assert _row(html, "targeted") == ["8%", "2,454"]
    assert _row(html, "shorter_term_pair") == ["2%", "613"]
    assert _row(html, "longer_term_pair") == ["7%", "2,147"]
    assert "Nearly 50% of children aged two and under in Birmingham" in html
    assert "Perinatal mental health service: 340 families a year" in html, "provenance"


def client_for_demo(client_for: Any, demo: Any) -> Any:
    from django.contrib.auth import get_user_model

    return client_for(get_user_model().objects.get(username=demo.username))


def test_an_htmx_update_returns_only_the_workspace(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    response = client.get(
        _url("page", demo.assessment) + "?" + _query(children="10000"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.startswith('<div id="workspace"')
    assert "<html" not in html
    assert _row(html, "universal") == ["50%", "5,000"]
    assert _figure(html, "unmet_need") == "560"
    # The chart carries the same numbers as the table.
    assert "&quot;label&quot;:&quot;5,000&quot;" in html


def test_a_negative_population_is_explained_and_no_estimate_is_shown(
    demo: Any, client_for: Any
) -> None:
    client = client_for_demo(client_for, demo)
    html = client.get(_url("page", demo.assessment) + "?" + _query(children="-5")).content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_children">Number of children must be 0 or more</a>' in html
    assert 'id="id_children-error"' in html
    assert 'value="-5"' in html, "the wrong value stays in the field to be corrected"
    assert 'data-figure="unmet_need"' not in html
    assert "Save scenario" not in html


def test_each_bad_input_names_its_field(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    query = _query(
        children="many",
        preset="made-up",
        caseload_per_wte="0",
        disorganised_social_care="0",
        disorganised_longer_term_pair="0",
        **{"capacity-0-families_per_year": "-3"},
    )
    html = client.get(_url("page", demo.assessment) + "?" + query).content.decode()
    assert "Number of children must be a whole number, like 30,672" in html
    assert "Select one of the distributions listed" in html
    assert "Families per practitioner must be more than 0" in html
    assert "The disorganised parts cannot all be 0" in html
    assert "Service 1: families seen a year must be a whole number, 0 or more" in html


def test_a_service_needs_both_a_name_and_a_number(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    query = _query(**{"capacity-0-name": "", "capacity-0-families_per_year": "20"})
    html = client.get(_url("page", demo.assessment) + "?" + query).content.decode()
    assert "Service 1: enter the name of the service" in html


def test_weighting_by_deprivation(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    query = _query(method="deprivation", deprived_children="15336")
    html = client.get(_url("page", demo.assessment) + "?" + query).content.decode()
    assert "Weighted by deprivation (50% of children" in html
    too_many = _query(method="deprivation", deprived_children="40000")
    html = client.get(_url("page", demo.assessment) + "?" + too_many).content.decode()
    assert "cannot be more than the number of children (30,672)" in html


def test_adding_a_service_row(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    html = client.get(
        _url("page", demo.assessment) + "?" + _query(add_service="1")
    ).content.decode()
    assert 'name="capacity-1-name"' in html
    assert 'name="capacity-TOTAL_FORMS" value="2"' in html


def test_saving_a_scenario_records_its_inputs_and_result(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    response = client.post(
        _url("save", demo.assessment),
        {"name": "Ten thousand", "notes": "A test", "inputs": _query(children="10000")},
    )
    scenario = Scenario.objects.get(name="Ten thousand")
    assert response["Location"] == _url("scenario", demo.assessment, scenario_id=scenario.pk)
    assert scenario.inputs["children"] == "10000"
    assert scenario.result["unmet_need"]["value"] == 560
    assert scenario.result["schema"] == "pairsight.need/1"
    event = AuditEvent.objects.get(action="scenario saved", object_id=str(scenario.pk))
    assert event.after["unmet_need"] == 560


def test_a_scenario_name_must_be_new_and_nothing_is_saved(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    before = Scenario.objects.count()
    response = client.post(
        _url("save", demo.assessment),
        {"name": "birmingham 2022 AS PUBLISHED", "inputs": _query(children="10000")},
    )
    assert b"There is already a scenario called" in response.content
    assert Scenario.objects.count() == before


def test_a_scenario_with_invalid_inputs_is_not_saved(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    before = Scenario.objects.count()
    response = client.post(
        _url("save", demo.assessment), {"name": "Broken", "inputs": _query(children="-1")}
    )
    assert b"cannot be saved until the inputs are corrected" in response.content
    assert Scenario.objects.count() == before


def test_comparing_scenarios_side_by_side(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    client.post(_url("save", demo.assessment), {"name": "Ten", "inputs": _query(children="10000")})
    ids = [s.pk for s in Scenario.objects.order_by("name")]
    html = client.get(
        _url("compare", demo.assessment) + "?" + urlencode([("scenario", i) for i in ids])
    ).content.decode()
    assert "Compare scenarios" in html
    row = re.search(r"Unmet specialised need.*?</tr>", html, re.S)
    assert row and re.findall(r'nhsuk-table__cell">([^<]*)<', row.group(0)) == ["2,420", "560"]
    one = client.get(_url("compare", demo.assessment) + f"?scenario={ids[0]}").content.decode()
    assert "Select at least 2 scenarios to compare" in one


def test_choosing_a_scenario_feeds_the_dashboard(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    client.post(_url("save", demo.assessment), {"name": "Ten", "inputs": _query(children="10000")})
    ten = Scenario.objects.get(name="Ten")
    client.post(_url("choose", demo.assessment, scenario_id=ten.pk))
    assert Scenario.objects.get(is_chosen=True, assessment=demo.assessment) == ten
    status = WorkstreamStatus.objects.get(assessment=demo.assessment, workstream="population")
    assert (status.headline_label, status.headline_value) == ("Unmet specialised need", "560")
    dashboard = client.get(
        reverse("assessments:dashboard", kwargs={"assessment_id": demo.assessment.pk})
    )
    assert b"560" in dashboard.content
    event = AuditEvent.objects.get(action="scenario chosen", object_id=str(ten.pk))
    assert event.before == {"chosen": "Birmingham 2022 as published"}


def test_the_page_opens_on_the_chosen_scenario(demo: Any, client_for: Any) -> None:
    html = client_for_demo(client_for, demo).get(_url("page", demo.assessment)).content.decode()
    assert "These are the inputs of the saved scenario" in html
    assert 'name="children" type="text" value="30672"' in html


def test_deleting_the_chosen_scenario_clears_the_dashboard_figure(
    demo: Any, client_for: Any
) -> None:
    client = client_for_demo(client_for, demo)
    chosen = Scenario.objects.get(is_chosen=True)
    assert (
        b"Delete the scenario"
        in client.get(_url("delete", demo.assessment, scenario_id=chosen.pk)).content
    )
    client.post(_url("delete", demo.assessment, scenario_id=chosen.pk))
    assert not Scenario.objects.filter(pk=chosen.pk).exists()
    status = WorkstreamStatus.objects.get(assessment=demo.assessment, workstream="population")
    assert status.headline_value == ""
    event = AuditEvent.objects.get(action="scenario deleted")
    assert event.before["inputs"]["children"] == "30672"


def test_downloading_a_scenario_is_recorded(demo: Any, client_for: Any) -> None:
    client = client_for_demo(client_for, demo)
    chosen = Scenario.objects.get(is_chosen=True)
    response = client.get(_url("download", demo.assessment, scenario_id=chosen.pk))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    unmet = next(r for r in rows if r["key"] == "unmet_need")
    assert unmet["value"] == "2420"
    export = AuditEvent.objects.get(kind="export")
    assert (
        export.summary == "Downloaded the population scenario Birmingham 2022 as published as CSV"
    )


def test_viewers_can_explore_but_not_save(team: Any, client_for: Any) -> None:
    client = client_for(team.viewer)
    html = client.get(
        _url("page", team.assessment) + "?" + _query(children="10000")
    ).content.decode()
    assert _figure(html, "unmet_need") == "560"
    assert "Save scenario" not in html
    response = client.post(
        _url("save", team.assessment), {"name": "Mine", "inputs": _query(children="10000")}
    )
    assert response.status_code == 403
    assert not Scenario.objects.filter(name="Mine").exists()


def test_a_fresh_assessment_asks_for_the_number_of_children(team: Any, client_for: Any) -> None:
    html = client_for(team.lead).get(_url("page", team.assessment)).content.decode()
    assert "Enter the number of children to see the estimate" in html
    assert "There is a problem" not in html


def test_a_lead_adds_an_official_file_and_it_is_audited(
    team: Any, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PAIRSIGHT_OFFICIAL_DATA_DIR = tmp_path / "official"
    fixture = (
        Path(__file__).resolve().parents[1] / "officialdata/fixtures/mye2_persons_synthetic.xlsx"
    )
    url = _url("official_data", team.assessment)
    # An editor may not add files for the whole server.
    assert client_for(team.editor).get(url).status_code == 403
    client = client_for(team.lead)
    bad = client.post(
        url,
        {"file": SimpleUploadedFile("notes.csv", b"just,a,note\n"), "source": "my desk"},
    )
    assert bad.status_code == 400
    assert "notes.csv is not one of the official files PAIRsight reads" in bad.content.decode()
    assert not (tmp_path / "official" / "notes.csv").exists()
    assert not AuditEvent.objects.filter(action="official data added").exists()
    good = client.post(
        url,
        {
            "file": SimpleUploadedFile(fixture.name, fixture.read_bytes()),
            "source": "https://www.ons.gov.uk/example",
        },
    )
    assert good.status_code == 302
    assert (tmp_path / "official" / fixture.name).read_bytes() == fixture.read_bytes()
    event = AuditEvent.objects.get(action="official data added")
    assert event.actor == team.lead and event.after["source"] == "https://www.ons.gov.uk/example"


def test_the_scenario_list_shows_counts_with_separators_and_compare_needs_a_choice(
    demo: Any, client_for: Any
) -> None:
    client = client_for_demo(client_for, demo)
    listing = client.get(_url("scenarios", demo.assessment)).content.decode()
    assert "30,672 children, unmet specialised need 2,420" in listing
    compared = client.get(_url("compare", demo.assessment)).content.decode()
    assert "Select at least 2 scenarios to compare" in compared
    assert "This field is required" not in compared


def test_a_downloaded_scenario_starts_no_cell_with_a_formula(team: Any, client_for: Any) -> None:
    """Service names typed as formulas: the CSV carries their total, never a live formula
    (the names themselves stay in the stored inputs; every cell is neutralised anyway)."""
    from pairsight.population.actions import save_scenario
    from pairsight.population.estimate import estimate
    from pairsight.population.forms import NeedForms, inputs_query

    services = ['=HYPERLINK("http://evil.example","Open")', "@SUM(1+1)*cmd|' /C calc'!A0"]
    inputs = demo_inputs()
    inputs.update(
        {
            "capacity-TOTAL_FORMS": "2",
            "capacity-0-name": services[0],
            "capacity-0-families_per_year": "100",
            "capacity-1-name": services[1],
            "capacity-1-families_per_year": "40",
        }
    )
    forms = NeedForms(inputs_query(inputs))
    population = forms.population_inputs(area_name="Testshire", area_code="E06000099")
    assert forms.is_valid() and population is not None
    scenario = save_scenario(
        actor=team.editor,
        assessment=team.assessment,
        name="-1+1 services",
        notes="",
        inputs=forms.stored_inputs(),
        result=estimate(population),
    )
    response = client_for(team.viewer).get(
        _url("download", team.assessment, scenario_id=scenario.pk)
    )
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "@", "\t", "\r"}]
    # 100 + 40 families a year are the existing capacity, still a number.
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert next(r for r in rows if r["key"] == "capacity")["value"] == "140"
