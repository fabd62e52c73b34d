from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pairsight.assessments.models import AuditEvent
from pairsight.servicemap import actions
from pairsight.servicemap.models import Service, ServiceLocation

from .conftest import fixture_bytes
from .test_actions import import_fixture, stored

pytestmark = pytest.mark.django_db


def url(team: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"servicemap:{name}", kwargs={"assessment_id": team.assessment.pk, **kwargs})


def confirm_all(team: Any) -> None:
    actions.decide_triage(
        actor=team.lead,
        assessment=team.assessment,
        confirmed=set(Service.objects.values_list("pk", flat=True)),
        left_out=set(),
    )


def test_uploading_a_feed_leads_to_the_triage_screen(team: Any, client_for: Any) -> None:
    client = client_for(team.editor)
    upload = SimpleUploadedFile("feed.json", fixture_bytes("oruk_v1_list_synthetic.json"))
    response = client.post(url(team, "import"), {"file": upload})
    assert response.status_code == 302 and response["Location"] == url(team, "triage")
    page = client.get(url(team, "triage"))
    content = page.content.decode()
    # Proposed services come first and are ticked.
    assert content.index("Health Visiting Service") < content.index("Memory Cafe")
    visiting = Service.objects.get(feed_id="svc-health-visiting")
    assert f'value="{visiting.pk}" checked' in content
    assert "=Lawn Bowls Club" in content  # shown as text, never a formula or markup


def test_a_bad_upload_says_why_and_stores_nothing(team: Any, client_for: Any) -> None:
    import_fixture(team)
    before = stored()
    client = client_for(team.editor)
    upload = SimpleUploadedFile("feed.json", b'{"not": "a feed"}')
    response = client.post(url(team, "import"), {"file": upload})
    assert response.status_code == 200
    assert "is a JSON object that is neither a list of services" in response.content.decode()
    # The register is as it was; the trail holds the import asked for and its failure.
    assert stored()[:-1] == before[:-1] and stored()[-1] == before[-1] + 2
    assert AuditEvent.objects.filter(action="services import failed").count() == 1


def test_the_triage_form_confirms_ticked_and_leaves_out_the_rest(
    team: Any, client_for: Any
) -> None:
    import_fixture(team)
    ids = dict(Service.objects.values_list("feed_id", "pk"))
    client = client_for(team.editor)
    client.post(
        url(team, "triage"),
        {
            "shown": f"{ids['svc-health-visiting']},{ids['svc-bowls']}",
            "confirm": [ids["svc-health-visiting"]],
        },
    )
    triage = dict(Service.objects.values_list("feed_id", "triage"))
    assert triage["svc-health-visiting"] == "confirmed"
    assert triage["svc-bowls"] == "left_out"
    assert triage["svc-dementia-cafe"] == "waiting"


def test_classifying_on_the_service_page_puts_it_in_the_matrix(team: Any, client_for: Any) -> None:
    import_fixture(team)
    service = Service.objects.get(feed_id="svc-perinatal-peer")
    client = client_for(team.editor)
    response = client.post(
        url(team, "service", service_id=service.pk),
        {
            "levels": ["targeted"],
            "focus": "additional",
            "stages": ["antenatal"],
            "interventions": ["Circle of Security"],
            "other_interventions": "Baby massage; ",
            "capacity": "40",
        },
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.interventions == ["Circle of Security", "Baby massage"]
    analysis = client.get(url(team, "analysis")).content.decode()
    assert "1 service: 100% additional parent-infant focus" in analysis


def test_a_classification_with_problems_names_the_fields(team: Any, client_for: Any) -> None:
    import_fixture(team)
    service = Service.objects.get(feed_id="svc-perinatal-peer")
    before = stored()
    response = client_for(team.editor).post(
        url(team, "service", service_id=service.pk), {"capacity": "-3"}
    )
    content = response.content.decode()
    assert "Choose at least one level of need." in content
    assert "Choose the service&#x27;s parent-infant focus." in content
    assert stored() == before


def test_feed_text_is_escaped_everywhere_it_shows(team: Any, client_for: Any) -> None:
    feed = (
        b'[{"id": "x", "name": "<img src=x onerror=alert(1)>", '
        b'"description": "&lt;b&gt;bold&lt;/b&gt; <i>it</i>"}]'
    )
    from pairsight.servicemap.tasks import FeedRequest, import_feed

    import_feed(
        actor=team.editor,
        assessment=team.assessment,
        request=FeedRequest(name="f.json", content=feed),
    )
    confirm_all(team)
    service = Service.objects.get()
    assert service.description == "<b>bold</b> it"  # entities decoded to text, tags removed
    ServiceLocation.objects.create(
        service=service, postcode="BS1 5TR", latitude=51.45, longitude=-2.59
    )
    client = client_for(team.viewer)
    for page in (
        url(team, "register"),
        url(team, "service", service_id=service.pk),
        url(team, "map"),
        url(team, "support"),
    ):
        content = client.get(page).content.decode()
        assert "<img src=x" not in content and "<b>bold" not in content, page
        assert "&lt;img src=x onerror=alert(1)&gt;" in content or "&quot;" in content, page


def test_the_register_filters_by_search_level_and_focus(team: Any, client_for: Any) -> None:
    import_fixture(team)
    confirm_all(team)
    visiting = Service.objects.get(feed_id="svc-health-visiting")
    actions.classify_service(
        actor=team.editor, service=visiting, levels=["universal"], focus="wider"
    )
    client = client_for(team.viewer)
    assert (
        "Health Visiting Service"
        in client.get(url(team, "register") + "?level=universal").content.decode()
    )
    assert (
        "Memory Cafe" not in client.get(url(team, "register") + "?level=universal").content.decode()
    )
    assert "Memory Cafe" in client.get(url(team, "register") + "?q=dementia").content.decode()
    assert (
        "Health Visiting"
        not in client.get(url(team, "register") + "?focus=specialised").content.decode()
    )


def test_downloads_are_audited_and_viewers_may_download(team: Any, client_for: Any) -> None:
    import_fixture(team)
    confirm_all(team)
    client = client_for(team.viewer)
    response = client.get(url(team, "export", file_format="csv"))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="pairsight-services-E06000099.csv"'
    )
    assert "'=Lawn Bowls Club" in response.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(kind="export", actor=team.viewer).count() == 1
    assert client.get(url(team, "export", file_format="pdf")).status_code == 404


