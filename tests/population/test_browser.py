"""The population page in Debian's Chromium: official figures used with one click, sources
that stay with their values, and live updates that keep panels open and focus in place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from pairsight.officialdata.added import add_file
from pairsight.population.models import Scenario
from pairsight.reports import queries
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "officialdata" / "fixtures"
DEMO_PASSWORD = "demo-password-for-tests"


@pytest.fixture
def official_folder(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "official"
    with (FIXTURES / "mye2_persons_synthetic.xlsx").open("rb") as stream:
        add_file(
            stream,
            "mye2_persons_synthetic.xlsx",
            folder,
            source="SYNTHETIC test fixture (tests/officialdata/make_fixtures.py)",
        )
    settings.PAIRSIGHT_OFFICIAL_DATA_DIR = folder
    return folder


def test_a_lead_starts_an_assessment_and_uses_the_official_figures_with_one_click(
    browser_page: Any, make_user: Any, official_folder: Path
) -> None:
    lead = make_user("new.lead@example.nhs.uk", name="Nia Lead")
    page = browser_page
    page.sign_in(lead.username, PASSWORD)
    page.open("/assessments/new/")
    page.get_by_label("Title").fill("Synthetic Unitary A needs assessment")
    page.get_by_label("Area name").fill("Synthetic Unitary A")
    page.get_by_label("ONS code").fill("e06900001")  # typed in lower case
    page.get_by_label("Start year").fill("2025")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("link", name="Population need", exact=True).first.click()

    card = page.locator("#official-figures")
    # Ages 0 (1,500) and 1 (1,520) of the fixture's Synthetic Unitary A: 3,020.
    expect(card).to_contain_text("Children under two, mid-year estimate (Mid-2022)")
    expect(card).to_contain_text("3,020")
    page.screenshot_as("1-official-figures-offered")
    card.get_by_role("link", name=re.compile("^Use this number of children")).click()

    expect(page.locator("#id_children")).to_have_value("3020")
    basis = page.locator(".app-estimate-basis")
    expect(basis).to_contain_text("Official statistics")
    expect(basis).to_contain_text("Mid-2022 children aged 0 (1,500) + aged 1 (1,520) = 3,020")
    page.screenshot_as("2-official-figures-used")

    page.get_by_label("Name this scenario").fill("Mid-2022 estimate")
    page.get_by_role("button", name="Save scenario").click()
    page.get_by_role("button", name="Choose as the assessment's estimate").click()
    scenario = Scenario.objects.get(name="Mid-2022 estimate")
    report = queries.assessment_report(scenario.assessment)
    inputs = [i for s in report.all_sections() for i in s.inputs]
    children = next(i for i in inputs if i.name == "Children under two")
    assert children.origin.startswith("Mid-2022 children aged 0 (1,500)")
    assert "ONS mid-year population estimates" in children.origin
    assert page.console_errors == [], page.console_errors


def test_typed_numbers_are_entered_by_the_person_and_panels_stay_open(
    browser_page: Any, demo: Any
) -> None:
    page = browser_page
    page.sign_in("demo", DEMO_PASSWORD)
    page.open(f"/assessments/{demo.assessment.pk}/population/")
    page.wait_for_selector("[data-vega-ready='true']")
    basis = page.locator(".app-estimate-basis")
    expect(basis).to_contain_text("Source: Nuttall C")
    expect(basis).to_contain_text("Families already seen")

    children = page.get_by_label("Number of children")
    children.fill("40,000")
    children.press("Tab")
    expect(page.locator("[data-figure='unmet_need']")).not_to_have_text("2,420")
    expect(basis).to_contain_text("Source: entered by Demo user")
    expect(page.locator("#id_children-hint")).to_contain_text("was given for 30,672")
    children = page.get_by_label("Number of children")
    children.fill("30672")
    children.press("Tab")
    expect(page.locator("[data-figure='unmet_need']")).to_have_text("2,420")
    expect(basis).to_contain_text("Source: Nuttall C")

    # Open the pathway split, change a part: the panel stays open, focus stays in the form,
    # and the page says the parts no longer add up to 30.
    page.locator("#split-details summary").click()
    targeted = page.locator("#id_insecure_targeted")
    targeted.fill("15")
    targeted.press("Tab")
    note = page.locator("#parts-note-insecure")
    expect(note).to_contain_text("add up to 37, not 30")
    expect(page.locator("#split-details")).to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.id") == "id_insecure_shorter_term_pair"
    page.screenshot_as("parts-do-not-add-up")
    note.get_by_role("button", name="Rescale the insecure parts to add up to 30").click()
    expect(page.locator("#id_insecure_targeted")).to_have_value("12.162")
    expect(page.locator("#parts-note-insecure")).to_have_count(0)

    page.locator("#staff-details summary").click()
    caseload = page.get_by_label(re.compile("Families each whole-time practitioner"))
    caseload.fill("40")
    caseload.press("Tab")
    expect(page.locator("[data-figure='staff_needed']")).to_be_visible()
    expect(page.locator("#staff-details")).to_have_attribute("open", "")

    page.get_by_role("button", name="Add another service").click()
    expect(page.get_by_label("Name of service 2")).to_be_focused()

    page.get_by_label("Weight by deprivation").check()
    expect(page.locator("#result")).to_contain_text("Enter how many children live in the most")
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    assert page.console_errors == [], page.console_errors


def test_on_a_phone_chart_labels_stay_readable(browser_page: Any, demo: Any) -> None:
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.sign_in("demo", DEMO_PASSWORD)
    page.open(f"/assessments/{demo.assessment.pk}/population/")
    page.wait_for_selector("[data-vega-ready='true']")
    heights = page.eval_on_selector_all(
        ".app-chart svg text", "texts => texts.map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(h for h in heights if h > 0) >= 9, heights
    # The chart fits the screen: nothing is pushed off to the side.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The update button keeps its distance from the estimate's heading below it.
    gap = page.evaluate(
        "() => document.querySelector('#result h2').getBoundingClientRect().top"
        " - document.querySelector('button[name=update]').getBoundingClientRect().bottom"
    )
    assert gap >= 16, gap
