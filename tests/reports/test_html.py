"""The HTML report: one self-contained file that passes an accessibility check in Chromium."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


class _Outline(HTMLParser):
    """Headings, tables and images as a screen reader meets them."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tables = 0
        self.captions = 0
        self.header_cells_without_scope = 0
        self.svgs: list[dict[str, str | None]] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and values.get("scope") not in {"col", "row"}:
            self.header_cells_without_scope += 1
        elif tag == "svg":
            self.svgs.append(values)
        for name in ("src", "href"):
            link = values.get(name) or ""
            if re.match(r"(https?:)?//", link):
                self.external.append(link)


@pytest.fixture(scope="module")
def outline(demo_files) -> _Outline:
    parser = _Outline()
    parser.feed(demo_files["html"].read_text(encoding="utf-8"))
    return parser


def test_the_html_is_self_contained(outline, demo_files):
    html = demo_files["html"].read_text(encoding="utf-8")
    assert outline.external == []
    assert "<style>" in html and "<link" not in html and "<script" not in html


def test_headings_start_at_one_and_never_skip_a_level(outline):
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    for previous, current in zip(outline.headings, outline.headings[1:], strict=False):
        assert current <= previous + 1


def test_every_table_has_a_caption_and_scoped_header_cells(outline):
    assert outline.tables >= 6
    assert outline.captions == outline.tables
    assert outline.header_cells_without_scope == 0


def test_every_chart_is_an_image_with_alt_text_and_a_table_beside_it(outline, demo_files):
    assert len(outline.svgs) == 1
    assert outline.svgs[0]["role"] == "img" and outline.svgs[0]["aria-labelledby"]
    html = demo_files["html"].read_text(encoding="utf-8")
    title = re.search(r"<title id=\"[^\"]+\">(Bar chart of [^<]+)</title>", html)
    assert title and "Longer-term PAIR work: 2,147" in title.group(1)
    figure_end = html.index("</figure>")
    assert html.index("<table>", figure_end) - figure_end < 400


def test_the_figures_and_sources_are_in_the_page(demo_files):
    text = " ".join(re.sub(r"<[^>]+>", " ", demo_files["html"].read_text()).split())
    assert "Specialised PAIR need 2,760" in text
    assert "Unmet specialised need 2,420" in text
    assert "Nuttall C, Mitchell Meades A (2022)" in text
    assert "Draft – not for publication" in text


@pytest.mark.browser
def test_the_html_passes_axe_in_chromium_and_is_screenshotted(browser, demo_files, artefacts):
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: run `npm ci` in the repository")
    # `browser` is the session's Chromium from tests/conftest.py.
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(demo_files["html"].as_uri())
        page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
        )
        page.screenshot(path=str(artefacts / "html-report.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(artefacts / "html-report-phone.png"))
        # Keyboard users meet the skip link first, and it leads to the main content.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    finally:
        page.close()
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    assert len(results["passes"]) > 20
