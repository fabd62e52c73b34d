"""The web app in Debian's Chromium: what a new user does, step by step.

Screenshots of every step are saved in artefacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from pairsight.population.models import Scenario

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-password-for-tests"


def _open_demo_population_page(page: Any) -> None:
    page.get_by_role("link", name=re.compile("Birmingham parent-infant")).click()
    page.get_by_role("link", name="Population need", exact=True).first.click()
    page.wait_for_selector("[data-vega-ready='true']")


def _cell(page: Any, pathway: str) -> str:
    return str(page.locator(f"#pathway-table tr[data-pathway='{pathway}'] td").nth(1).inner_text())


def test_a_new_user_signs_in_and_opens_the_birmingham_demo(browser_page: Any, demo: Any) -> None:
    page = browser_page
    page.open("/")
    assert "/sign-in/" in page.url, "an anonymous visitor is sent to sign in"
    page.screenshot_as("1-sign-in")
    page.get_by_label("Email address or username").fill("demo")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("heading", name="Your assessments").wait_for()
    page.screenshot_as("2-assessments")
    page.get_by_role("link", name=re.compile("Birmingham parent-infant")).click()
    population_card = page.locator("#card-population")
    assert "2,420" in population_card.inner_text()
    assert "Unmet specialised need" in population_card.inner_text()
    page.screenshot_as("3-dashboard")

    page.get_by_role("link", name="Population need", exact=True).first.click()
    page.wait_for_selector("[data-vega-ready='true']")
    assert page.locator("[data-figure='unmet_need']").inner_text() == "2,420"
    assert page.locator("[data-figure='specialised_need']").inner_text() == "2,760"
    expected = {
        "universal": "15,336",
        "insecure_unlikely_to_access": "6,134",
        "disorganised_social_care": "3,987",
        "targeted": "2,454",
        "shorter_term_pair": "613",
        "longer_term_pair": "2,147",
    }
    assert {key: _cell(page, key) for key in expected} == expected
    assert "Nearly 50% of children aged two and under" in page.locator("main").inner_text()
    page.screenshot_as("4-population")
    assert page.console_errors == [], page.console_errors


def test_changing_the_population_updates_the_table_in_place(browser_page: Any, demo: Any) -> None:
    page = browser_page
    page.sign_in("demo", DEMO_PASSWORD)
    _open_demo_population_page(page)
    # A marker on the window survives an in-place update but not a page load.
    page.evaluate("window.pairsightMarker = 'still here'")

    children = page.get_by_label("Number of children")
    children.fill("10000")
    children.press("Tab")
    expect(page.locator("#pathway-table tr[data-pathway='universal'] td").nth(1)).to_have_text(
        "5,000"
    )
    assert _cell(page, "longer_term_pair") == "700"
    assert page.locator("[data-figure='unmet_need']").inner_text() == "560"
    assert page.evaluate("window.pairsightMarker") == "still here"
    assert "children=10000" in page.url, "the address keeps the inputs, for Back and sharing"
    page.wait_for_selector("[data-vega-ready='true']")
    page.locator("summary", has_text="How this was worked out").first.click()
    assert "10,000" in page.locator("#figure-unmet_need .nhsuk-details__text").inner_text()
    page.screenshot_as("updated-in-place")
    assert page.console_errors == [], page.console_errors


def test_saving_and_comparing_two_scenarios(browser_page: Any, demo: Any) -> None:
    page = browser_page
    page.sign_in("demo", DEMO_PASSWORD)
    _open_demo_population_page(page)

    for name, children in (("Lower count", "20000"), ("Higher count", "40000")):
        field = page.get_by_label("Number of children")
        field.fill(children)
        field.press("Tab")
        page.wait_for_url(re.compile(f"children={children}"))
        expect(page.locator("#id_children")).to_have_value(children)
        expect(page.locator("#result")).not_to_have_class(re.compile("htmx-request"))
        page.get_by_label("Name this scenario").fill(name)
        page.get_by_role("button", name="Save scenario").click()
        page.get_by_role("heading", name=name).wait_for()
        assert f"Scenario {name} has been saved" in page.locator("main").inner_text()
        page.get_by_role("link", name="Population need", exact=True).first.click()

    page.get_by_role("link", name=re.compile("Saved scenarios")).click()
    page.get_by_label(re.compile("^Lower count")).check()
    page.get_by_label(re.compile("^Higher count")).check()
    page.screenshot_as("choose-scenarios")
    page.get_by_role("button", name="Compare scenarios").click()

    table = page.locator("#compare-table")
    table.wait_for()
    headers = table.locator("thead th").all_inner_texts()
    assert [h.split("\n")[0] for h in headers[1:]] == ["Higher count", "Lower count"]
    children_row = table.locator("tr", has=page.locator("th", has_text="Number of children"))
    assert children_row.locator("td").all_inner_texts() == ["40,000", "20,000"]
    assert "Differs" in children_row.inner_text()
    unmet_row = table.locator("tr", has=page.locator("th", has_text="Unmet specialised need"))
    assert unmet_row.locator("td").all_inner_texts() == ["3,260", "1,460"]
    page.screenshot_as("compared")

    page.get_by_role("link", name="Higher count").click()
    page.get_by_role("button", name="Choose as the assessment's estimate").click()
    page.get_by_role("link", name="Dashboard").click()
    assert "3,260" in page.locator("#card-population").inner_text()
    assert page.console_errors == [], page.console_errors


def test_a_negative_population_shows_an_error_summary_and_saves_nothing(
    browser_page: Any, demo: Any
) -> None:
    page = browser_page
    page.sign_in("demo", DEMO_PASSWORD)
    _open_demo_population_page(page)
    scenarios_before = Scenario.objects.count()

    page.get_by_label("Number of children").fill("-5")
    page.get_by_role("button", name="Update the estimate").click()
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    link = summary.get_by_role("link", name="Number of children must be 0 or more")
    assert link.get_attribute("href") == "#id_children"
    field_error = page.locator("#id_children-error")
    assert "Number of children must be 0 or more" in field_error.inner_text()
    assert (
        page.locator("#id_children").get_attribute("aria-describedby").endswith("id_children-error")
    )
    # Asking for an update moves focus to the summary, as the design system does on submit.
    expect(summary).to_be_focused()
    assert page.get_by_role("button", name="Save scenario").count() == 0
    page.screenshot_as("error-summary")

    link.click()
    assert page.evaluate("document.activeElement.id") == "id_children"
    assert Scenario.objects.count() == scenarios_before
    assert page.console_errors == [], page.console_errors


def test_a_lead_adds_someone_who_sets_their_password_with_the_link(
    browser_page: Any, browser: Any, demo: Any
) -> None:
    page = browser_page
    page.sign_in("demo", DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile("Birmingham parent-infant")).click()
    # The header shows as many links as fit; the rest are under "More".
    more = page.get_by_role("button", name="Browse More")
    if more.is_visible():
        more.click()
    page.get_by_role("link", name="Team").click()
    page.get_by_role("button", name="Add someone").click()
    page.get_by_label("Full name").fill("Priya Analyst")
    page.get_by_label("Email address").fill("priya.analyst@example.nhs.uk")
    page.get_by_label("Viewer").check()
    page.get_by_role("button", name="Add to the team").click()
    assert "priya.analyst@example.nhs.uk has been added as viewer" in page.inner_text("main")
    page.screenshot_as("added")
    page.get_by_role("button", name="Make a set-password link for Priya Analyst").click()
    link = page.locator("#set-password-link").inner_text().strip()
    assert "/set-password/" in link
    page.screenshot_as("one-time-link")

    newcomer = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = newcomer.new_page()
        other.goto(link)
        other.get_by_label("Create a password").fill("a-long-new-password-2025")
        other.get_by_label("Confirm your password").fill("a-long-new-password-2025")
        other.get_by_role("button", name="Set password and sign in").click()
        other.get_by_role("heading", name=re.compile("Birmingham parent-infant")).wait_for()
        assert "You are a viewer of this assessment" in other.locator("main").inner_text()
        assert other.get_by_role("link", name=re.compile("Change progress")).count() == 0

        other.goto(link)
        assert "This link no longer works" in other.locator("h1").inner_text()
    finally:
        newcomer.close()
