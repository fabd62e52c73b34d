from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from pairsight.assessments.models import AuditEvent, WorkstreamStatus
from pairsight.servicemap import actions
from pairsight.servicemap.feed_url import FetchLimits
from pairsight.servicemap.models import SectorWithoutService, Service, ServiceLocation
from pairsight.servicemap.oruk import FeedError, read_feed
from pairsight.servicemap.postcodes import PostcodeDirectory
from pairsight.servicemap.tasks import FeedRequest, import_feed

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def stored() -> list[tuple[Any, ...]]:
    """Everything the register holds, to compare before and after a refused change."""
    services = list(
        Service.objects.order_by("pk").values_list(
            "feed_id", "name", "triage", "levels", "focus", "capacity", "description"
        )
    )
    places = list(ServiceLocation.objects.order_by("pk").values_list("postcode", "latitude"))
    return [*services, *places, AuditEvent.objects.count()]


def import_fixture(team: Any, name: str = "oruk_v1_list_synthetic.json", actor: Any = None) -> Any:
    return import_feed(
        actor=actor or team.editor,
        assessment=team.assessment,
        request=FeedRequest(name=name, content=fixture_bytes(name)),
    )


def test_an_import_stores_every_service_waiting_for_triage_with_a_proposal(team: Any) -> None:
    source = import_fixture(team)
    assert (source.services_read, source.services_added, source.services_proposed) == (4, 4, 2)
    services = {s.feed_id: s for s in Service.objects.filter(assessment=team.assessment)}
    assert {s.triage for s in services.values()} == {Service.Triage.WAITING}
    assert services["svc-health-visiting"].proposal == "proposed"
    assert services["svc-bowls"].proposal == "not_proposed"
    assert services["svc-bowls"].name == "=Lawn Bowls Club"  # stored as text; escaped on output
    event = AuditEvent.objects.filter(action="services imported").get()
    assert event.after["read"] == 4 and event.actor == team.editor
    status = WorkstreamStatus.objects.get(assessment=team.assessment, workstream="services")
    assert status.headline_value == "0"
    assert "4 services waiting for triage" in status.headline_detail


def test_importing_again_updates_and_keeps_the_teams_decisions(team: Any) -> None:
    import_fixture(team)
    visiting = Service.objects.get(feed_id="svc-health-visiting")
    actions.classify_service(
        actor=team.editor, service=visiting, levels=["universal"], focus="wider", capacity=50
    )
    source = import_fixture(team)
    assert (source.services_added, source.services_updated) == (0, 4)
    assert Service.objects.filter(assessment=team.assessment).count() == 4
    visiting.refresh_from_db()
    assert visiting.triage == Service.Triage.CONFIRMED
    assert (visiting.levels, visiting.focus, visiting.capacity) == (["universal"], "wider", 50)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", "is not JSON"),
        (b'{"service": {"id": "1"}}', "neither a list of services"),
        (b'[{"id": "new", "name": "New"}, {"name": "No id"}]', r"service 2 \('No id'\) has no id"),
    ],
)
def test_bad_feeds_change_nothing_stored(team: Any, content: bytes, message: str) -> None:
    import_fixture(team)
    before = stored()
    with pytest.raises((FeedError, ValidationError), match=message):
        import_feed(
            actor=team.editor,
            assessment=team.assessment,
            request=FeedRequest(name="bad.json", content=content),
        )
    assert stored() == before


def test_a_url_that_times_out_changes_nothing(team: Any) -> None:
    import socket

    import_fixture(team)
    before = stored()
    # A server that accepts the connection and never answers.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/services"
    try:
        with pytest.raises(FeedError, match="did not answer within 0.3 seconds"):
            import_feed(
                actor=team.editor,
                assessment=team.assessment,
                request=FeedRequest(name=url, url=url),
                limits=FetchLimits(timeout_seconds=0.3),
            )
    finally:
        listener.close()
    assert stored() == before


def test_viewers_cannot_import_and_outsiders_are_not_told_it_exists(team: Any) -> None:
    with pytest.raises(PermissionDenied):
        import_fixture(team, actor=team.viewer)
    with pytest.raises(Http404):
        import_fixture(team, actor=team.outsider)
    with pytest.raises(PermissionDenied):
        import_feed(
            actor=team.viewer,
            assessment=team.assessment,
            request=FeedRequest(name="https://x.example", url="https://x.example/services"),
        )
    assert not Service.objects.exists()


def test_triage_confirms_and_leaves_out(team: Any) -> None:
    import_fixture(team)
    ids = dict(Service.objects.values_list("feed_id", "pk"))
    count = actions.decide_triage(
        actor=team.editor,
        assessment=team.assessment,
        confirmed={ids["svc-health-visiting"], ids["svc-perinatal-peer"]},
        left_out={ids["svc-bowls"]},
    )
    assert count == 2
    triage = dict(Service.objects.values_list("feed_id", "triage"))
    assert triage == {
        "svc-health-visiting": "confirmed",
        "svc-perinatal-peer": "confirmed",
        "svc-bowls": "left_out",
        "svc-dementia-cafe": "waiting",
    }
    before = stored()
    with pytest.raises(ValidationError, match="both confirmed and left out"):
        actions.decide_triage(
            actor=team.editor, assessment=team.assessment, confirmed={1}, left_out={1}
        )
    with pytest.raises(ValidationError, match="not in this assessment"):
        actions.decide_triage(
            actor=team.editor, assessment=team.assessment, confirmed={999_999}, left_out=set()
        )
    assert stored() == before


