"""axe-core finds no serious or critical accessibility problem on any page of the web app.

Every page is opened as a person would reach it (signed in as the demo lead), including the
pages that show errors, and checked with axe-core in Chromium. Screenshots of each page are
saved in artefacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from pairsight.assessments import actions
from pairsight.assessments.models import Membership
from pairsight.population.models import Scenario

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-password-for-tests"


def _check(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    page.wait_for_load_state()
    if page.locator("[data-vega-spec]").count():
        page.wait_for_selector("[data-vega-ready='true']")
    page.screenshot_as(name)
    found = page.axe_violations()
    if found:
        problems[name] = found


def test_no_serious_accessibility_problems_on_any_page(browser_page: Any, demo: Any) -> None:
    page = browser_page
    problems: dict[str, list[str]] = {}
    assessment = demo.assessment
    base = f"/assessments/{assessment.pk}"

    page.open("/sign-in/")
    _check(page, "sign-in", problems)
    page.get_by_label("Email address or username").fill("demo")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    _check(page, "sign-in-error", problems)

    lead = demo_lead(assessment)
    added = actions.add_member(
        actor=lead,
        assessment=assessment,
        email="new.colleague@example.nhs.uk",
        full_name="New Colleague",
        role="editor",
    )
    page.open(f"/set-password/{added.token}/")
    _check(page, "set-password", problems)
    page.open("/set-password/not-a-real-token/")
    _check(page, "link-expired", problems)
    page.forget_console_errors("Failed to load resource")  # the page itself answers 404

    page.sign_in("demo", DEMO_PASSWORD)
    _check(page, "assessments", problems)
    page.open("/assessments/new/")
    _check(page, "create-assessment", problems)
    page.get_by_role("button", name="Start the assessment").click()
    _check(page, "create-assessment-errors", problems)

    for path, name in (
        ("/", "dashboard"),
        ("/details/", "details"),
        ("/progress/workforce/", "progress"),
        ("/team/", "team"),
        ("/team/add/", "add-member"),
        ("/audit/", "audit"),
        ("/population/", "population"),
        ("/population/scenarios/", "scenarios"),
    ):
        page.open(base + path)
        _check(page, name, problems)

    member = Membership.objects.get(assessment=assessment, user=added.membership.user)
    page.open(f"{base}/team/{member.pk}/")
    _check(page, "change-role", problems)
    page.open(f"{base}/team/{member.pk}/remove/")
    _check(page, "remove-member", problems)
    page.open(f"{base}/team/add/")
    page.get_by_role("button", name="Add to the team").click()
    _check(page, "add-member-errors", problems)
    page.get_by_label("Full name").fill("Sam Researcher")
    page.get_by_label("Email address").fill("sam.researcher@example.nhs.uk")
    page.get_by_label("Editor").check()
    page.get_by_role("button", name="Add to the team").click()
    _check(page, "one-time-link", problems)

    page.open(f"{base}/population/")
    field = page.get_by_label("Number of children")
    field.fill("-5")
    page.get_by_role("button", name="Update the estimate").click()
    page.locator(".nhsuk-error-summary").wait_for()
    _check(page, "population-errors", problems)
    field.fill("12000")
    field.press("Tab")
    page.wait_for_url(re.compile("children=12000"))
    page.get_by_label("Name this scenario").fill("Twelve thousand")
    page.get_by_role("button", name="Save scenario").click()
    _check(page, "scenario", problems)
    scenario = Scenario.objects.get(name="Twelve thousand")
    page.open(f"{base}/population/scenarios/{scenario.pk}/delete/")
    _check(page, "delete-scenario", problems)
    chosen = Scenario.objects.get(assessment=assessment, is_chosen=True)
    page.open(f"{base}/population/scenarios/compare/?scenario={chosen.pk}&scenario={scenario.pk}")
    _check(page, "compare", problems)
    page.open(f"{base}/population/scenarios/compare/?scenario={chosen.pk}")
    _check(page, "compare-errors", problems)

    page.open("/account/")
    _check(page, "account", problems)
    page.open("/account/password/")
    _check(page, "password-change", problems)
    page.open("/assessments/999999/")
    _check(page, "not-found", problems)
    page.forget_console_errors("Failed to load resource")

    assert problems == {}
    assert page.console_errors == [], page.console_errors


def demo_lead(assessment: Any) -> Any:
    return Membership.objects.get(assessment=assessment, role="lead").user