def test_the_map_page_carries_located_places_and_a_table(team: Any, client_for: Any) -> None:
    import_fixture(team, "oruk_v3_page1_synthetic.json")
    confirm_all(team)
    content = client_for(team.viewer).get(url(team, "map")).content.decode()
    assert "data-points=" in content and "51.4545" in content
    assert 'id="map-table"' in content and "Parent-Infant Psychotherapy" in content
    assert "Youth Club" in content  # not located: listed under "Not on the map"


def test_the_map_of_support_prints_on_its_own_page(team: Any, client_for: Any) -> None:
    import_fixture(team, "oruk_v3_page1_synthetic.json")
    confirm_all(team)
    service = Service.objects.get(feed_id="v3-1")
    actions.classify_service(
        actor=team.editor, service=service, levels=["specialist"], focus="specialised"
    )
    content = client_for(team.viewer).get(url(team, "support")).content.decode()
    assert "support_map.css" in content and "Parent-Infant Psychotherapy" in content
    assert "Not classified yet: Youth Club" in content


def test_the_spreadsheet_template_comes_as_xlsx_and_csv(team: Any, client_for: Any) -> None:
    from openpyxl import load_workbook

    from pairsight.servicemap.exports import COLUMNS

    client = client_for(team.viewer)
    workbook = client.get(url(team, "template", file_format="xlsx"))
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    text = client.get(url(team, "template", file_format="csv")).content.decode()
    assert text.splitlines() == [",".join(COLUMNS)]
    assert client.get(url(team, "template", file_format="pdf")).status_code == 404


def test_the_map_of_support_fits_one_a3_page_with_many_services(team: Any, client_for: Any) -> None:
    from pathlib import Path

    from weasyprint import CSS, HTML

    import pairsight.servicemap as servicemap

    for number in range(80):
        service = actions.add_service(
            actor=team.editor, assessment=team.assessment, name=f"Baby and toddler group {number}"
        )
        level = ["universal", "targeted", "statutory", "specialist"][number % 4]
        actions.classify_service(actor=team.editor, service=service, levels=[level], focus="wider")
    page = client_for(team.viewer).get(url(team, "support")).content.decode()
    css = Path(servicemap.__file__).parent / "static/servicemap/support_map.css"
    document = HTML(string=page).render(stylesheets=[CSS(filename=str(css))])
    assert len(document.pages) == 1
    # A3 landscape: 420 mm by 297 mm, in CSS pixels (96 to the inch).
    assert round(document.pages[0].width) == round(420 / 25.4 * 96)
    assert round(document.pages[0].height) == round(297 / 25.4 * 96)


def test_places_are_located_from_an_uploaded_postcode_directory(team: Any, client_for: Any) -> None:
    import_fixture(team, "oruk_v3_page2_synthetic.json")
    confirm_all(team)
    client = client_for(team.editor)
    extract = SimpleUploadedFile("onspd.csv", fixture_bytes("onspd_extract_synthetic.csv"))
    response = client.post(url(team, "locate"), {"directory": extract}, follow=True)
    assert "Located 1 places by their postcodes (ONS Postcode Directory)." in (
        response.content.decode()
    )
    assert ServiceLocation.objects.get().latitude == 51.458
    bad = SimpleUploadedFile("other.csv", b"postcode,x\nBS8 1TH,1\n")
    before = stored()
    response = client.post(url(team, "locate"), {"directory": bad}, follow=True)
    assert "needs the ONSPD columns pcds (or pcd), lat and long" in response.content.decode()
    assert stored() == before


def test_a_sector_is_marked_and_unmarked_as_having_no_service(team: Any, client_for: Any) -> None:
    client = client_for(team.editor)
    client.post(url(team, "sector"), {"sector": "nhs", "without_service": "on"})
    page = client.get(url(team, "analysis")).content.decode()
    assert "Marked as having no service in the NHS sector." in page
    client.post(url(team, "sector"), {"sector": "nhs"})
    assert "no service in the NHS" not in client.get(url(team, "analysis")).content.decode()


def test_the_dashboard_card_shows_the_matrix_headline(team: Any, client_for: Any) -> None:
    import_fixture(team)
    service = Service.objects.get(feed_id="svc-health-visiting")
    actions.classify_service(
        actor=team.editor, service=service, levels=["universal"], focus="wider"
    )
    page = client_for(team.viewer).get(reverse("assessments:dashboard", args=[team.assessment.pk]))
    card = page.content.decode().split('id="card-services"')[1].split('id="card-workforce"')[0]
    assert url(team, "register") in card
    assert "1 service: 100% non-specialised (wider aims); 3 services waiting for triage" in card
