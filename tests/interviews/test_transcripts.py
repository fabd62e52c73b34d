"""Transcript files of every supported kind read into the same text and speaker turns."""

from __future__ import annotations

import io

import docx
import pytest

from pairsight.interviews.transcripts import TranscriptError, read_transcript, turns_of

EXPECTED = "Interviewer: How are you finding things?\n\nParent 1: Hard at first. Better now."


def _speakers_and_words(text: str) -> list[tuple[str, str]]:
    return [(t.speaker, text[t.start : t.end]) for t in turns_of(text)]


def test_plain_text_keeps_turns_and_joins_wrapped_lines() -> None:
    content = b"Interviewer: How are you finding things?\nParent 1: Hard at first.\nBetter now.\n"
    transcript = read_transcript(content, "p1.txt")
    assert transcript.text == EXPECTED
    assert [(t.speaker, transcript.text[t.start : t.end]) for t in transcript.turns] == [
        ("Interviewer", "How are you finding things?"),
        ("Parent 1", "Hard at first. Better now."),
    ]
    assert transcript.speakers() == ("Interviewer", "Parent 1")


def test_markdown_labels_in_bold() -> None:
    content = (
        b"# Interview 3\n\n**Interviewer:** How are you finding things?\n\n"
        b"**Parent 1:** Hard at first. *Better* now.\n"
    )
    transcript = read_transcript(content, "p1.md")
    assert transcript.text.endswith(EXPECTED)


def test_teams_vtt_with_voice_tags_joins_one_speakers_cues() -> None:
    content = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Interviewer>How are you finding "
        b"things?</v>\n\n00:00:04.000 --> 00:00:05.000\n<v Parent 1>Hard at first.</v>\n\n"
        b"00:00:05.500 --> 00:00:06.000\n<v Parent 1>Better now.</v>\n"
    )
    assert read_transcript(content, "teams.vtt").text == EXPECTED


def test_zoom_srt_with_speaker_prefixes() -> None:
    content = (
        b"1\n00:00:01,000 --> 00:00:03,000\nInterviewer: How are you finding things?\n\n"
        b"2\n00:00:04,000 --> 00:00:05,000\nParent 1: Hard at first.\n\n"
        b"3\n00:00:05,000 --> 00:00:06,000\nBetter now.\n"
    )
    assert read_transcript(content, "zoom.srt").text == EXPECTED


def test_word_document() -> None:
    document = docx.Document()
    document.add_paragraph("Interviewer: How are you finding things?")
    document.add_paragraph("Parent 1: Hard at first. Better now.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_transcript(buffer.getvalue(), "p1.docx").text == EXPECTED


def test_pdf_with_a_text_layer() -> None:
    from weasyprint import HTML

    pdf = HTML(
        string="<p>Interviewer: How are you finding things?</p><p>Parent 1: Hard at first. "
        "Better now.</p>"
    ).write_pdf()
    assert read_transcript(pdf, "p1.pdf").text == EXPECTED


def test_stored_text_gives_back_its_turns_after_redaction() -> None:
    text = "[NAME 1]: Hello there.\n\nInterviewer: Hi."
    assert _speakers_and_words(text) == [("[NAME 1]", "Hello there."), ("Interviewer", "Hi.")]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"hello", "notes.rtf", "unknown kind of file .rtf"),
        (b"   ", "empty.txt", "the file is empty"),
        (b"00:00:01.000 --> 00:00:02.000\nhi", "x.vtt", "starts with WEBVTT"),
        (b"not a zip", "x.docx", "not a Word"),
        (b"%PDF-1.4 nonsense", "x.pdf", "PDF"),
    ],
)
def test_unreadable_files_say_why(content: bytes, name: str, message: str) -> None:
    with pytest.raises(TranscriptError, match=message):
        read_transcript(content, name)
