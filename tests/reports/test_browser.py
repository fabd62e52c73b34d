"""The report page in Debian's Chromium, as a new user finds it: build, download, publish.

Screenshots of each step (and of the preview frame on its own) are saved in
artefacts/screenshots/; axe-core checks the report page, the small-number rule page and the
publish page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"
DEMO_PASSWORD = "demo-password-for-tests"
BUILD_TIMEOUT = 60_000  # milliseconds: four formats on a busy CI machine


@pytest.fixture(autouse=True)
def reports_dir(settings: Any, tmp_path: Any) -> Any:
    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"
    return settings.PAIRSIGHT_REPORTS_DIR


def _checked(page: Any, name: str) -> None:
    page.screenshot_as(name)
    assert page.axe_violations() == [], name


def _preview_shown(page: Any, name: str) -> None:
    """Save a screenshot of the preview frame on its own, as a reader sees it on the page."""
    frame = page.locator("iframe.app-report-preview")
    frame.scroll_into_view_if_needed()
    path = ARTEFACTS / "screenshots" / f"{page.test_name}--{name}.png"
    frame.screenshot(path=str(path))
    page.evaluate("() => window.scrollTo(0, 0)")


def test_a_new_user_builds_downloads_and_publishes_the_demo_report(
    browser_page: Any, demo: Any, worker_thread: None
) -> None:
    page = browser_page
    page.sign_in("demo", DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile("Birmingham parent-infant")).click()
    page.get_by_role("link", name="Needs-assessment report").click()
    expect(page.get_by_role("heading", name="Report", exact=True)).to_be_visible()
    expect(page.locator("#report-status")).to_contain_text("Not built yet")
    _checked(page, "1-not-built")

    page.get_by_role("link", name="Change the small-number rule").click()
    _checked(page, "1-small-number-rule")
    page.get_by_label("Hide counts under 10").check()
    page.get_by_role("button", name="Save the rule").click()
    expect(page.get_by_text("The small-number rule is now: Hide counts under 10")).to_be_visible()

    page.get_by_role("button", name="Build the report").click()
    # The build's progress shows while the formats are rendered.
    expect(page.locator("#report-progress")).to_be_visible()
    expect(page.locator("#report-progress")).to_contain_text("Building the report")
    page.screenshot_as("2-building")
    expect(page.get_by_text("The report has been built")).to_be_visible(timeout=BUILD_TIMEOUT)
    expect(page.locator("#report-status")).to_contain_text("Draft")

    links = page.locator("a[data-format]")
    expect(links).to_have_count(4)
    with page.expect_download() as pdf:
        page.get_by_role("link", name=re.compile("^PDF")).click()
    assert pdf.value.suggested_filename.endswith("-draft.pdf")
    assert pdf.value.suggested_filename.startswith("pairsight-report-E08000025-")

    preview = page.frame_locator("iframe.app-report-preview")
    expect(preview.locator("main")).to_contain_text("2,760")
    expect(preview.locator("main")).to_contain_text("2,420")
    expect(preview.locator("main")).to_contain_text("between 1 and 9")
    expect(preview.locator(".draft-banner")).to_contain_text("not for publication")
    _preview_shown(page, "3-built-preview")
    _checked(page, "3-built")

    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_role("heading", name="Publish the report?")).to_be_visible()
    _checked(page, "4-publish")
    page.get_by_role("button", name="Yes, publish the report").click()
    expect(page.get_by_text("The report has been published")).to_be_visible(timeout=BUILD_TIMEOUT)
    expect(page.locator("#report-status")).to_contain_text("Published")
    expect(preview.locator("main")).to_contain_text("2,420")
    expect(preview.locator(".draft-banner")).to_have_count(0)
    _preview_shown(page, "5-published-preview")
    page.screenshot_as("5-published")
    assert page.console_errors == [], page.console_errors


def test_an_executive_summary_with_a_live_figure_follows_the_chosen_scenario(
    browser_page: Any, demo: Any, worker_thread: None
) -> None:
    page = browser_page
    page.sign_in("demo", DEMO_PASSWORD)
    base = f"/assessments/{demo.assessment.pk}"
    page.open(base + "/report/")
    page.get_by_role("link", name="Write or change the summary and commentary").click()
    _checked(page, "1-narrative")
    page.get_by_role("link", name="Write the executive summary").click()
    text = page.get_by_label("Text (Markdown)")
    text.fill(
        "We estimate that {{ figure:unmet_need }} families a year need specialised support "
        "that is not there.\n\n- Agree the pathway split\n- Plan the services"
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#narrative-preview")).to_contain_text("We estimate that 2,420 families")
    _checked(page, "2-preview")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Executive summary has been saved")).to_be_visible()

    # Another estimate is chosen: 20,000 children give 1,460 unmet (see test_narrative_views).
    page.open(base + "/population/")
    children = page.get_by_label("Number of children")
    children.fill("20000")
    children.press("Tab")
    page.wait_for_url(re.compile("children=20000"))
    expect(page.locator("[data-figure='unmet_need']")).to_have_text("1,460")
    page.get_by_label("Name this scenario").fill("Twenty thousand")
    page.get_by_role("button", name="Save scenario").click()
    page.get_by_role("button", name="Choose as the assessment's estimate").click()

    page.open(base + "/report/text/executive-summary/")
    warning = page.locator("#figure-changed")
    expect(warning).to_contain_text(
        "Unmet specialised need was 2,420 when this text was written and is now 1,460."
    )
    expect(page.locator("#narrative-preview")).to_contain_text("We estimate that 1,460 families")
    _checked(page, "3-figure-changed")

    page.open(base + "/report/")
    page.get_by_role("button", name="Build the report").click()
    expect(page.get_by_text("The report has been built")).to_be_visible(timeout=BUILD_TIMEOUT)
    preview = page.frame_locator("iframe.app-report-preview")
    summary = preview.locator("section[aria-labelledby='executive-summary']")
    expect(summary).to_contain_text("We estimate that 1,460 families")
    expect(preview.locator("main")).not_to_contain_text("figure:")
    # The frame shows the whole report, not a window cut off at its key figures.
    frame = page.locator("iframe.app-report-preview")
    expect(frame).to_have_attribute("data-fitted", "true")
    inner = preview.locator("html").evaluate("e => e.scrollHeight")
    assert frame.evaluate("e => e.getBoundingClientRect().height") >= inner
    _preview_shown(page, "4-report-with-summary")
    assert page.console_errors == [], page.console_errors
