"""Feed imports from the pages run in the worker: the page returns at once, shows progress,
then goes on to the triage; a bad feed fails the job with a clear message and stores nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pairsight.assessments.models import AuditEvent
from pairsight.servicemap import tasks
from pairsight.servicemap.models import FeedImport, Service, ServiceLocation

from .conftest import fixture_bytes
from .test_actions import import_fixture

FEED = "oruk_v1_list_synthetic.json"


def url(team: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"servicemap:{name}", kwargs={"assessment_id": team.assessment.pk, **kwargs})


def register() -> list[tuple[Any, ...]]:
    """What the register holds (services and their places), to compare before and after."""
    services = list(
        Service.objects.order_by("pk").values_list(
            "feed_id", "name", "triage", "levels", "focus", "description", "proposal"
        )
    )
    return [*services, *ServiceLocation.objects.order_by("pk").values_list("postcode", "latitude")]


def audited(action: str) -> list[str]:
    return list(AuditEvent.objects.filter(action=action).values_list("summary", flat=True))


def upload(client: Any, team: Any, name: str, content: bytes) -> Any:
    return client.post(url(team, "import"), {"file": SimpleUploadedFile(name, content)})


def test_an_upload_returns_at_once_and_the_worker_imports_it(
    team: Any, client_for: Any, run_worker: Any
) -> None:
    client = client_for(team.editor)
    response = upload(client, team, "feed.json", fixture_bytes(FEED))
    job = FeedImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(team, "import_job", import_id=job.pk)
    # Nothing is read or stored inside the request.
    assert job.state == FeedImport.State.QUEUED and Service.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "Waiting to start" in page and "Cancel the import" in page

    run_worker()
    job.refresh_from_db()
    assert job.state == FeedImport.State.SUCCEEDED
    # The fixture holds four services, two of them for babies and parents (worked out by
    # reading it: health visiting and the baby group; bowls and the memory cafe are not).
    assert (job.services_read, job.services_added, job.services_proposed) == (4, 4, 2)
    assert job.content is None  # the file is not kept once its services are stored
    assert Service.objects.filter(assessment=team.assessment).count() == 4
    assert job.step == job.steps == tasks.STEPS
    # The polling page goes on to the triage; without scripts, the page links to it.
    polled = client.get(url(team, "import_job", import_id=job.pk), headers={"HX-Request": "true"})
    assert polled["HX-Redirect"] == url(team, "triage")
    page = client.get(url(team, "import_job", import_id=job.pk)).content.decode()
    assert "Read 4 services: 4 new, 0 updated, 2 proposed for conception to two" in page
    assert len(audited("services import queued")) == 1
    assert len(audited("services imported")) == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<html>Not a feed</html>", "feed.json is not JSON"),
        (b'{"services": []}', "is a JSON object that is neither a list of services"),
        (b'{"contents": {"id": "1"}}', "'contents' should be a list of services, not a JSON"),
        (b'[{"name": "Baby group"}]', "service 1 ('Baby group') has no id"),
    ],
    ids=["not-json", "object-not-list", "page-not-list", "service-without-id"],
)
def test_a_bad_feed_fails_the_job_says_why_and_stores_nothing(
    team: Any, client_for: Any, run_worker: Any, content: bytes, reason: str
) -> None:
    import_fixture(team)
    before = register()
    client = client_for(team.editor)
    response = upload(client, team, "feed.json", content)
    run_worker()
    job = FeedImport.objects.get()
    assert job.state == FeedImport.State.FAILED
    assert reason in job.error_reason
    assert register() == before
    assert job.content is None  # nothing of the bad feed is kept
    page = client.get(response["Location"]).content.decode()
    assert "The import failed: nothing was imported" in page
    assert reason.replace("'", "&#x27;") in page
    assert "Try again" not in page  # the same file would fail again
    failures = audited("services import failed")
    assert len(failures) == 1 and reason in failures[0]


def test_a_web_address_that_does_not_answer_fails_the_job(
    team: Any, client_for: Any, run_worker: Any, directory: str, settings: Any
) -> None:
    settings.PAIRSIGHT_FEED_TIMEOUT_SECONDS = 0.2
    import_fixture(team)
    before = register()
    client = client_for(team.editor)
    response = client.post(url(team, "import"), {"url": directory + "/slow"})
    job = FeedImport.objects.get()
    # The address is stored; nothing is fetched until the worker runs the job.
    assert job.url == directory + "/slow" and job.content is None
    run_worker()
    job.refresh_from_db()
    assert job.state == FeedImport.State.FAILED
    assert "did not answer within 0.2 seconds" in job.error_reason
    assert register() == before
    page = client.get(response["Location"]).content.decode()
    assert "did not answer within 0.2 seconds" in page
    assert "Try again" in page  # a web address can be fetched again later


def test_a_paged_web_address_is_fetched_by_the_worker(
    team: Any, client_for: Any, run_worker: Any, directory: str
) -> None:
    client = client_for(team.editor)
    client.post(url(team, "import"), {"url": directory + "/v3"})
    run_worker()
    job = FeedImport.objects.get()
    assert job.state == FeedImport.State.SUCCEEDED, job.error_reason
    # Two pages of the v3 fixtures: three services, v3-1 to v3-3.
    assert sorted(Service.objects.values_list("feed_id", flat=True)) == ["v3-1", "v3-2", "v3-3"]
    assert job.source is not None and job.source.kind == "oruk_url"


def test_a_waiting_import_can_be_cancelled_and_tried_again(
    team: Any, client_for: Any, run_worker: Any
) -> None:
    client = client_for(team.editor)
    upload(client, team, "feed.json", fixture_bytes(FEED))
    job = FeedImport.objects.get()
    client.post(url(team, "import_cancel", import_id=job.pk))
    run_worker()
    job.refresh_from_db()
    assert job.state == FeedImport.State.CANCELLED and Service.objects.count() == 0
    assert len(audited("services import cancelled")) == 1

    response = client.post(url(team, "import_retry", import_id=job.pk))
    again = FeedImport.objects.exclude(pk=job.pk).get()
    assert response["Location"] == url(team, "import_job", import_id=again.pk)
    run_worker()
    again.refresh_from_db()
    assert again.state == FeedImport.State.SUCCEEDED and Service.objects.count() == 4


def test_one_import_at_a_time_per_assessment(team: Any, client_for: Any, run_worker: Any) -> None:
    client = client_for(team.editor)
    upload(client, team, "feed.json", fixture_bytes(FEED))
    response = upload(client, team, "other.json", fixture_bytes(FEED))
    assert response.status_code == 200
    assert "feed.json is being imported" in response.content.decode()
    assert FeedImport.objects.count() == 1
    # The import page leads back to the import under way.
    job = FeedImport.objects.get()
    page = client.get(url(team, "import")).content.decode()
    assert url(team, "import_job", import_id=job.pk) in page
    run_worker()
    assert (
        url(team, "import_job", import_id=job.pk)
        not in client.get(url(team, "import")).content.decode()
    )


def test_an_import_whose_worker_died_is_failed_by_the_page(
    team: Any, client_for: Any, queued_tasks: None, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    client = client_for(team.editor)
    upload(client, team, "feed.json", fixture_bytes(FEED))
    job = FeedImport.objects.get()
    long_ago = timezone.now() - timedelta(minutes=5)
    FeedImport.objects.filter(pk=job.pk).update(
        state="running", started_at=long_ago, heartbeat_at=long_ago
    )
    page = client.get(url(team, "import_job", import_id=job.pk)).content.decode()
    job.refresh_from_db()
    assert job.state == FeedImport.State.FAILED
    assert "the worker running it stopped before it finished" in page
    # The file is kept so that it can be tried again.
    assert job.content == fixture_bytes(FEED) and "Try again" in page


def test_a_viewer_cannot_start_an_import_or_make_pairsight_fetch(
    team: Any, client_for: Any, queued_tasks: None, directory: str
) -> None:
    from .conftest import Directory

    with pytest.raises(PermissionDenied):
        tasks.start_feed_import(
            actor=team.viewer,
            assessment=team.assessment,
            request=tasks.FeedRequest(name=directory + "/v1", url=directory + "/v1"),
        )
    client = client_for(team.viewer)
    assert client.post(url(team, "import"), {"url": directory + "/v1"}).status_code == 403
    assert FeedImport.objects.count() == 0 and Directory.requests == []
