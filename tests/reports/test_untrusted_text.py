"""Text that people type reaches every report format as text: it never becomes markup, a
style, an attachment or a request to another server.

The attack that was found: an area name closing the PDF's <style> element and adding
<link rel=attachment href=file:///…>, so that the PDF carried server files, and <img> tags
that made WeasyPrint call other servers. Each test puts hostile text in the fields people
control, builds the report, and checks the PDF (pdfdetach, pdftotext), the fetches the local
server saw, and the Word and PowerPoint packages.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import tinycss2

from pairsight.core import charts
from pairsight.core.document import (
    Assumption,
    Bullets,
    Callout,
    Headline,
    Input,
    Paragraph,
    Report,
    Section,
    Source,
    Table,
)
from pairsight.reports.build import build_report
from pairsight.reports.pdf import css_string


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is missing: install poppler-utils (apt-get install poppler-utils)")
    return path


def hostile(field: str, secret: Path, url: str) -> str:
    """Text for one field that tries every way out of the place it lands (HTML, a CSS
    string), in under 200 characters as the forms allow."""
    return (
        f"{field}</style><link rel=attachment href=file://{secret}><img src={url}/{field}>"
        f'"}}@import url({url}/{field}c);x{{content:"\\'
    )


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: Path) -> str:
    run = subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True)
    return flat(run.stdout)


def attachments(pdf: Path) -> str:
    run = subprocess.run(
        [poppler("pdfdetach"), "-list", str(pdf)], check=True, capture_output=True, text=True
    )
    return run.stdout


def external_targets(package: Path) -> list[str]:
    """Relationships of a Word or PowerPoint file that point outside the file."""
    with zipfile.ZipFile(package) as archive:
        return [
            f"{name}: {match}"
            for name in archive.namelist()
            if name.endswith(".rels")
            for match in re.findall(
                r"<Relationship [^>]*External[^>]*>", archive.read(name).decode()
            )
        ]


def package_text(package: Path) -> str:
    """All the text a reader sees in a Word or PowerPoint file, XML entities decoded."""
    from html import unescape

    with zipfile.ZipFile(package) as archive:
        xml = " ".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.endswith(".xml") and ("word/" in name or "ppt/slides/" in name)
        )
    return flat(unescape(re.sub(r"<[^>]+>", "", xml)))


def check_pdf(pdf: Path, secret: Path, server: Any, fields: list[str]) -> None:
    body = pdf.read_bytes()
    assert server.hits == [], "the renderer called another server"
    assert b"SECRET-KEY" not in body, "a server file was embedded"
    assert attachments(pdf).startswith("0 embedded files")
    # Lines wrap anywhere in a long path, so spaces are left out of the comparison.
    text = pdf_text(pdf).replace(" ", "")
    for field in fields:
        shown = f"{field}</style><linkrel=attachmenthref=file://{secret}>"
        assert shown in text, f"{field} is not shown as text in the PDF"


@pytest.fixture
def secret() -> Iterator[Path]:
    # A short path, so that hostile text with it still fits the forms' lengths.
    folder = Path(tempfile.mkdtemp(prefix="s", dir="/tmp"))
    path = folder / "k"
    path.write_text("SECRET-KEY-0123456789", encoding="utf-8")
    yield path
    shutil.rmtree(folder)


@pytest.mark.parametrize(
    "text",
    [
        "Testshire",
        "Area</style><link rel=attachment href=file:///etc/passwd>",
        'Quote " and back\\slash \\" <b>&amp;</b> \u2028 end\\',
        "\\3c /style\\3e",
    ],
)
def test_css_strings_keep_their_text_and_cannot_end_the_style_element(text):
    css = css_string(text)
    assert "<" not in css and ">" not in css and "&" not in css
    [token] = [t for t in tinycss2.parse_component_value_list(css) if t.type != "whitespace"]
    assert token.type == "string"
    assert token.value == " ".join(text.split())


def test_every_text_field_of_a_report_stays_text_in_every_format(
    tmp_path, secret, recording_server
):
    url = recording_server.url

    def h(field: str) -> str:
        return hostile(field, secret, url)

    table = Table(
        caption=h("caption"),
        columns=(h("column"), "Families"),
        rows=((h("row"), 12), (h("other-row"), 30)),
        notes=(h("note"),),
    )
    chart = charts.bar_chart(table, value_column=1, alt_text=h("alt"), title=h("chart"))
    source = Source(h("citation"), note=h("source-note"), url=f"{url}/source-url")
    section = Section(
        h("heading"),
        key="hostile",
        blocks=(
            Paragraph(h("paragraph")),
            Bullets((h("bullet"),)),
            Callout(h("callout"), title=h("callout-title")),
            table,
            chart,
        ),
        subsections=(Section(h("subheading"), key="sub", blocks=(Paragraph("Text."),)),),
        method_notes=(h("method-note"),),
        sources=(source,),
        assumptions=(Assumption(h("assumption"), "50%", source),),
        inputs=(Input(h("input"), "340", h("origin")),),
        headlines=(Headline(h("headline"), "2,420", h("detail")),),
    )
    report = Report(
        title=h("title"),
        area=h("area"),
        date=datetime.date(2025, 3, 14),
        sections=(section,),
        subtitle=h("subtitle"),
        authors=(h("author"),),
        next_steps=(h("next-step"),),
        data_notice=h("notice"),
    )
    files = build_report(report, "html,pdf,docx,pptx", tmp_path / "out")

    fields = ["title", "area", "subtitle", "author", "notice", "heading", "paragraph"]
    fields += ["bullet", "callout", "caption", "row", "note", "method-note", "next-step"]
    fields += ["assumption", "input", "origin", "citation", "headline"]
    check_pdf(files["pdf"], secret, recording_server, fields)

    page = files["html"].read_text(encoding="utf-8")
    assert "<link" not in page and "<img" not in page
    assert page.count("</style>") == 1
    for package in (files["docx"], files["pptx"]):
        assert external_targets(package) == []
        assert f"title</style><link rel=attachment href=file://{secret}>" in package_text(package)


def test_text_stored_in_an_assessment_stays_text_in_its_pdf(
    team, tmp_path, secret, recording_server, settings
):
    """The real path: an assessment, a population scenario and a survey with hostile text,
    turned into a report by the queries a build uses."""
    from pairsight.assessments.models import Area, Assessment
    from pairsight.population.actions import choose_scenario, save_scenario
    from pairsight.population.demo import demo_inputs
    from pairsight.population.estimate import estimate
    from pairsight.population.forms import NeedForms, inputs_query
    from pairsight.reports.queries import assessment_report
    from pairsight.surveys.actions import (
        edit_instrument,
        import_file,
        star_finding,
        start_survey,
    )
    from pairsight.surveys.exports import write_msforms_xlsx
    from pairsight.surveys.synthetic import practitioner_responses

    url = recording_server.url

    def h(field: str) -> str:
        return hostile(field, secret, url)

    assessment = team.assessment
    Assessment.objects.filter(pk=assessment.pk).update(title=h("title"))
    Area.objects.filter(pk=assessment.area_id).update(name=h("area"))
    assessment.refresh_from_db()

    query = dict(demo_inputs(), **{"capacity-0-name": h("capacity")})
    forms = NeedForms(inputs_query(query))
    inputs = forms.population_inputs(area_name=h("area"), area_code="E06000099")
    assert forms.is_valid() and inputs is not None, forms.inputs.errors
    scenario = save_scenario(
        actor=team.lead,
        assessment=assessment,
        name=f"scenario</style><link rel=attachment href=file://{secret}>",
        notes=h("scenario-notes"),
        inputs=forms.stored_inputs(),
        result=estimate(inputs),
    )
    choose_scenario(actor=team.lead, scenario=scenario)

    survey = start_survey(actor=team.lead, assessment=assessment, kind="workforce")
    option = h("option")
    text = survey.instrument_yaml.replace(
        "      - Health visitor\n", f"      - {json.dumps(option)}\n"
    )
    edit_instrument(actor=team.lead, survey=survey, yaml_text=text)
    responses = practitioner_responses()
    frame = responses.frame.copy()
    frame["profession"] = frame["profession"].cat.rename_categories({"Health visitor": option})
    export = write_msforms_xlsx(replace(responses, frame=frame), tmp_path / "export.xlsx")
    survey.refresh_from_db()
    import_file(
        actor=team.editor, survey=survey, content=export.read_bytes(), file_name="export.xlsx"
    )
    survey.refresh_from_db()
    text = survey.instrument_yaml.replace(
        "title: Practitioners and managers survey", f"title: {json.dumps(h('survey'))}"
    ).replace("text: What is your profession?", f"text: {json.dumps(h('question'))}")
    edit_instrument(actor=team.lead, survey=survey, yaml_text=text)
    # Only starred findings (or the key findings) reach the report.
    star_finding(actor=team.editor, survey=survey, question_id="profession")

    report = assessment_report(assessment, date=datetime.date(2025, 3, 14))
    files = build_report(report, "pdf", tmp_path / "out")
    check_pdf(
        files["pdf"], secret, recording_server, ["title", "area", "capacity", "question", "option"]
    )
