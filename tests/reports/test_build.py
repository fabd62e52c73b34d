"""Building a report: all formats or none, with progress, and a clear message when it fails."""

from __future__ import annotations

import datetime

import pytest

from pairsight.core.document import Chart, Paragraph, Report, Section, Table
from pairsight.reports.build import (
    ReportBuildError,
    build_report,
    file_stem,
    parse_formats,
    render,
)


def _report(*blocks) -> Report:
    return Report(
        title="Needs assessment",
        area="Synthetic borough",
        date=datetime.date(2025, 3, 14),
        data_notice="Synthetic data.",
        sections=(Section("Findings", blocks=(Paragraph("Synthetic findings."), *blocks)),),
    )


def _broken_chart() -> Chart:
    """A chart a workstream got wrong: Vega-Lite cannot draw an unknown mark."""
    table = Table(caption="Synthetic", columns=("Group", "People"), rows=(("A", 40),))
    return Chart(spec={"mark": "pie-ish", "data": {"values": []}}, table=table, alt_text="Broken.")


def test_every_format_is_written_with_progress(tmp_path):
    seen = []
    paths = build_report(
        _report(), "html,pdf,docx,pptx", tmp_path, progress=lambda *step: seen.append(step)
    )
    assert sorted(paths) == ["docx", "html", "pdf", "pptx"]
    for name, path in paths.items():
        assert path.parent == tmp_path
        assert path.name == f"needs-assessment-synthetic-borough.{name}"
        assert path.stat().st_size > 1000
    assert [done for _, done, _ in seen] == list(range(len(seen)))
    assert seen[-1] == ("Done", 6, 6)
    # The PDF renders beside the others and is collected last.
    assert ("Building the PDF", 4, 6) in seen
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths.values())


def test_a_failed_build_names_the_format_and_keeps_the_last_good_report(tmp_path):
    good = build_report(_report(), ["html", "docx"], tmp_path)
    before = {path: path.read_bytes() for path in good.values()}
    with pytest.raises(ReportBuildError) as failure:
        build_report(_report(_broken_chart()), ["docx", "html"], tmp_path)
    assert failure.value.format == "docx"
    message = str(failure.value)
    assert message.startswith(
        "Could not build the Word document: ValueError: Chart 'Synthetic' cannot be drawn:"
    )
    assert " at " not in message  # no JavaScript stack trace
    assert "the last good report is still in place" in message
    assert {path: path.read_bytes() for path in good.values()} == before
    assert sorted(tmp_path.iterdir()) == sorted(good.values())  # no half-built folder left


def test_a_table_whose_total_does_not_add_up_fails_before_any_format(tmp_path):
    table = Table(
        caption="Parents asked",
        columns=("Answer", "Parents"),
        rows=(("Yes", 16), ("No", 33), ("Total", 50)),
        count_columns=(1,),
        total_row=True,
    )
    with pytest.raises(ReportBuildError, match="the total is 50 but the rows above add up to 49"):
        build_report(_report(table), "html", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_unknown_formats_are_named_with_the_choices():
    with pytest.raises(ValueError, match="Unknown format 'odt': choose from html, pdf, docx, pptx"):
        parse_formats("html, odt")
    assert parse_formats(" HTML,pdf,html ") == ("html", "pdf")
    with pytest.raises(ValueError, match="No format given"):
        parse_formats(" , ")


def test_an_output_folder_that_is_a_file_is_reported(tmp_path):
    blocker = tmp_path / "report"
    blocker.write_text("not a folder")
    with pytest.raises(ReportBuildError, match="cannot be created"):
        build_report(_report(), "html", blocker)
    assert blocker.read_text() == "not a folder"


def test_one_format_can_be_rendered_for_a_preview():
    html = render(_report(), "html").decode("utf-8")
    assert "Synthetic findings." in html and 'id="method-and-sources"' in html
    assert file_stem(_report()) == "needs-assessment-synthetic-borough"
