"""The report page: preview, downloads, the small-number rule, building, failing and publishing.

Builds are real (every format rendered into a temporary reports folder), so each test builds
as few times as it needs.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from pairsight.assessments.models import AuditEvent, Membership
from pairsight.core.document import Chart, Section, Table
from pairsight.reports import queries
from pairsight.reports.build import FORMATS
from pairsight.reports.models import ReportBuild, ReportSettings

HTMX = {"HTTP_HX_REQUEST": "true"}
SIGNATURES = {"html": b"<!DOCTYPE html>", "pdf": b"%PDF-", "docx": b"PK", "pptx": b"PK"}


@pytest.fixture(autouse=True)
def reports_dir(settings: Any, tmp_path: Any) -> Any:
    settings.PAIRSIGHT_REPORTS_DIR = tmp_path / "reports"
    return settings.PAIRSIGHT_REPORTS_DIR


def url(name: str, assessment: Any) -> str:
    return reverse(f"reports:{name}", kwargs={"assessment_id": assessment.pk})


def lead_of(assessment: Any) -> Any:
    return Membership.objects.filter(assessment=assessment, role="lead").first().user


def body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def downloaded(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def events(assessment: Any, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(assessment=assessment, action=action))


def test_before_the_first_build_the_page_says_so_and_offers_to_build(team, client_for):
    page = client_for(team.editor).get(url("page", team.assessment))
    text = body(page)
    assert page.status_code == 200
    assert "Not built yet" in text
    assert "Build the report" in text
    assert "Publish the report" not in text, "only the lead publishes, and only a draft"
    assert "<iframe" not in text

    viewer = client_for(team.viewer)
    text = body(viewer.get(url("page", team.assessment)))
    assert "An editor or the lead of the assessment can build it" in text
    assert "Build the report" not in text

    missing = viewer.get(url("download_pdf", team.assessment))
    assert missing.status_code == 200
    assert "There is no PDF to download" in body(missing)
    preview = viewer.get(url("preview", team.assessment))
    assert "No report has been built yet" in body(preview)
    assert not events(team.assessment, "exported"), "nothing was downloaded"


def test_the_demo_report_is_built_previewed_and_downloaded(demo, client_for):
    assessment = demo.assessment
    client = client_for(lead_of(assessment))
    response = client.post(url("build", assessment))
    assert response.status_code == 302

    page = client.get(response["Location"])
    text = body(page)
    assert "The report has been built" in text
    assert ">Draft<" in text
    for fmt in FORMATS.values():
        assert fmt.label[0].upper() + fmt.label[1:] in text
    assert f'src="{url("preview", assessment)}' in text

    preview = client.get(url("preview", assessment))
    html = body(preview)
    assert "2,760" in html and "2,420" in html
    assert "Draft</strong> – not for publication" in html
    assert "Nuttall C, Mitchell Meades A (2022)" in html, "the sources are in the appendix"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "script-src" not in preview["Content-Security-Policy"], "no script may run"
    # The page itself keeps the strict policy.
    assert page["Content-Security-Policy"].startswith("default-src 'self'")
    assert page["X-Frame-Options"] == "DENY"

    built = [e for e in events(assessment, "report built")]
    assert len(built) == 1 and built[0].actor_name == "Demo user (demo)"
    for name, fmt in FORMATS.items():
        download = client.get(url(f"download_{name}", assessment))
        assert download.status_code == 200
        assert download["Content-Type"] == fmt.media_type
        assert download["Content-Disposition"].startswith("attachment; filename=")
        assert f"-draft{fmt.suffix}" in download["Content-Disposition"]
        assert downloaded(download).startswith(SIGNATURES[name])
    exports = events(assessment, "exported")
    # The preview is recorded too: it can be printed or saved like a download.
    formats = [*(f.label for f in FORMATS.values()), "HTML (preview)"]
    assert sorted(e.after["format"] for e in exports) == sorted(formats)
    assert all(e.object_type == "report" and e.after["status"] == "draft" for e in exports)
    assert "Downloaded the draft report as PDF" in {e.summary for e in exports}


def _broken_section(assessment: Any) -> Section:
    """A workstream whose chart Vega-Lite cannot draw (an unknown mark)."""
    table = Table(caption="Broken chart data", columns=("Group", "People"), rows=(("A", 40),))
    chart = Chart(spec={"mark": "pie-ish", "data": {"name": "table"}}, table=table, alt_text="x")
    return Section("A workstream with a broken chart", blocks=(chart,))


def test_a_failed_build_says_why_and_keeps_the_last_good_report(
    demo, client_for, monkeypatch, run_worker
):
    assessment = demo.assessment
    client = client_for(lead_of(assessment))
    client.post(url("build", assessment))
    run_worker()
    good = queries.current_build(assessment)
    before = {f.name: f.path.read_bytes() for f in queries.built_files(good)}

    monkeypatch.setattr(queries, "SECTION_BUILDERS", [*queries.SECTION_BUILDERS, _broken_section])
    response = client.post(url("build", assessment), **HTMX)
    text = body(response)
    assert response.status_code == 200
    assert "Waiting to start" in text and "Cancel the build" in text
    run_worker()
    response = client.get(url("progress", assessment) + "?finished=1", **HTMX)
    text = " ".join(body(response).split())
    assert "Try again" in text, "a failed build can be tried again"
    assert "The last build failed" in text
    assert "Could not build the web page (HTML): ValueError: Chart" in text
    assert "cannot be drawn" in text
    assert "Nothing was changed: the report below is still the one built on" in text

    failed = queries.latest_build(assessment)
    assert failed.state == ReportBuild.State.FAILED and failed.error_format == "html"
    assert queries.current_build(assessment) == good
    assert not queries.build_folder(failed).exists(), "nothing of the failed build is kept"
    for name, content in before.items():
        download = client.get(url(f"download_{name}", assessment))
        assert downloaded(download) == content
    assert "2,420" in body(client.get(url("preview", assessment)))
    [event] = events(assessment, "report build failed")
    assert event.summary.startswith("Could not build the web page (HTML): ValueError")


def test_the_lead_publishes_and_the_draft_marking_goes(
    demo, client_for, django_capture_on_commit_callbacks, run_worker
):
    assessment = demo.assessment
    lead = client_for(lead_of(assessment))
    lead.post(url("build", assessment))
    run_worker()
    assert "Draft</strong>" in body(lead.get(url("preview", assessment)))

    confirm = lead.get(url("publish", assessment))
    assert confirm.status_code == 200
    assert "Yes, publish the report" in body(confirm)
    response = lead.post(url("publish", assessment))
    assert response["Location"] == url("page", assessment)
    # The worker runs the queued build; the page shows it waiting until then.
    waiting = body(lead.get(url("page", assessment)))
    assert "Publishing the report" in waiting and "Waiting to start" in waiting
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    text = body(lead.get(url("progress", assessment) + "?finished=1", **HTMX))
    assert "The report has been published" in text
    assert 'nhsuk-tag--green">Published<' in text
    assert "Publish the report" not in body(lead.get(url("page", assessment)))

    html = body(lead.get(url("preview", assessment)))
    assert "not for publication" not in html
    assert "2,420" in html
    word = Document(io.BytesIO(downloaded(lead.get(url("download_docx", assessment)))))
    header = " ".join(p.text for s in word.sections for p in s.header.paragraphs)
    assert "DRAFT" not in header
    assert "2,760" in "\n".join(p.text for p in word.paragraphs) + "".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )
    [event] = events(assessment, "report published")
    assert event.before["status"] == "draft" and event.after["status"] == "published"
    published = queries.current_build(assessment)
    folders = [p.name for p in queries.reports_folder(assessment.pk).iterdir()]
    assert folders == [f"build-{published.pk}"], "the replaced draft's files are removed"
    assert "-published.docx" in lead.get(url("download_docx", assessment))["Content-Disposition"]

    again = lead.post(url("publish", assessment))
    assert again.status_code == 400
    assert "The report is already published." in body(again)


def test_publishing_needs_a_draft_built_from_the_data_as_it_is_now(team, client_for):
    lead = client_for(team.lead)
    response = lead.post(url("publish", team.assessment))
    assert response.status_code == 400
    assert "There is no draft to publish yet: build the report first." in body(response)

    lead.post(url("build", team.assessment))
    lead.post(url("disclosure", team.assessment), {"disclosure": "under-10"})
    page = body(lead.get(url("page", team.assessment)))
    assert "The assessment has changed since this report was built" in page
    assert "Publish the report" not in page
    response = lead.post(url("publish", team.assessment))
    assert response.status_code == 400
    assert "has changed since the report was last built" in body(response)
    assert not events(team.assessment, "report published")

    for member in (team.editor, team.viewer):
        client = client_for(member)
        assert client.get(url("publish", team.assessment)).status_code == 403
        assert client.post(url("publish", team.assessment)).status_code == 403


def test_an_editor_builds_with_progress_and_the_chosen_rule(team, client_for, run_worker):
    editor = client_for(team.editor)
    response = editor.post(url("disclosure", team.assessment), {"disclosure": "under-10"})
    assert response.status_code == 302
    [change] = events(team.assessment, "report disclosure changed")
    assert change.before == {"disclosure": "nhs"} and change.after == {"disclosure": "under-10"}

    queued = body(editor.post(url("build", team.assessment), **HTMX))
    assert "Waiting to start" in queued
    assert 'hx-trigger="every 1s"' in queued, "the page polls the build's progress"
    polled = editor.get(url("progress", team.assessment), **HTMX)
    assert "Waiting to start" in body(polled)

    run_worker()
    # A page that polled while the build ran fetches the new workspace once it is over.
    polled = body(editor.get(url("progress", team.assessment), **HTMX))
    assert "?finished=1" in polled and 'hx-trigger="load"' in polled
    finished = body(editor.get(url("progress", team.assessment) + "?finished=1", **HTMX))
    assert "The report has been built" in finished
    assert 'id="report-workspace"' in finished and "report-progress" not in finished
    assert "Hide counts under 10" in finished

    html = body(editor.get(url("preview", team.assessment)))
    assert "between 1 and 9" in html, "the methods section states the chosen rule"
    assert "No population estimate has been chosen for this assessment yet" in html
    assert (
        events(team.assessment, "report built")[0].actor_name
        == "Eddie Editor (editor@example.nhs.uk)"
    )


def test_viewers_read_and_download_but_cannot_build(team, client_for):
    client_for(team.lead).post(url("build", team.assessment))
    viewer = client_for(team.viewer)
    text = body(viewer.get(url("page", team.assessment)))
    assert "Download" in text and "Build the report" not in text and "Change" not in text
    download = viewer.get(url("download_pptx", team.assessment))
    assert download.status_code == 200
    assert downloaded(download).startswith(b"PK")
    [export] = events(team.assessment, "exported")
    assert export.actor_name == "Vera Viewer (viewer@example.nhs.uk)"

    builds = ReportBuild.objects.count()
    for name in ("build", "cancel", "disclosure", "publish"):
        assert viewer.post(url(name, team.assessment)).status_code == 403
    assert viewer.get(url("disclosure", team.assessment)).status_code == 403
    assert ReportBuild.objects.count() == builds
    assert not ReportSettings.objects.exists()


def test_a_second_build_is_refused_while_one_is_under_way(team, client_for, queued_tasks):
    editor = client_for(team.editor)
    editor.post(url("build", team.assessment), **HTMX)
    refused = " ".join(
        body(client_for(team.lead).post(url("build", team.assessment), **HTMX)).split()
    )
    assert "The report is already being built (started by Eddie Editor" in refused
    assert ReportBuild.objects.filter(assessment=team.assessment).count() == 1


def test_a_build_is_cancelled_from_the_page(team, client_for, run_worker):
    editor = client_for(team.editor)
    editor.post(url("build", team.assessment), **HTMX)
    text = " ".join(body(editor.post(url("cancel", team.assessment), **HTMX)).split())
    assert "The last build was cancelled" in text
    assert "Try again" in text
    run_worker()  # the worker finds nothing to do: the build never runs
    assert queries.current_build(team.assessment) is None
    [event] = events(team.assessment, "report build cancelled")
    assert event.actor == team.editor


def test_a_bad_rule_is_named_and_nothing_is_saved(team, client_for):
    editor = client_for(team.editor)
    response = editor.post(url("disclosure", team.assessment), {"disclosure": "strict"})
    assert response.status_code == 200
    assert "Select one of the small-number rules listed" in body(response)
    assert "nhsuk-error-summary" in body(response)
    response = editor.post(url("disclosure", team.assessment), {})
    assert "Select a small-number rule" in body(response)
    assert not ReportSettings.objects.exists()
    assert not events(team.assessment, "report disclosure changed")
