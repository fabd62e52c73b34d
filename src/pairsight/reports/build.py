"""Build a report in several formats at once, all-or-nothing.

Every format is rendered into a temporary folder beside the output folder; only when all of
them have succeeded are the files moved into place, one atomic rename each. A failed build
therefore leaves the last good report exactly as it was, and says which format failed and why.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pairsight.core.document import Report, slug
from pairsight.reports.assemble import prepare

#: Called as the build goes: (what is happening, steps done, total steps).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReportFormat:
    name: str
    suffix: str
    label: str
    media_type: str
    render: Callable[[Report], bytes]


# Each renderer is imported only when its format is built: WeasyPrint, python-docx and
# python-pptx take a second or two to import, and an HTML preview needs none of them.
def _html(report: Report) -> bytes:
    from pairsight.reports.html import render_html

    return render_html(report).encode("utf-8")


def _pdf(report: Report) -> bytes:
    from pairsight.reports.pdf import render_pdf

    return render_pdf(report)


def _docx(report: Report) -> bytes:
    from pairsight.reports.word import render_docx

    return render_docx(report)


def _pptx(report: Report) -> bytes:
    from pairsight.reports.slides import render_pptx

    return render_pptx(report)


FORMATS: dict[str, ReportFormat] = {
    "html": ReportFormat(
        "html",
        ".html",
        "web page (HTML)",
        "text/html; charset=utf-8",
        _html,
    ),
    "pdf": ReportFormat("pdf", ".pdf", "PDF", "application/pdf", _pdf),
    "docx": ReportFormat(
        "docx",
        ".docx",
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _docx,
    ),
    "pptx": ReportFormat(
        "pptx",
        ".pptx",
        "slide deck (PowerPoint)",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _pptx,
    ),
}


class ReportBuildError(Exception):
    """A build that failed; `format` names the format, and the message says why."""

    def __init__(self, format_name: str, reason: str) -> None:
        self.format = format_name
        self.reason = reason
        label = FORMATS[format_name].label if format_name in FORMATS else format_name
        super().__init__(
            f"Could not build the {label}: {reason} "
            "No files were changed; the last good report is still in place."
        )


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """Read "html,pdf" or ["html", "pdf"]; unknown names are named with the choices."""
    names = formats.split(",") if isinstance(formats, str) else list(formats)
    cleaned = [name.strip().lower().lstrip(".") for name in names if name.strip()]
    if not cleaned:
        raise ValueError(f"No format given: choose from {', '.join(FORMATS)}.")
    for name in cleaned:
        if name not in FORMATS:
            raise ValueError(f"Unknown format {name!r}: choose from {', '.join(FORMATS)}.")
    return tuple(dict.fromkeys(cleaned))


#: File systems refuse names over 255 bytes; a title and an area may each be 200 characters.
STEM_LENGTH = 120


def file_stem(report: Report) -> str:
    return slug(f"{report.title} {report.area}")[:STEM_LENGTH].rstrip("-")


def render(report: Report, format_name: str) -> bytes:
    """One format of a report, prepared (disclosure rule applied, appendix added) first."""
    return FORMATS[format_name].render(prepare(report))


def build_report(
    report: Report,
    formats: str | Iterable[str],
    out_dir: str | Path,
    progress: Progress | None = None,
) -> dict[str, Path]:
    """Write the report in each format to `out_dir`; return the path of each file."""
    names = parse_formats(formats)
    out = Path(out_dir)
    total = len(names) + 2

    def step(message: str, done: int) -> None:
        if progress is not None:
            progress(message, done, total)

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportBuildError(
            names[0], f"the folder {out} cannot be created ({error})."
        ) from error
    step("Applying the disclosure rule and gathering sources", 0)
    try:
        prepared = prepare(report)
    except ValueError as error:
        raise ReportBuildError(names[0], str(error)) from error
    stem = file_stem(report)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out))
    try:
        built: dict[str, Path] = {}
        for done, name in enumerate(names, start=1):
            fmt = FORMATS[name]
            step(f"Building the {fmt.label}", done)
            try:
                content = fmt.render(prepared)
            except Exception as error:  # any renderer failure is reported by format
                raise ReportBuildError(name, f"{type(error).__name__}: {error}") from error
            path = staging / f"{stem}{fmt.suffix}"
            path.write_bytes(content)
            built[name] = path
        step("Moving the new files into place", total - 1)
        final: dict[str, Path] = {}
        for name, path in built.items():
            target = out / path.name
            os.replace(path, target)
            final[name] = target
        step("Done", total)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)
