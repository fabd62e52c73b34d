"""axe-core finds no serious or critical accessibility problem on any page of the web app.

Every page is opened as a person would reach it (signed in as the demo lead), including the
pages that show errors, and checked with axe-core in Chromium. Screenshots of each page are
saved in artefacts/screenshots/ for people to look at. Accessibility does not depend on the
database, so these run in the SQLite pass only.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from pairsight.assessments import actions
from pairsight.assessments.models import Membership
from pairsight.population.models import Scenario

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("PAIRSIGHT_TEST_DATABASE") == "postgresql",
        reason="Not in this pass: accessibility does not depend on the database (SQLite pass)",
    ),
]

DEMO_PASSWORD = "demo-password-for-tests"


class Pages:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: dict[str, list[str]] = {}

    def check(self, name: str, status: int = 200) -> None:
        """Look at the page shown now: its HTTP status, axe-core, and its own console errors.

        A page that answers with an error status logs "Failed to load resource" for itself;
        that one line is expected of that page only, never carried over to the next.
        """
        page = self.page
        page.wait_for_load_state()
        if page.locator("[data-vega-spec]").count():
            page.wait_for_selector("[data-vega-ready='true']")
        page.screenshot_as(name)
        problems = []
        if page.document_status != status:
            problems.append(f"HTTP status {page.document_status}, expected {status}")
        problems += page.axe_violations()
        errors = page.take_console_errors()
        if status != 200:
            own = f"the server responded with a status of {status}"
            errors = [e for e in errors if not (e.startswith("Failed to load") and own in e)]
        problems += errors
        if problems:
            self.problems[name] = problems

    def assert_clean(self) -> None:
        assert self.problems == {}


def _lead(assessment: Any) -> Any:
    return Membership.objects.get(assessment=assessment, role="lead").user


def _new_colleague(assessment: Any) -> Any:
    return actions.add_member(
        actor=_lead(assessment),
        assessment=assessment,
        email="new.colleague@example.nhs.uk",
        full_name="New Colleague",
        role="editor",
    )


def test_pages_before_signing_in(browser_page: Any, demo: Any) -> None:
    pages = Pages(browser_page)
    page = browser_page
    page.open("/sign-in/")
    pages.check("sign-in")
    page.get_by_label("Email address or username").fill("demo")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    pages.check("sign-in-error")
    added = _new_colleague(demo.assessment)
    page.open(f"/set-password/{added.token}/")
    pages.check("set-password")
    page.get_by_role("button", name="Set password and sign in").click()
    pages.check("set-password-errors")
    page.open("/set-password/not-a-real-token/")
    pages.check("link-expired", status=404)
    pages.assert_clean()


def test_workspace_pages(browser_page: Any, demo: Any) -> None:
    pages = Pages(browser_page)
    page = browser_page
    base = f"/assessments/{demo.assessment.pk}"
    added = _new_colleague(demo.assessment)
    page.sign_in("demo", DEMO_PASSWORD)
    pages.check("assessments")
    page.open("/assessments/new/")
    pages.check("create-assessment")
    page.get_by_role("button", name="Start the assessment").click()
    pages.check("create-assessment-errors")
    for path, name in (
        ("/", "dashboard"),
        ("/details/", "details"),
        ("/progress/workforce/", "progress"),
        ("/team/", "team"),
        ("/team/add/", "add-member"),
        ("/audit/", "audit"),
        ("/report/", "report"),
        ("/report/disclosure/", "report-disclosure"),
        ("/report/text/", "narrative"),
        ("/report/text/executive-summary/", "narrative-edit"),
        ("/audit/?action=scenario+chosen", "audit-filtered"),
        ("/population/official-data/", "official-data"),
    ):
        page.open(base + path)
        pages.check(name)
    # A filter that cannot hold (a start after its end) answers 400 with its error summary.
    page.open(base + "/audit/?since=2025-02-01&until=2025-01-01")
    pages.check("audit-filter-errors", status=400)
    member = Membership.objects.get(assessment=demo.assessment, user=added.membership.user)
    page.open(f"{base}/team/{member.pk}/")
    pages.check("change-role")
    page.open(f"{base}/team/{member.pk}/remove/")
    pages.check("remove-member")
    page.open(f"{base}/team/add/")
    page.get_by_role("button", name="Add to the team").click()
    pages.check("add-member-errors")
    page.get_by_label("Full name").fill("Sam Researcher")
    page.get_by_label("Email address").fill("sam.researcher@example.nhs.uk")
    page.get_by_label("Editor").check()
    page.get_by_role("button", name="Add to the team").click()
    pages.check("team-after-adding")
    page.get_by_role("button", name="Make a set-password link for Sam Researcher").click()
    pages.check("one-time-link")
    page.open("/account/")
    pages.check("account")
    page.open("/account/password/")
    pages.check("password-change")
    page.open("/assessments/999999/")
    pages.check("not-found", status=404)
    pages.assert_clean()


def test_population_pages(browser_page: Any, demo: Any) -> None:
    pages = Pages(browser_page)
    page = browser_page
    base = f"/assessments/{demo.assessment.pk}/population"
    page.sign_in("demo", DEMO_PASSWORD)
    page.open(f"{base}/")
    pages.check("population")
    field = page.get_by_label("Number of children")
    field.fill("-5")
    page.get_by_role("button", name="Update the estimate").click()
    page.locator(".nhsuk-error-summary").wait_for()
    pages.check("population-errors")
    field.fill("12000")
    field.press("Tab")
    page.wait_for_url(re.compile("children=12000"))
    page.get_by_label("Name this scenario").fill("Twelve thousand")
    page.get_by_role("button", name="Save scenario").click()
    pages.check("scenario")
    scenario = Scenario.objects.get(name="Twelve thousand")
    chosen = Scenario.objects.get(assessment=demo.assessment, is_chosen=True)
    for path, name in (
        ("/scenarios/", "scenarios"),
        (f"/scenarios/{scenario.pk}/delete/", "delete-scenario"),
        (f"/scenarios/compare/?scenario={chosen.pk}&scenario={scenario.pk}", "compare"),
        (f"/scenarios/compare/?scenario={chosen.pk}", "compare-errors"),
    ):
        page.open(base + path)
        pages.check(name)
    pages.assert_clean()
