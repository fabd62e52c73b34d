"""The survey pages in Debian's Chromium: upload, match, import, findings; who may do what.

Screenshots of every step are saved in artefacts/screenshots/, and axe-core checks each page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from pairsight.surveys.demo import add_demo_surveys
from pairsight.surveys.models import Response
from pairsight.surveys.responses import SurveyResponses

from .conftest import ROLE_HEADER, column_of

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _checked(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    page.wait_for_load_state()
    if page.locator("[data-vega-spec]").count():
        page.wait_for_selector("[data-vega-ready='true']")
        expect(page.locator("[data-vega-ready='true']")).to_have_count(
            page.locator("[data-vega-spec]").count()
        )
    page.screenshot_as(name)
    found = page.axe_violations()
    if found:
        problems[name] = found


def test_a_lead_uploads_a_forms_export_fixes_a_match_and_sees_the_findings(
    browser_page: Any,
    worker_thread: None,
    team: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
) -> None:
    def renamed(sheet: Any) -> None:
        sheet.cell(row=1, column=column_of(sheet, ROLE_HEADER)).value = "Job type"

    page = browser_page
    problems: dict[str, list[str]] = {}
    page.sign_in(team.lead.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/")
    page.locator("#card-workforce").get_by_role("link", name="Workforce", exact=True).click()
    page.get_by_role("button", name="Start the workforce survey").click()
    expect(page.get_by_text("The workforce survey has been started")).to_be_visible()
    _checked(page, "1-survey-started", problems)

    page.get_by_role("button", name="Upload responses").click()
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "Practitioners survey(1-89).xlsx",
                "mimeType": XLSX,
                "buffer": forms_export(practitioners, renamed),
            }
        ]
    )
    _checked(page, "2-upload", problems)
    # Note how far the progress bar got while the file was sent (kept across the page
    # change in session storage; this listener runs after the page's own).
    page.evaluate(
        """() => document.addEventListener("htmx:xhr:progress", () => {
          const bar = document.querySelector("#upload-progress");
          const shown = !bar.closest("[data-upload-progress]").hidden;
          sessionStorage.setItem("upload-progress", shown ? String(bar.value) : "hidden");
        })"""
    )
    page.get_by_role("button", name="Upload and match the columns").click()
    page.wait_for_url(re.compile(r"/surveys/workforce/uploads/\d+/$"))
    assert page.evaluate("() => sessionStorage.getItem('upload-progress')") == "100"
    expect(page.get_by_role("heading", name="Match the columns to the questions")).to_be_visible()
    _checked(page, "3-match", problems)

    unmatched = page.locator("#match-table tr[data-column='I']")
    expect(unmatched).to_contain_text("Job type")
    expect(unmatched).to_contain_text("Not matched")
    role = page.get_by_label("Question for column I, “Job type”")
    role.select_option("role")
    page.get_by_role("button", name="Save and check the matches").click()
    expect(page.get_by_text("The column matches have been saved and checked")).to_be_visible()
    expect(page.locator("#match-table tr[data-column='I']")).to_contain_text("Confirmed")
    _checked(page, "4-matched", problems)

    page.get_by_role("button", name="Import 89 responses").click()
    page.wait_for_url(re.compile(r"/surveys/workforce/findings/$"))
    expect(page.get_by_text("89 responses have been imported")).to_be_visible()
    assert Response.objects.filter(survey__assessment=team.assessment).count() == 89
    role_finding = page.locator("#finding-role")
    managers = int((practitioners.frame["role"] == "Manager or supervisor").sum())
    managers_row = role_finding.locator("tbody tr", has_text="Manager or supervisor")
    expect(managers_row.locator("td").first).to_have_text(str(managers))
    _checked(page, "5-findings", problems)

    # Star a finding in place, then look at managers' answers only.
    page.get_by_role("button", name="Star question 10 for the report").click()
    expect(page.get_by_role("button", name=re.compile("^Starred for the report"))).to_be_visible()
    page.get_by_label("Show only the people who answered").select_option(
        "role::Manager or supervisor"
    )
    page.get_by_role("button", name="Show the findings").click()
    expect(page.get_by_text(f"{managers} of the 89 people")).to_be_visible()
    _checked(page, "6-findings-filtered", problems)

    assert page.console_errors == []
    assert problems == {}, problems


def test_a_viewer_reads_the_findings_but_cannot_upload(
    browser_page: Any, team: Any, practitioners: SurveyResponses, forms_export: Any
) -> None:
    add_demo_surveys(team.assessment, team.lead)
    page = browser_page
    page.sign_in(team.viewer.username, PASSWORD)
    base = f"/assessments/{team.assessment.pk}/surveys/parents"
    page.open(base + "/")
    expect(page.get_by_text("SYNTHETIC DATA").first).to_be_visible()
    expect(page.get_by_text("Upload responses")).to_have_count(0)
    page.screenshot_as("1-viewer-survey")
    page.open(base + "/findings/")
    page.wait_for_selector("[data-vega-ready='true']")
    expect(page.get_by_role("button", name=re.compile("Star"))).to_have_count(0)
    response = page.open(base + "/upload/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()
    page.screenshot_as("2-viewer-upload-refused")
    page.forget_console_errors("Failed to load resource")
    assert page.console_errors == []


def test_the_survey_pages_have_no_serious_accessibility_problems(
    browser_page: Any, team: Any, practitioners: SurveyResponses, forms_export: Any
) -> None:
    def astronaut(sheet: Any) -> None:
        sheet.cell(row=37, column=column_of(sheet, ROLE_HEADER)).value = "Astronaut"

    add_demo_surveys(team.assessment, team.lead)
    page = browser_page
    problems: dict[str, list[str]] = {}
    page.sign_in(team.lead.username, PASSWORD)
    base = f"/assessments/{team.assessment.pk}/surveys"
    for path, name in (
        ("/", "surveys"),
        ("/workforce/", "workforce"),
        ("/parents/findings/", "parents-findings"),
        ("/parents/questionnaire/", "questionnaire"),
    ):
        page.open(base + path)
        _checked(page, name, problems)
    expect(page.locator("[data-vega-spec]")).to_have_count(0)

    page.open(base + "/parents/questionnaire/edit/")
    _checked(page, "questionnaire-edit", problems)
    text = page.get_by_label("Questionnaire", exact=True)
    text.fill(text.input_value().replace("kind: scale", "kind: slider", 1))
    page.get_by_role("button", name="Save the questionnaire").click()
    expect(page.get_by_text("kind 'slider' is not one of").first).to_be_visible()
    _checked(page, "questionnaire-edit-error", problems)

    page.open(base + "/parents/upload/")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}]
    )
    page.get_by_role("button", name="Upload and match the columns").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("notes.pdf is a PDF document")
    _checked(page, "upload-error", problems)

    # A real export into the (synthetic) workforce survey: its answers that do not fit.
    page.open(base + "/workforce/upload/")
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "wrong.xlsx",
                "mimeType": XLSX,
                "buffer": forms_export(practitioners, astronaut),
            }
        ]
    )
    page.get_by_role("button", name="Upload and match the columns").click()
    page.wait_for_url(re.compile(r"/uploads/\d+/$"))
    expect(page.locator("#problems-table")).to_contain_text("Astronaut")
    _checked(page, "match-problems", problems)

    page.forget_console_errors("Failed to load resource")
    assert page.console_errors == []
    assert problems == {}, problems


def test_on_a_phone_every_column_of_the_findings_stays_on_screen(
    browser_page: Any, team: Any
) -> None:
    add_demo_surveys(team.assessment, team.lead)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.sign_in(team.lead.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/surveys/parents/findings/")
    page.wait_for_selector("[data-vega-ready='true']")
    # Tables of up to five columns fit; wider rating grids scroll inside their own region.
    overflowing = page.eval_on_selector_all(
        ".nhsuk-table-container:not([role=region]) table",
        "tables => tables.filter(t => t.getBoundingClientRect().right > 375).length",
    )
    assert overflowing == 0
    page.screenshot_as("findings-on-a-phone")


def test_an_editor_has_the_responses_written_and_downloads_them(
    browser_page: Any, team: Any, queued_tasks: None, run_worker: Callable[[], None]
) -> None:
    add_demo_surveys(team.assessment, team.lead)
    page = browser_page
    page.sign_in(team.editor.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/surveys/workforce/")
    page.get_by_role("link", name=re.compile("All responses, laid out as")).click()
    expect(page.get_by_role("heading", name="Download every response")).to_be_visible()
    problems: dict[str, list[str]] = {}
    _checked(page, "1-responses-page", problems)
    page.get_by_role("button", name="Write the workbook").click()
    expect(page.locator("#responses-progress")).to_contain_text("Waiting to start")
    _checked(page, "2-responses-waiting", problems)
    run_worker()
    # The page polls: the download appears without a reload.
    download_button = page.get_by_role("button", name="Download the responses (Excel)")
    expect(download_button).to_be_visible(timeout=30_000)
    _checked(page, "3-responses-written", problems)
    with page.expect_download() as download:
        download_button.click()
    assert download.value.suggested_filename.endswith("-responses.xlsx")
    stored = Response.objects.filter(survey__kind="workforce").count()
    expect(page.locator("#responses-progress")).to_contain_text(f"holds {stored} responses")
    assert problems == {}
    assert page.console_errors == []
