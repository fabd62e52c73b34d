"""Transcript files to text with speaker turns: TXT, Markdown, DOCX, PDF, WebVTT and SRT.

Every format comes out the same way: one turn per paragraph, written `Speaker: words`, turns
separated by a blank line. That plain form is what redaction reads and what is stored, so
the turns can always be found again in the stored (redacted) text by `turns_of`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import PurePath

#: A file larger than this is refused before it is read: a year of interviews is far less.
MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024

FORMATS = {
    ".txt": "Plain text",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".docx": "Word",
    ".pdf": "PDF",
    ".vtt": "WebVTT captions (Teams, Zoom)",
    ".srt": "SRT captions",
}


class TranscriptError(ValueError):
    """A transcript file that cannot be read, with the reason in plain words."""


@dataclass(frozen=True)
class Turn:
    """What one speaker said without interruption; `start`/`end` index the transcript text."""

    speaker: str
    start: int
    end: int


@dataclass(frozen=True)
class Transcript:
    text: str
    turns: tuple[Turn, ...]
    source_format: str

    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(turn.speaker for turn in self.turns))


# A speaker label at the start of a line: "Interviewer:", "**P3:**", "Sarah Jones:",
# "[NAME 1]:" (a redacted name), up to six words and 60 characters.
_LABEL = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<speaker>[\[\(]?[A-Z0-9][\w'’.\-\[\]\(\) ]{0,58}?)"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+",
)
_TIMESTAMP = re.compile(r"^\s*\[?\(?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\)?\]?\s*")


def read_transcript(content: bytes, file_name: str) -> Transcript:
    """The transcript in `content`, read according to the file name's extension."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise TranscriptError(
            f"{file_name}: unknown kind of file {suffix or '(none)'}: use {known}"
        )
    if len(content) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(
            f"{file_name}: {len(content) / 1e6:.1f} MB is more than a transcript can be "
            f"({MAX_TRANSCRIPT_BYTES // 1_000_000} MB)"
        )
    if not content.strip():
        raise TranscriptError(f"{file_name}: the file is empty")
    if suffix == ".docx":
        turns = _plain_turns(_docx_paragraphs(content, file_name))
    elif suffix == ".pdf":
        turns = _plain_turns(_pdf_lines(content, file_name))
    elif suffix == ".vtt":
        turns = _caption_turns(_decode(content, file_name), file_name, vtt=True)
    elif suffix == ".srt":
        turns = _caption_turns(_decode(content, file_name), file_name, vtt=False)
    else:
        lines = _decode(content, file_name).splitlines()
        if suffix in {".md", ".markdown"}:
            lines = [_markdown_line(line) for line in lines]
        turns = _plain_turns(lines)
    if not turns:
        raise TranscriptError(f"{file_name}: no words found in the file")
    return transcript_from_turns(turns, FORMATS[suffix])


def transcript_from_turns(turns: list[tuple[str, str]], source_format: str) -> Transcript:
    """Join (speaker, words) pairs into the plain form, recording where each turn sits."""
    parts: list[str] = []
    found: list[Turn] = []
    position = 0
    for speaker, words in turns:
        label = f"{speaker}: " if speaker else ""
        paragraph = label + words
        if parts:
            position += 2
        found.append(Turn(speaker, position + len(label), position + len(paragraph)))
        parts.append(paragraph)
        position += len(paragraph)
    return Transcript("\n\n".join(parts), tuple(found), source_format)


def turns_of(text: str) -> tuple[Turn, ...]:
    """The speaker turns of text in the plain form (as stored after redaction)."""
    turns: list[Turn] = []
    position = 0
    for paragraph in text.split("\n\n"):
        match = _LABEL.match(paragraph)
        speaker = match.group("speaker").strip() if match else ""
        start = position + (match.end() if match else 0)
        if paragraph.strip():
            turns.append(Turn(speaker, start, position + len(paragraph)))
        position += len(paragraph) + 2
    return tuple(turns)


def _decode(content: bytes, file_name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise TranscriptError(f"{file_name}: the text is not UTF-8 or Windows-1252")


def _markdown_line(line: str) -> str:
    line = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]\s)\s*", "", line)
    # Emphasis around a speaker label is handled by _LABEL; elsewhere it is only styling.
    return re.sub(r"(?<![\w*_])(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*_])", r"\2", line)


def _plain_turns(lines: list[str]) -> list[tuple[str, str]]:
    """Lines to turns: a label starts a turn; other lines continue the turn before them."""
    turns: list[tuple[str, str]] = []
    for raw in lines:
        line = _TIMESTAMP.sub("", raw).strip()
        if not line:
            continue
        match = _LABEL.match(line)
        if match and len(match.group("speaker").split()) <= 6:
            speaker = match.group("speaker").strip()
            words = _squash(line[match.end() :])
            if turns and turns[-1][0] == speaker:
                turns[-1] = (speaker, f"{turns[-1][1]} {words}".strip())
            else:
                turns.append((speaker, words))
        elif turns:
            turns[-1] = (turns[-1][0], f"{turns[-1][1]} {_squash(line)}".strip())
        else:
            turns.append(("", _squash(line)))
    return [(speaker, words) for speaker, words in turns if words]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_CUE_TIME = re.compile(r"^\s*[\d:.,]+\s*-->\s*[\d:.,]+")
_VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>|$)", re.DOTALL)


def _caption_turns(text: str, file_name: str, *, vtt: bool) -> list[tuple[str, str]]:
    """Caption cues to turns; consecutive cues from one speaker join into one turn."""
    if vtt and not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError(f"{file_name}: a WebVTT file starts with WEBVTT")
    turns: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        timing = next((i for i, line in enumerate(lines) if _CUE_TIME.match(line)), None)
        if timing is None:
            continue
        body = "\n".join(lines[timing + 1 :])
        voice = _VOICE.search(body)
        if voice:
            speaker, words = voice.group(1).strip(), voice.group(2)
        else:
            match = _LABEL.match(body)
            speaker = match.group("speaker").strip() if match else (turns[-1][0] if turns else "")
            words = body[match.end() :] if match else body
        words = _squash(re.sub(r"<[^>]+>", "", words))
        if not words:
            continue
        if turns and turns[-1][0] == speaker:
            turns[-1] = (speaker, f"{turns[-1][1]} {words}")
        else:
            turns.append((speaker, words))
    if not turns:
        raise TranscriptError(f"{file_name}: no caption cues (lines with -->) found")
    return turns


def _docx_paragraphs(content: bytes, file_name: str) -> list[str]:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TranscriptError(f"{file_name}: not a Word (.docx) document ({error})") from None
    return [paragraph.text for paragraph in document.paragraphs]


def _pdf_lines(content: bytes, file_name: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as error:
        raise TranscriptError(f"{file_name}: not a readable PDF ({error})") from None
    if not text.strip():
        raise TranscriptError(
            f"{file_name}: the PDF has no text layer (a scan): export the transcript as text"
        )
    return text.split("\n")