def test_classifying_checks_each_field_and_is_audited(team: Any) -> None:
    import_fixture(team)
    service = Service.objects.get(feed_id="svc-perinatal-peer")
    before = stored()
    for kwargs, field in (
        ({"levels": [], "focus": "wider"}, "levels"),
        ({"levels": ["targeted"], "focus": ""}, "focus"),
        ({"levels": ["sometimes"], "focus": "wider"}, "levels"),
        ({"levels": ["targeted"], "focus": "wider", "capacity": -1}, "capacity"),
    ):
        with pytest.raises(ValidationError) as error:
            actions.classify_service(actor=team.editor, service=service, **kwargs)
        assert field in error.value.message_dict
    assert stored() == before
    actions.classify_service(
        actor=team.editor,
        service=service,
        levels=["targeted"],
        focus="additional",
        stages=["antenatal", "0-12m"],
        interventions=["Circle of Security"],
    )
    event = AuditEvent.objects.filter(action="service classified").get()
    assert event.before["focus"] == "" and event.after["focus"] == "additional"
    status = WorkstreamStatus.objects.get(assessment=team.assessment, workstream="services")
    assert status.headline_value == "1"
    assert status.headline_detail.startswith("1 service: 100% additional parent-infant focus")


def test_a_spreadsheet_joins_the_map_with_its_classification(team: Any) -> None:
    sheet = (
        b"Name,Provider,Levels of need,Parent-infant focus,Postcode\n"
        b"Baby Steps,Testshire Council,Targeted,Additional parent-infant focus,bs1 5tr\n"
    )
    import_feed(
        actor=team.editor,
        assessment=team.assessment,
        request=FeedRequest(name="mapped.csv", content=sheet),
    )
    service = Service.objects.get()
    assert service.triage == Service.Triage.CONFIRMED
    assert (service.levels, service.focus) == (["targeted"], "additional")
    assert service.locations.get().postcode == "BS1 5TR"


def test_sectors_are_marked_without_service_and_places_located(team: Any) -> None:
    actions.mark_sector(
        actor=team.editor, assessment=team.assessment, sector="voluntary", without_service=True
    )
    assert list(SectorWithoutService.objects.values_list("sector", flat=True)) == ["voluntary"]
    import_fixture(team, "oruk_v3_page2_synthetic.json")
    service = Service.objects.get(feed_id="v3-3")
    actions.classify_service(
        actor=team.editor, service=service, levels=["universal"], focus="wider"
    )
    directory = PostcodeDirectory.read(fixture_bytes("onspd_extract_synthetic.csv"))
    located = actions.locate_services(
        actor=team.editor, assessment=team.assessment, lookup=directory, by="ONS Postcode Directory"
    )
    assert located == 1
    place = ServiceLocation.objects.get(service=service)
    assert (place.latitude, place.longitude, place.located_by) == (
        51.458,
        -2.603,
        "ONS Postcode Directory",
    )


def test_exports_are_recorded_as_downloads(team: Any) -> None:
    import_fixture(team)
    actions.decide_triage(
        actor=team.lead,
        assessment=team.assessment,
        confirmed=set(Service.objects.values_list("pk", flat=True)),
        left_out=set(),
    )
    body = actions.export_register(
        actor=team.viewer, assessment=team.assessment, file_format="oruk"
    )
    assert len(read_feed(body).services) == 4
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).get()
    assert event.actor == team.viewer and event.after["services"] == 4


@pytest.mark.shared
def test_the_bristol_feed_imports_without_an_error(team: Any, bristol_feed: bytes) -> None:
    source = import_feed(
        actor=team.editor,
        assessment=team.assessment,
        request=FeedRequest(name="bristol.json", content=bristol_feed),
    )
    assert source.services_read == 818
    assert Service.objects.filter(assessment=team.assessment).count() == 818
    proposed = set(Service.objects.filter(proposal="proposed").values_list("name", flat=True))
    assert "Mothers for Mothers" in proposed
    assert "Homeless Health Service" not in proposed


def test_feed_text_longer_than_a_column_is_cut_to_fit(team: Any) -> None:
    feed = [
        {
            "id": "long",
            "name": "N" * 600,
            "status": "x" * 40,
            "url": "https://x.example/" + "a" * 1200,
            "organization": {"id": "o", "name": "P" * 700},
            "service_at_locations": [
                {
                    "id": "l",
                    "location": {
                        "id": "p",
                        "physical_addresses": [
                            {"id": "a", "address_1": "1 Road", "postal_code": "BS1 5TR EXTRA LONG"}
                        ],
                    },
                }
            ],
        }
    ]
    import json

    import_feed(
        actor=team.editor,
        assessment=team.assessment,
        request=FeedRequest(name="long.json", content=json.dumps(feed).encode()),
    )
    service = Service.objects.get()
    assert (len(service.name), len(service.provider), len(service.status)) == (500, 500, 30)
    assert service.url == ""
    assert len(service.locations.get().postcode) == 10
