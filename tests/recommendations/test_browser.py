"""The register in Debian's Chromium: a lead writes a recommendation and cites its evidence.

Screenshots of every step are saved in artefacts/screenshots/; axe-core checks each page.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from pairsight.recommendations.models import Citation
from pairsight.surveys.demo import add_demo_surveys

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


def test_a_lead_writes_a_recommendation_and_cites_a_finding_and_the_need(
    browser_page: Any, demo: Any
) -> None:
    add_demo_surveys(demo.assessment)
    page = browser_page
    problems: dict[str, list[str]] = {}
    page.sign_in("demo", DEMO_PASSWORD)
    page.open(f"/assessments/{demo.assessment.pk}/")
    page.locator("#card-recommendations").get_by_role(
        "link", name="Recommendations", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Recommendations", level=1)).to_be_visible()
    _checked(page, "1-empty-register", problems)

    page.get_by_role("link", name="Write a recommendation").click()
    page.get_by_role("button", name="Save the recommendation").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    _checked(page, "2-errors", problems)
    page.get_by_label("Category").select_option("Training the workforce")
    page.get_by_label("A short title").fill("Train practitioners in infant communication")
    page.get_by_label("The recommendation", exact=True).fill(
        "Offer <b>training</b> in understanding infant communication."
    )
    page.get_by_label("Who is the recommendation for").fill("Practitioners, commissioners")
    page.get_by_label("High").check()
    page.get_by_role("button", name="Save the recommendation").click()
    expect(page.get_by_text("Recommendation 4.1 added.")).to_be_visible()
    # Text from a person is shown as text, never as markup.
    expect(page.get_by_text("Offer <b>training</b> in understanding")).to_be_visible()
    _checked(page, "3-recommendation", problems)

    page.get_by_role("link", name="Cite evidence").click()
    offered = page.locator("#evidence-offered + table")
    survey_row = offered.locator("tr", has_text="Q").first
    finding = survey_row.locator("th").inner_text()
    _checked(page, "4-cite", problems)
    survey_row.get_by_role("button").click()
    expect(page.get_by_text("Evidence cited.")).to_be_visible()
    page.locator(
        "#evidence-offered + table tr", has_text="Unmet specialised PAIR need"
    ).get_by_role("button").click()
    expect(page.get_by_text("Evidence cited.")).to_be_visible()
    page.get_by_role("link", name=re.compile("Back to recommendation 4.1")).click()
    evidence = page.get_by_role("table", name=re.compile("Evidence for recommendation 4.1"))
    expect(evidence).to_contain_text("Unmet specialised PAIR need")
    expect(evidence).to_contain_text("2,420")
    expect(evidence).to_contain_text(finding.split(" Starred")[0].strip()[:40])
    _checked(page, "5-evidence", problems)

    page.get_by_role("link", name="Recommendations", exact=True).first.click()
    expect(page.locator("#register-count")).to_have_text("Showing 1 of 1 recommendation.")
    page.get_by_label("Only recommendations with no evidence").check()
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#register-count")).to_have_text("Showing 0 of 1 recommendation.")
    page.get_by_label("By who it is for").check()
    page.get_by_label("Only recommendations with no evidence").uncheck()
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Commissioners", exact=True)).to_be_visible()
    _checked(page, "6-by-audience", problems)

    page.get_by_role("link", name="Import a register from CSV or Excel").click()
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "register.csv",
                "mimeType": "text/csv",
                "buffer": b"Recommendation,Who is the recommendation for,How can the "
                b"recommendation be achieved,Next steps,Category\nText,Who,How,Next,Housing\n",
            }
        ]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-problems")).to_contain_text("Row 2, column 'Category': 'Housing'")
    _checked(page, "7-import-error", problems)
    page.open(f"/assessments/{demo.assessment.pk}/recommendations/categories/")
    expect(page.get_by_role("row", name=re.compile("Training the workforce 1"))).to_be_visible()
    _checked(page, "8-categories", problems)

    assert sorted(c.key.split(":")[0] for c in Citation.objects.all()) == [
        "population",
        "surveys",
    ]
    assert problems == {}
