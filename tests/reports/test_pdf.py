"""The PDF as a reader gets it: its text, its pages, its contents, its charts, its watermark."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pairsight.core.document import Report, Section, Table
from pairsight.reports.build import build_report


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is missing: install poppler-utils (apt-get install poppler-utils)")
    return path


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [poppler("pdftotext"), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")[:-1]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_states_the_birmingham_figures_and_their_sources(demo_files):
    text = _flat(" ".join(_pages(demo_files["pdf"])))
    for figure in ("30,672", "15,336", "6,134", "3,987", "2,454", "613", "2,147"):
        assert figure in text
    assert "Specialised PAIR need 2,760" in text
    assert "Unmet specialised need 2,420" in text
    assert "Nuttall C, Mitchell Meades A (2022). Nurturing the future" in text
    assert "No published source for the split is known" in text
    assert "never a judgement about a family" in text
    assert "Counts of people between 1 and 7 are shown as *" in text


def test_every_page_after_the_cover_has_the_running_header_and_page_number(demo_files):
    pages = _pages(demo_files["pdf"])
    assert len(pages) >= 4
    assert "Page" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith("Birmingham") and lines[0].endswith("14 March 2025")
        assert lines[-1].endswith(f"Page {number} of {len(pages)}")
        assert "Draft – not for publication" in lines[-1]


def test_the_contents_gives_the_page_each_chapter_starts_on(demo_files):
    pages = _pages(demo_files["pdf"])
    contents = next(page for page in pages if "Contents" in page)
    listed = {}
    for heading in ("Population need", "Next steps", "Method and sources"):
        match = re.search(rf"\d\. {heading}[ .]*(\d+)", contents)
        assert match, f"{heading} is missing from the contents"
        listed[heading] = int(match.group(1))
    for heading, page_number in listed.items():
        body = pages[page_number - 1].splitlines()
        # The chapter heading is the first line under the running header.
        first = next(line.strip() for line in body[1:] if line.strip())
        assert first == heading


def test_charts_are_vector_graphics_not_pictures(demo_files):
    listing = subprocess.run(
        [poppler("pdfimages"), "-list", str(demo_files["pdf"])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert len(listing.strip().splitlines()) == 2  # the column headings, and no image rows
    chart_page = next(p for p in _pages(demo_files["pdf"]) if "Children by pathway" in p)
    assert "Universal support only" in chart_page and "16,000" in chart_page


def _watermark_pixels(pdf: Path, tmp_path: Path, name: str) -> int:
    prefix = tmp_path / name
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "40", "-f", "2", "-singlefile", str(pdf), prefix],
        check=True,
    )
    pixels = np.asarray(Image.open(f"{prefix}.png").convert("RGB")).astype(int)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    # The watermark is a faint red: clearly redder than anything else on the page.
    return int(np.sum((red > 230) & (red - green > 12) & (red - blue > 12)))


def test_a_draft_carries_a_watermark_that_goes_once_published(demo_files, published_pdf, tmp_path):
    assert _watermark_pixels(demo_files["pdf"], tmp_path, "draft") > 500
    assert _watermark_pixels(published_pdf, tmp_path, "published") == 0
    assert "Draft" not in " ".join(_pages(published_pdf))


def test_a_long_table_repeats_its_header_row_on_every_page(tmp_path):
    rows = tuple((f"Service {n:03d}", n * 3 + 10, "Synthetic example") for n in range(90))
    report = Report(
        title="Service list",
        area="Synthetic borough",
        date=datetime.date(2025, 3, 14),
        data_notice="Synthetic data for a layout test.",
        sections=(
            Section(
                "Services",
                blocks=(
                    Table(
                        caption="Services (synthetic)",
                        columns=("Service", "Families seen", "Note"),
                        rows=rows,
                    ),
                ),
            ),
        ),
    )
    pdf = build_report(report, "pdf", tmp_path)["pdf"]
    pages = [p for p in _pages(pdf) if "Service 0" in p]
    assert len(pages) >= 2
    for page in pages:
        assert re.search(r"Service\s+Families seen\s+Note", page)
    # No row is cut in two or lost between pages.
    listed = re.findall(r"Service (\d{3})", " ".join(pages))
    assert listed == [f"{n:03d}" for n in range(90)]


@pytest.mark.parametrize("page", [1, 2, 3])
def test_screenshots_of_the_first_pages(demo_files, artefacts, page):
    prefix = artefacts / f"pdf-page-{page}"
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "80", "-f", str(page), "-singlefile"]
        + [str(demo_files["pdf"]), str(prefix)],
        check=True,
    )
    with Image.open(f"{prefix}.png") as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
        # Not a blank page: a good share of the page carries ink.
        grey = np.asarray(image.convert("L"))
        assert np.mean(grey < 200) > 0.01
