"""Build a report in several formats at once, all-or-nothing.

Every format is rendered into a temporary folder beside the output folder; only when all of
them have succeeded are the files moved into place, one atomic rename each. A failed build
therefore leaves the last good report exactly as it was, and says which format failed and why.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pairsight.core.document import Report, slug
from pairsight.reports.assemble import prepare

logger = logging.getLogger(__name__)

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
        beside = _start_beside(prepared, names, staging / f"{stem}{FORMATS['pdf'].suffix}")
        # While the PDF renders beside, the other formats go first; its turn comes last.
        order = [n for n in names if beside is None or n != "pdf"] + (
            ["pdf"] if beside is not None else []
        )
        for done, name in enumerate(order, start=1):
            fmt = FORMATS[name]
            step(f"Building the {fmt.label}", done)
            path = staging / f"{stem}{fmt.suffix}"
            if beside is not None and name == "pdf":
                beside.finish(name)
            else:
                try:
                    content = fmt.render(prepared)
                except Exception as error:  # any renderer failure is reported by format
                    logger.exception("Building the %s failed", fmt.label)
                    if beside is not None:
                        beside.stop()
                    raise ReportBuildError(name, f"{type(error).__name__}: {error}") from error
                path.write_bytes(content)
            built[name] = path
        step("Moving the new files into place", total - 1)
        final: dict[str, Path] = {}
        for name in names:
            path = built[name]
            target = out / path.name
            os.replace(path, target)
            final[name] = target
        step("Done", total)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class _Beside:
    """The PDF rendered in a child process while this one renders the other formats.

    WeasyPrint's layout is the slowest part of a build and pure Python, so on a machine with
    two cores the PDF costs little more than the other formats together. The child is
    forked after the charts are drawn (so it inherits them and never starts the chart
    engine) and only writes its file; a failure comes back as its one-line reason.
    """

    def __init__(self, process: Any, reason: Path) -> None:
        self.process = process
        self.reason = reason

    def finish(self, name: str) -> None:
        self.process.join()
        if self.process.exitcode != 0:
            text = self.reason.read_text(encoding="utf-8") if self.reason.exists() else ""
            raise ReportBuildError(name, text or f"the renderer stopped ({self.process.exitcode}).")

    def stop(self) -> None:
        self.process.terminate()
        self.process.join()


def _render_to(report: Report, name: str, path: Path, reason: Path) -> None:
    try:
        path.write_bytes(FORMATS[name].render(report))
    except Exception as error:  # reported to the parent by format, as in build_report
        reason.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
        raise SystemExit(1) from None


def _start_beside(report: Report, names: tuple[str, ...], path: Path) -> _Beside | None:
    if "pdf" not in names or len(names) < 2 or "fork" not in mp.get_all_start_methods():
        return None
    from pairsight.core import charts
    from pairsight.core.document import Chart

    try:
        for section in report.all_sections():
            for block in section.blocks:
                if isinstance(block, Chart):
                    charts.to_svg(block)
    except ValueError:
        return None  # a chart that cannot be drawn: the formats report it one by one
    reason = path.with_suffix(".reason")
    process = mp.get_context("fork").Process(
        target=_render_to, args=(report, "pdf", path, reason), daemon=True
    )
    process.start()
    return _Beside(process, reason)
