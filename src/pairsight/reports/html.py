"""The report as one self-contained, accessible HTML file: CSS and charts inlined."""

from __future__ import annotations

from html import escape
from importlib import resources

from pairsight.core.document import Report
from pairsight.reports.markup import (
    contents_html,
    headlines_html,
    section_html,
    title_block,
)


def stylesheet(name: str) -> str:
    return (resources.files("pairsight.reports") / "styles" / name).read_text(encoding="utf-8")


def render_html(report: Report) -> str:
    """A prepared report (see `assemble.prepare`) as a standalone HTML document."""
    title = f"{report.title} – {report.area}"
    status = "Draft" if report.is_draft else "Published"
    body = "".join(section_html(section, 1) for section in report.sections)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="PAIRsight">
<title>{escape(title)}</title>
<style>{stylesheet("report.css")}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="report-header">
<p>{escape(report.area)}</p>
<p class="header-meta">{escape(report.display_date())} · {status}</p>
</header>
<main id="main">
{title_block(report)}
{headlines_html(report.headlines())}
{contents_html(report)}
{body}
</main>
<footer class="report-footer">
<p>Made with PAIRsight. {escape(report.disclosure.label)}: see
<a href="#method-and-sources">Method and sources</a>.</p>
</footer>
</body>
</html>
"""
