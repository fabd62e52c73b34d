"""The service-mapping pages in Debian's Chromium: a lead imports a feed, confirms services
in triage, classifies one and sees it on the matrix and the map; a viewer cannot edit.

Screenshots of every step are saved in artefacts/screenshots/, and axe-core checks each page.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from pairsight.servicemap.models import Service

from .conftest import fixture_bytes
from .test_actions import import_fixture

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"


def _checked(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    page.wait_for_load_state()
    page.screenshot_as(name)
    found = page.axe_violations()
    if found:
        problems[name] = found


def _choose_file(page: Any, name: str, content: bytes) -> None:
    page.get_by_label("A feed or spreadsheet file").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )


def test_a_lead_imports_triages_classifies_and_sees_the_service_on_the_matrix_and_map(
    browser_page: Any, team: Any, worker_thread: None
) -> None:
    page = browser_page
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    problems: dict[str, list[str]] = {}
    page.sign_in(team.lead.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/")
    page.locator("#card-services").get_by_role("link", name="Service mapping", exact=True).click()
    _checked(page, "1-register-empty", problems)

    page.get_by_role("link", name="Import services").click()
    # A file that is not a feed: the worker fails the job, and its page says why.
    _choose_file(page, "broken.json", b"<html>not a feed</html>")
    page.get_by_role("button", name="Import and triage").click()
    expect(page.locator("#import-failure")).to_contain_text(
        "broken.json is not JSON", timeout=20_000
    )
    _checked(page, "2-import-failed", problems)

    page.get_by_role("link", name="Import another feed or file").click()
    _choose_file(page, "directory.json", fixture_bytes("oruk_v3_page1_synthetic.json"))
    _checked(page, "2-import", problems)
    page.get_by_role("button", name="Import and triage").click()
    # The job's page polls until the worker has stored the feed, then goes on to the triage.
    expect(page.get_by_text("Read 2 services from directory.json")).to_be_visible(timeout=20_000)
    # The triage proposes the parent-infant service and leaves the youth club unticked.
    proposed = page.get_by_label("Put Parent-Infant Psychotherapy on the map")
    expect(proposed).to_be_checked()
    expect(page.get_by_label("Put Youth Club on the map")).not_to_be_checked()
    _checked(page, "3-triage", problems)
    page.get_by_role("button", name="Save the triage").click()
    expect(page.get_by_text("Confirmed for the map: 1. Left out: 1.")).to_be_visible()

    page.get_by_role("link", name="Register").click()
    page.get_by_role("link", name="Parent-Infant Psychotherapy").click()
    page.get_by_label("Specialist").check()
    page.get_by_label("Highly specialised parent-infant relationship support").check()
    page.get_by_label("0 to 12 months").check()
    page.get_by_label("Circle of Security").check()
    page.get_by_label("Capacity (families a year)").fill("120")
    _checked(page, "4-classify", problems)
    page.get_by_role("button", name="Save the classification").click()
    expect(page.get_by_text("is classified and on the map")).to_be_visible()

    page.get_by_role("link", name="Matrix and gaps").click()
    expect(page.locator("#matrix-headline")).to_contain_text("1 service: 100% highly specialised")
    specialist = page.locator("#matrix-table tr", has_text="Specialist")
    expect(specialist.locator("td").nth(2)).to_have_text("1")
    _checked(page, "5-matrix-and-gaps", problems)

    page.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_selector("[data-map-ready='true']")
    expect(page.locator(".leaflet-interactive")).to_have_count(1)
    expect(page.locator("#map-table")).to_contain_text("Parent-Infant Psychotherapy")
    _checked(page, "6-map", problems)
    page.open(f"/assessments/{team.assessment.pk}/services/map-of-support/")
    expect(page.get_by_role("cell", name="Parent-Infant Psychotherapy")).to_be_visible()
    _checked(page, "7-map-of-support", problems)
    assert missing == []
    assert page.console_errors == []
    assert problems == {}, problems


def test_a_viewer_reads_the_register_but_cannot_edit(browser_page: Any, team: Any) -> None:
    import_fixture(team, "oruk_v3_page1_synthetic.json")
    service = Service.objects.get(feed_id="v3-1")
    from pairsight.servicemap import actions

    actions.classify_service(
        actor=team.editor, service=service, levels=["targeted"], focus="additional"
    )
    page = browser_page
    problems: dict[str, list[str]] = {}
    page.sign_in(team.viewer.username, PASSWORD)
    base = f"/assessments/{team.assessment.pk}/services"
    page.open(base + "/")
    expect(page.get_by_role("link", name="Import services")).to_have_count(0)
    expect(page.get_by_role("button", name="Mark as no service in NHS")).to_have_count(0)
    expect(page.locator("#register-table")).to_contain_text("Parent-Infant Psychotherapy")
    _checked(page, "1-viewer-register", problems)
    page.open(f"{base}/{service.pk}/")
    expect(page.get_by_role("button", name="Save the classification")).to_have_count(0)
    expect(page.get_by_text("Additional focus", exact=False).first).to_be_visible()
    _checked(page, "2-viewer-service", problems)
    page.open(f"{base}/triage/")
    expect(page.get_by_role("button", name="Save the triage")).to_have_count(0)
    _checked(page, "3-viewer-triage", problems)
    assert problems == {}, problems
    response = page.open(base + "/import/")
    assert response.status == 403
    page.screenshot_as("4-viewer-import-refused")
    page.forget_console_errors("Failed to load resource")
    assert page.console_errors == []


def test_an_import_waiting_for_the_worker_shows_its_progress_and_can_be_cancelled(
    browser_page: Any, team: Any, queued_tasks: None
) -> None:
    page = browser_page
    problems: dict[str, list[str]] = {}
    page.sign_in(team.lead.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/services/import/")
    _choose_file(page, "directory.json", fixture_bytes("oruk_v3_page1_synthetic.json"))
    page.get_by_role("button", name="Import and triage").click()
    # No worker runs in this test: the job waits, and its page keeps polling.
    expect(page.get_by_role("heading", name="Importing directory.json")).to_be_visible()
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    _checked(page, "1-import-waiting", problems)
    page.get_by_role("button", name="Cancel the import").click()
    expect(page.get_by_text("The import was cancelled: nothing was imported")).to_be_visible()
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    _checked(page, "2-import-cancelled", problems)
    assert Service.objects.count() == 0
    assert page.console_errors == []
    assert problems == {}, problems
