"""Interview pages in Debian's Chromium: coding with the keyboard alone; viewers cannot code.

Screenshots go to artefacts/screenshots/; axe-core checks every page.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from pairsight.interviews.models import Excerpt
from tests.interviews.conftest import TRANSCRIPT_TEXT, Coding

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"


def _checked(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    page.wait_for_load_state()
    page.screenshot_as(name)
    found = page.axe_violations()
    if found:
        problems[name] = found


def _tab_to(page: Any, test: str, limit: int = 200) -> None:
    """Press Tab until the focused element passes `test` (a JavaScript predicate)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({test}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def test_a_coder_selects_words_and_tags_them_with_the_keyboard_alone(
    browser_page: Any, coding: Coding
) -> None:
    page, team = browser_page, coding.team
    problems: dict[str, list[str]] = {}
    page.sign_in(team.editor.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/interviews/")
    _checked(page, "1-interviews", problems)
    page.open(f"/assessments/{team.assessment.pk}/interviews/transcripts/{coding.transcript.pk}/")
    _checked(page, "2-transcript", problems)

    # The fourth turn ("Nobody asked me about that ..."): reach its link and open it.
    _tab_to(page, "e.textContent.includes('Code this turn') && e.textContent.includes('(4,')")
    page.keyboard.press("Enter")
    page.wait_for_url("**?turn=3#coding")
    _tab_to(page, "e.id === 'coding-text'")
    page.keyboard.press("Control+Home")
    for _ in range(len("Nobody asked me")):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.locator("#coding-selection")).to_have_text("Tagging: “Nobody asked me”")
    _tab_to(page, f"e.id === 'theme-{coding.not_asked.pk}'")
    page.keyboard.press("Space")
    _tab_to(page, "e.tagName === 'BUTTON' && e.textContent.includes('Tag with the chosen themes')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The excerpt has been tagged")).to_be_visible()
    _checked(page, "3-tagged", problems)

    excerpt = Excerpt.objects.get()
    assert excerpt.text == "Nobody asked me"
    assert excerpt.coder == team.editor
    assert list(excerpt.themes.values_list("name", flat=True)) == ["Not asked"]
    expect(page.locator("mark.app-coded")).to_have_text("Nobody asked me")

    for name, path in (
        ("4-codebook", "codebook/"),
        ("5-themes", "themes/"),
        ("6-agreement", "agreement/"),
        ("7-search", "search/?q=judge"),
        ("8-upload", "transcripts/upload/"),
    ):
        page.open(f"/assessments/{team.assessment.pk}/interviews/{path}")
        _checked(page, name, problems)

    page.get_by_label("Title").fill("Parent interview 2")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "p2.txt", "mimeType": "text/plain", "buffer": TRANSCRIPT_TEXT.encode()}]
    )
    page.get_by_role("button", name="Read the file and propose redactions").click()
    expect(page.get_by_role("heading", name="Review the redactions")).to_be_visible()
    _checked(page, "9-review", problems)
    page.get_by_role("button", name="Store the redacted transcript").click()
    expect(page.get_by_role("heading", name="Parent interview 2")).to_be_visible()
    assert "Sarah Khan" not in page.content()
    assert page.console_errors == []
    assert problems == {}


def test_a_viewer_reads_but_cannot_code(browser_page: Any, coding: Coding) -> None:
    page, team = browser_page, coding.team
    problems: dict[str, list[str]] = {}
    page.sign_in(team.viewer.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/interviews/transcripts/{coding.transcript.pk}/")
    _checked(page, "1-viewer-transcript", problems)
    expect(page.get_by_text("Coding needs the editor role")).to_be_visible()
    expect(page.get_by_text("Code this turn")).to_have_count(0)
    expect(page.locator("[data-coding-form]")).to_have_count(0)
    # Even a hand-made request is refused.
    status = page.evaluate(
        """async (url) => (await fetch(url, {method: "POST", body: new URLSearchParams(
            {start: "0", end: "5", themes: "1"})})).status""",
        f"/assessments/{team.assessment.pk}/interviews/transcripts/{coding.transcript.pk}/code/",
    )
    assert status == 403
    assert Excerpt.objects.count() == 0
    page.forget_console_errors("Failed to load resource")
    assert problems == {}


def test_a_transcript_is_read_by_the_worker_then_reviewed(
    browser_page: Any, coding: Coding, worker_thread: None, interview_uploads: Any
) -> None:
    page, team = browser_page, coding.team
    problems: dict[str, list[str]] = {}
    page.sign_in(team.editor.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/interviews/transcripts/upload/")
    page.get_by_label("Title").fill("Parent interview 3")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "p3.txt", "mimeType": "text/plain", "buffer": TRANSCRIPT_TEXT.encode()}]
    )
    page.get_by_role("button", name="Read the file and propose redactions").click()
    # The progress page polls the job and moves on to the review once the worker is done.
    expect(page.get_by_role("heading", name="Review the redactions")).to_be_visible(timeout=30_000)
    _checked(page, "1-review-after-the-worker", problems)
    page.get_by_role("button", name="Store the redacted transcript").click()
    expect(page.get_by_role("heading", name="Parent interview 3")).to_be_visible()
    assert "Sarah Khan" not in page.content()
    assert list(interview_uploads.iterdir()) == []
    assert page.console_errors == []
    assert problems == {}


def test_a_coder_tags_a_written_survey_answer(browser_page: Any, coding: Coding) -> None:
    from pairsight.surveys.actions import import_file, start_survey

    page, team = browser_page, coding.team
    survey = start_survey(actor=team.lead, assessment=team.assessment, kind="parents")
    import_file(
        actor=team.lead,
        survey=survey,
        content=b"Is there anything else you would like to tell us about support for you and "
        b'your baby?\n"Nobody asked how I was, only the baby\'s weight."\n',
        file_name="parents.csv",
    )
    problems: dict[str, list[str]] = {}
    page.sign_in(team.editor.username, PASSWORD)
    page.open(f"/assessments/{team.assessment.pk}/interviews/answers/")
    _checked(page, "1-survey-answers", problems)
    page.get_by_role("link", name="Tag the answer 1").click()
    _checked(page, "2-tag-an-answer", problems)
    page.get_by_label("Not asked").check()
    page.get_by_role("button", name="Save the themes").click()
    expect(page.get_by_text("The answer has been tagged")).to_be_visible()
    expect(page.get_by_role("cell", name="Not asked", exact=True)).to_be_visible()
    _checked(page, "3-answer-tagged", problems)
    assert page.console_errors == []
    assert problems == {}
