"""The consultation in Debian's Chromium: the lead adds a consultee and opens a round; the
consultee rates and comments and cannot open the rest of the assessment; the lead reads the
response and records the change made. Screenshots in artefacts/screenshots/; axe-core on each."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pairsight.recommendations import actions
from pairsight.recommendations.models import ConsultationChange, ConsultationResponse

from .conftest import in_a_fortnight

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-password-for-tests"
CONSULTEE_PASSWORD = "a-stakeholder-passphrase-2026"


def _checked(page: Any, name: str, problems: dict[str, list[str]], status: int = 200) -> None:
    page.wait_for_load_state()
    assert page.document_status == status, f"{name}: HTTP {page.document_status}"
    if status == 200:
        assert page.take_console_errors() == [], name
    else:
        page.take_console_errors()  # the browser logs the refused page itself
    page.screenshot_as(name)
    found = page.axe_violations()
    if found:
        problems[name] = found


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_consultee_responds_and_sees_nothing_else_and_the_lead_records_the_change(
    browser_page: Any, demo: Any, demo_lead: Any, make_user: Any
) -> None:
    assessment = demo.assessment
    recommendation = actions.create_recommendation(
        actor=demo_lead,
        assessment=assessment,
        category="Training the workforce",
        title="Train practitioners in infant communication",
        text="Offer training in understanding infant communication.",
        audience="Practitioners",
    )
    actions.cite_evidence(
        actor=demo_lead, recommendation=recommendation, key="population:unmet-need"
    )
    make_user("stakeholder@example.org", name="Stella Stakeholder", password=CONSULTEE_PASSWORD)
    page = browser_page
    problems: dict[str, list[str]] = {}

    # The lead adds the stakeholder as a consultee, the way any member is added.
    page.sign_in("demo", DEMO_PASSWORD)
    page.open(reverse("assessments:member_add", args=[assessment.pk]))
    page.get_by_label("Full name").fill("Stella Stakeholder")
    page.get_by_label("Email address").fill("stakeholder@example.org")
    page.get_by_label("Consultee").check()
    _checked(page, "1-add-consultee", problems)
    page.get_by_role("button", name="Add to the team").click()
    expect(page.get_by_text("stakeholder@example.org has been added as consultee")).to_be_visible()

    # ... and opens the consultation from the register.
    page.open(reverse("recommendations:register", args=[assessment.pk]))
    page.get_by_role("link", name="Consultation on the recommendations").click()
    _checked(page, "2-consultation-home", problems)
    page.get_by_role("button", name="Open a consultation").click()
    page.get_by_label("Closing date").fill(in_a_fortnight().isoformat())
    expect(page.get_by_label("4.1 Train practitioners in infant communication")).to_be_checked()
    _checked(page, "3-open", problems)
    page.get_by_role("button", name="Open the consultation").click()
    expect(page.get_by_text("The consultation is open.")).to_be_visible()
    round_url = page.url
    _sign_out(page)

    # The consultee finds only the consultation.
    page.sign_in("stakeholder@example.org", CONSULTEE_PASSWORD)
    page.get_by_role("link", name=assessment.title).click()
    expect(page.get_by_role("heading", name="Consultation on the recommendations")).to_be_visible()
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.get_by_role("link")).to_have_count(2)  # their assessments, the consultation
    _checked(page, "4-consultee-round", problems)
    page.get_by_role("link", name=re.compile("4.1 Train practitioners")).click()
    evidence = page.get_by_role("table", name=re.compile("Evidence for recommendation 4.1"))
    expect(evidence).to_contain_text("Unmet specialised PAIR need")
    expect(evidence).to_contain_text("2,420")
    page.get_by_role("button", name="Save your response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    _checked(page, "5-respond-error", problems, status=400)
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("Your comments (optional)").fill("Include <b>fathers</b> too.")
    _checked(page, "6-respond", problems, status=400)
    page.get_by_role("button", name="Save your response").click()
    expect(page.get_by_text("Your response to recommendation 4.1 is saved.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("4.1 .* Agree"))).to_be_visible()
    _checked(page, "7-responded", problems)

    for name in (
        "assessments:dashboard",
        "population:page",
        "surveys:list",
        "reports:page",
        "recommendations:register",
        "assessments:team",
    ):
        page.open(reverse(name, args=[assessment.pk]))
        assert page.document_status == 403, name
        page.take_console_errors()
    page.open(reverse("recommendations:detail", args=[assessment.pk, recommendation.pk]))
    assert page.document_status == 403
    page.screenshot_as("8-refused")
    page.take_console_errors()
    _sign_out(page)

    # The lead reads the response and records the change made.
    page.sign_in("demo", DEMO_PASSWORD)
    page.open(round_url.removeprefix(page.base_url))
    section = page.locator(f"#recommendation-{recommendation.pk}")
    expect(section.get_by_role("row", name="Agree 1", exact=True)).to_be_visible()
    expect(section).to_contain_text("Include <b>fathers</b> too.")
    expect(section).to_contain_text("Stella Stakeholder")
    _checked(page, "9-team-round", problems)
    section.get_by_role("link", name=re.compile("Record the change made")).click()
    page.get_by_label("What was changed and why").fill("Named fathers and co-parents.")
    _checked(page, "10-change", problems)
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("The change made to recommendation 4.1 is recorded.")).to_be_visible()
    expect(section).to_contain_text("Named fathers and co-parents.")
    _checked(page, "11-change-recorded", problems)

    response = ConsultationResponse.objects.get()
    assert (response.rating, response.comment) == (4, "Include <b>fathers</b> too.")
    assert ConsultationChange.objects.get().note == "Named fathers and co-parents."
    assert problems == {}
