"""Publishing and comparing editions in Debian's Chromium.

The demo's lead publishes it (after a mistyped name), sees the published edition refuse a
change, starts the next edition, changes its under-two population and reads what changed;
screenshots are saved in artefacts/screenshots/ and axe-core checks every page.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from pairsight.assessments.models import Assessment
from tests.assessments.editions.setup import change_under_twos, lead_of
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _checked(page: Any, name: str) -> None:
    page.screenshot_as(name)
    assert page.axe_violations() == [], name
    assert page.console_errors == [], name


def test_a_lead_publishes_starts_the_next_edition_and_compares(
    browser_page: Any, demo: Any
) -> None:
    page = browser_page
    first = demo.assessment
    page.sign_in(demo.username, DEMO_PASSWORD)
    page.open(f"/assessments/{first.pk}/")
    expect(page.locator("#edition")).to_contain_text("Edition 1. Not published yet.")
    page.get_by_role("link", name="Publish this edition").click()
    _checked(page, "1-publish")
    page.get_by_label("Type the assessment's name to confirm").fill("Birmingham")
    page.get_by_role("button", name="Publish edition 1").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("exactly as shown")
    page.forget_console_errors("Failed to load resource")
    _checked(page, "2-publish-mistyped")
    page.get_by_label("Type the assessment's name to confirm").fill(first.title)
    page.get_by_role("button", name="Publish edition 1").click()
    expect(page.locator("#edition")).to_contain_text("Edition 1 was published on")
    _checked(page, "3-published")

    page.open(f"/assessments/{first.pk}/progress/population/")
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Save progress").click()
    expect(page.locator("#published-edition")).to_contain_text(
        "Edition 1 of this assessment is published and can no longer be changed"
    )
    page.forget_console_errors("Failed to load resource")
    _checked(page, "4-change-refused")

    page.open(f"/assessments/{first.pk}/")
    page.get_by_role("link", name="Start the next edition").click()
    _checked(page, "5-next-edition")
    page.get_by_role("button", name="Start edition 2").click()
    expect(page.locator("#edition")).to_contain_text("carried from edition 1, not yet replaced")
    _checked(page, "6-next-edition-dashboard")

    second = Assessment.objects.get(previous_edition=first)
    change_under_twos(lead_of(second), second, 31_000)
    page.open(f"/assessments/{second.pk}/")
    page.get_by_role("link", name="What changed since edition 1").click()
    children = page.locator('tr[data-key="population:children"]')
    expect(children).to_contain_text("30,672")
    expect(children).to_contain_text("31,000")
    expect(children).to_contain_text("changed +328")
    _checked(page, "7-changes")
