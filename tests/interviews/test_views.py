"""Interview pages through the test client: import with review, reading, coding, codebook."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pairsight.assessments.models import AuditEvent
from pairsight.interviews.models import Category, Excerpt, Theme, Transcript
from tests.interviews.conftest import Coding

pytestmark = pytest.mark.django_db


def _url(name: str, assessment: Any, **kwargs: Any) -> str:
    return reverse(f"interviews:{name}", kwargs={"assessment_id": assessment.pk, **kwargs})


def test_reading_a_transcript_is_audited_and_text_is_escaped(
    coding: Coding, client_for: Any
) -> None:
    from pairsight.interviews import actions

    team = coding.team
    hostile = actions.store_transcript(
        actor=team.editor,
        participant=coding.participant,
        title="<b>T</b>",
        source_format="Plain text",
        text="Interviewer: <script>alert(1)</script> hello",
        accepted=[],
    )
    client = client_for(team.viewer)
    before = AuditEvent.objects.filter(action="transcript read").count()
    response = client.get(_url("transcript", team.assessment, transcript_id=hostile.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Coding needs the editor role" in page
    assert "data-coding-form" not in page
    assert AuditEvent.objects.filter(action="transcript read").count() == before + 1


def test_an_editor_tags_a_turn_and_a_viewer_cannot(coding: Coding, client_for: Any) -> None:
    team = coding.team
    url = _url("code", team.assessment, transcript_id=coding.transcript.pk)
    text = coding.transcript.text
    start = text.index("Nobody asked me")
    data = {"turn": 3, "start": start, "end": start + 15, "themes": [coding.not_asked.pk]}
    assert client_for(team.viewer).post(url, data).status_code == 403
    assert Excerpt.objects.count() == 0
    response = client_for(team.editor).post(url, data)
    assert response.status_code == 302
    excerpt = Excerpt.objects.get()
    assert excerpt.text == "Nobody asked me" and excerpt.coder == team.editor


def test_tagging_without_a_theme_says_so(coding: Coding, client_for: Any) -> None:
    team = coding.team
    url = _url("code", team.assessment, transcript_id=coding.transcript.pk)
    response = client_for(team.editor).post(url, {"turn": 0, "start": 0, "end": 5})
    assert response.status_code == 400
    assert "Choose at least one theme" in response.content.decode()
    assert Excerpt.objects.count() == 0


def test_codebook_import_of_a_bad_file_names_it_and_changes_nothing(
    coding: Coding, client_for: Any
) -> None:
    team = coding.team
    themes = list(Theme.objects.values_list("name", flat=True))
    bad = SimpleUploadedFile("codes.qdc", b"<nope", content_type="application/xml")
    response = client_for(team.editor).post(
        _url("codebook", team.assessment), {"action": "import", "file-file": bad}
    )
    assert response.status_code == 400
    assert "codes.qdc: Not a REFI-QDA codebook" in response.content.decode()
    assert list(Theme.objects.values_list("name", flat=True)) == themes


def test_starter_codebook_and_download(team: Any, client_for: Any) -> None:
    client = client_for(team.editor)
    response = client.post(_url("codebook", team.assessment), {"action": "starter"})
    assert response.status_code == 302
    assert Category.objects.filter(assessment=team.assessment).count() == 8
    download = client.get(_url("codebook_download", team.assessment, file_format="csv"))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('.csv"')
    assert b"Barriers for families" in download.content
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).exists()


def test_search_page_marks_matches_and_links_to_the_turn(coding: Coding, client_for: Any) -> None:
    response = client_for(coding.team.viewer).get(
        _url("search", coding.team.assessment), {"q": "judge"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>judge</mark>" in page
    assert "?turn=1#turn-1" in page


def test_themes_page_counts_merged_coding(coding: Coding, client_for: Any) -> None:
    from pairsight.interviews import actions

    team = coding.team
    actions.code_excerpt(
        actor=team.editor,
        transcript=coding.transcript,
        start=0,
        end=11,
        theme_ids=[coding.fear.pk],
    )
    actions.merge_coding(actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk)
    response = client_for(team.viewer).get(_url("themes", team.assessment))
    rows = {row["count"].theme: row for row in response.context["rows"]}
    assert rows["Fear of judgement"]["cells"] == [(0, 0), (0, 0), (1, 1)]


def test_a_participant_with_attributes_and_a_bad_line_named(team: Any, client_for: Any) -> None:
    from pairsight.interviews.models import Participant

    client = client_for(team.editor)
    url = _url("participant_add", team.assessment)
    data = {"pseudonym": "H3", "group": "practitioner", "role": "Health visitor"}
    bad = client.post(url, {**data, "attributes": "Years in post: 6\nno colon here"})
    assert bad.status_code == 400
    assert "Line 2: write each attribute as name: value" in bad.content.decode()
    assert not Participant.objects.exists()
    good = client.post(url, {**data, "attributes": "Years in post: 6\nBorough: North"})
    assert good.status_code == 302
    stored = Participant.objects.get()
    assert stored.attributes == {"Years in post": "6", "Borough": "North"}
    assert stored.group == "practitioner" and stored.role == "Health visitor"


def test_only_a_lead_deletes_a_transcript_and_its_coding(coding: Coding, client_for: Any) -> None:
    team = coding.team
    url = _url("transcript_delete", team.assessment, transcript_id=coding.transcript.pk)
    assert client_for(team.editor).post(url).status_code == 403
    assert Transcript.objects.filter(pk=coding.transcript.pk).exists()
    assert client_for(team.lead).post(url).status_code == 302
    assert not Transcript.objects.filter(pk=coding.transcript.pk).exists()
    event = AuditEvent.objects.get(action="transcript deleted")
    assert "Nobody" not in str(event.before)


def test_a_search_that_shows_turns_is_audited_without_its_words(
    coding: Coding, client_for: Any
) -> None:
    client_for(coding.team.viewer).get(_url("search", coding.team.assessment), {"q": "judge"})
    event = AuditEvent.objects.get(action="transcripts searched")
    assert event.actor == coding.team.viewer
    assert "judge" not in event.summary and "judge" not in str(event.after)
