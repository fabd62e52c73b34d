"""The plan in Debian's Chromium: a lead starts from the template, marks a milestone done,
records the steering group and a decision, and the dashboard shows the plan against today.

Screenshots of every step are saved in artefacts/screenshots/; axe-core checks each page.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-password-for-tests"


def _checked(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    page.wait_for_load_state()
    assert page.document_status == 200, f"{name}: HTTP {page.document_status}"
    assert page.take_console_errors() == [], name
    page.screenshot_as(name)
    found = page.axe_violations()
    if found:
        problems[name] = found


def test_a_lead_plans_the_assessment_and_the_dashboard_shows_it(
    browser_page: Any, demo: Any
) -> None:
    page = browser_page
    problems: dict[str, list[str]] = {}
    # Started ten weeks ago: the first milestones are due, the later ones still to come.
    start = timezone.localdate() - datetime.timedelta(weeks=10)
    page.sign_in("demo", DEMO_PASSWORD)
    page.open(f"/assessments/{demo.assessment.pk}/")
    page.locator("#card-plan").get_by_role("link", name="Plan and governance").click()
    expect(page.get_by_role("heading", name="Plan, governance and dissemination")).to_be_visible()
    _checked(page, "1-empty-plan", problems)

    page.get_by_role("link", name="Start from the six-month template").click()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    _checked(page, "2-template-error", problems)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_text("The plan has 15 milestones from the template.")).to_be_visible()
    expect(page.get_by_text("overdue").first).to_be_visible()
    _checked(page, "3-plan", problems)

    page.get_by_role(
        "link", name="Change Steering group set up and its terms of reference agreed"
    ).click()
    page.get_by_label("Owner").fill("Infant mental health lead")
    page.get_by_label("Done", exact=True).check()
    _checked(page, "4-milestone", problems)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The milestone has been saved.")).to_be_visible()

    page.get_by_role("link", name="Add a member").click()
    page.get_by_label("Name", exact=True).fill("Dr <i>Ada</i> Lovelace")
    page.get_by_label("Role and organisation").fill("Chair, LMNS perinatal mental health board")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a meeting").click()
    page.get_by_label("Date of the meeting").fill(start.isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record a decision").click()
    page.get_by_label("Date of the decision").fill(start.isoformat())
    page.get_by_label("Decision", exact=True).fill("Adopt the six-month plan")
    page.get_by_label("Meeting").select_option(index=1)
    _checked(page, "5-decision", problems)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Adopt the six-month plan")).to_be_visible()
    # Text from a person is shown as text, never as markup.
    expect(page.get_by_role("cell", name="Dr <i>Ada</i> Lovelace", exact=True)).to_be_visible()
    _checked(page, "6-governance", problems)

    page.open(f"/assessments/{demo.assessment.pk}/")
    card = page.locator("#card-plan")
    expect(card.get_by_role("row", name="Milestones done")).to_contain_text("1 of 15")
    expect(card.get_by_role("row", name="Next")).not_to_contain_text("None")
    _checked(page, "7-dashboard", problems)

    assert problems == {}, problems
