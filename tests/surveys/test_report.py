"""The surveys' sections of the report: starred findings first, small counts protected."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest

from pairsight.core.disclosure import HIDDEN, DisclosureRule
from pairsight.core.document import Callout, Chart, Paragraph, Report, Section, Table
from pairsight.reports.assemble import prepare
from pairsight.reports.queries import assessment_report
from pairsight.surveys import actions
from pairsight.surveys.demo import add_demo_surveys
from pairsight.surveys.report import parents_section, workforce_section
from pairsight.surveys.responses import SurveyResponses
from pairsight.surveys.section import SAFE_COUNT, safe_percent

pytestmark = pytest.mark.django_db


def published(section: Section, rule: DisclosureRule = DisclosureRule.NHS) -> Section:
    report = Report(
        title="Test report",
        area="Testshire",
        date=datetime.date(2025, 1, 1),
        sections=(section,),
        disclosure=rule,
    )
    return prepare(report).sections[0]


def tables(section: Section) -> Iterator[Table]:
    for _, part in section.walk():
        for block in part.blocks:
            if isinstance(block, Table):
                yield block
            elif isinstance(block, Chart):
                yield block.table


def texts(section: Section) -> str:
    return " ".join(
        block.text for _, part in section.walk() for block in part.blocks if hasattr(block, "text")
    )


def test_without_a_survey_or_responses_the_section_says_what_to_do(
    team: Any, workforce: Any
) -> None:
    parents = parents_section(team.assessment)
    assert parents.heading == "Parents' views: survey of parents and carers"
    assert isinstance(parents.blocks[0], Callout)
    assert "has not been started" in parents.blocks[0].text
    workers = workforce_section(team.assessment)
    assert "No responses have been imported" in workers.blocks[0].text


def test_the_key_findings_show_until_findings_are_starred(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    actions.import_file(
        actor=team.lead, survey=workforce, content=forms_export(practitioners), file_name="a.xlsx"
    )
    section = workforce_section(team.assessment)
    assert section.key == "workforce-survey"
    assert [sub.key for sub in section.subsections] == [
        "workforce-survey-infant-communication",
        "workforce-survey-competing-demands",
        "workforce-survey-training-received",
        "workforce-survey-next-step-barriers",
    ]
    assert "No findings have been starred yet" in texts(section)
    assert not any(isinstance(b, Callout) for b in section.blocks)  # real data: no warning
    for question in ("role", "training_wanted"):
        actions.star_finding(actor=team.editor, survey=workforce, question_id=question)
    starred = workforce_section(team.assessment)
    assert [sub.key for sub in starred.subsections] == [
        "workforce-survey-role",
        "workforce-survey-training-wanted",
    ]
    assert "the assessment team starred for the report" in texts(starred)
    assert starred.inputs[0].origin == "imported from a.xlsx"


def test_counts_in_the_section_are_protected_by_the_report_rule(
    team: Any, workforce: Any, practitioners: SurveyResponses, forms_export: Callable[..., bytes]
) -> None:
    actions.import_file(
        actor=team.lead, survey=workforce, content=forms_export(practitioners), file_name="a.xlsx"
    )
    actions.star_finding(actor=team.editor, survey=workforce, question_id="profession")
    raw = workforce_section(team.assessment)
    (table,) = tables(raw)
    exact = {row[0]: row[1] for row in table.rows}
    assert table.count_columns == (1,)
    assert sum(exact.values()) == 89
    small = [label for label, count in exact.items() if isinstance(count, int) and 0 < count < 8]
    assert small, "the generated professions include some small groups"
    # The base is never a count the rule rounds under a sentence that says otherwise: with
    # small groups, text and table both give it to the nearest 5 (89 → about 90).
    paragraph = raw.subsections[0].blocks[0].text
    assert paragraph.startswith("About 90 ")
    assert table.notes[0].startswith("Base: about 90 people who answered.")
    assert "All who answered" not in exact
    # Percentages of a distribution with a small group would reveal it: left blank.
    assert all(row[2] == "" and row[3] == "" for row in table.rows)
    shown = {row[0]: row[1] for row in next(tables(published(raw))).rows}
    for label in small:
        assert shown[label] == HIDDEN
    assert all(value == HIDDEN or value % 5 == 0 for value in shown.values())
    # The chart is drawn from the protected table, so it cannot show a hidden count.
    chart = next(b for b in published(raw).subsections[0].blocks if isinstance(b, Chart))
    labels = {d["category"]: d["label"] for d in chart.spec["datasets"]["table"]}
    assert all(labels[label] == HIDDEN for label in small)
    # With suppression off (an internal draft) the exact counts show.
    draft = next(tables(published(raw, DisclosureRule.OFF)))
    assert {row[0]: row[1] for row in draft.rows} == exact


def test_percentages_in_the_text_never_point_at_a_small_group() -> None:
    assert safe_percent(42, 49) is None  # 7 people left over
    assert safe_percent(30, 89) == "34%"
    assert safe_percent(30, 89, [30, 50, 9]) is None  # 9 is a small group beside it
    assert safe_percent(0, 89) == "0%" and safe_percent(89, 89) == "100%"
    assert SAFE_COUNT == 10


def test_the_demo_text_gives_percentages_only_where_no_group_is_small(demo: Any) -> None:
    add_demo_surveys(demo.assessment)
    section = parents_section(demo.assessment)
    paragraphs = {
        sub.key.removeprefix("parents-survey-"): " ".join(
            b.text for b in sub.blocks if isinstance(b, Paragraph)
        )
        for sub in section.subsections
    }
    # 42 of 49 agreed, but the 6 who strongly disagreed are a small group: no percentage.
    assert "%" not in paragraphs["relationship-impact"]
    # 33 said No, but only 2 were not sure.
    assert "%" not in paragraphs["ever-asked"]
    assert "The most common answers: No; Yes; Not sure." in paragraphs["ever-asked"]
    # Each barrier is its own yes-or-no: 29 chose it and 20 did not, so it can be given.
    assert "Fear of judgement by others (59%)" in paragraphs["hard-to-reach-out"]
    assert "49 parents and carers answered this question." in paragraphs["hard-to-reach-out"]


def test_synthetic_responses_are_marked_in_the_section(demo: Any) -> None:
    add_demo_surveys(demo.assessment)
    section = parents_section(demo.assessment)
    warning = section.blocks[0]
    assert isinstance(warning, Callout) and warning.tone == "warning"
    assert warning.title == "Synthetic data" and "SYNTHETIC DATA" in warning.text
    assert "These responses are synthetic" in texts(section)
    assert all(t.caption.endswith("(synthetic data)") for t in tables(section))
    assert any("Synthetic survey responses" in s.citation for s in section.sources)


def test_the_assessment_report_has_both_survey_sections_after_population(demo: Any) -> None:
    add_demo_surveys(demo.assessment)
    report = assessment_report(demo.assessment)
    keys = [s.key for s in report.sections]
    assert keys.index("population-need") < keys.index("workforce-survey")
    assert keys.index("workforce-survey") < keys.index("parents-survey")
    prepared = prepare(report)
    parents = next(s for s in prepared.sections if s.key == "parents-survey")
    asked = next(s for _, s in parents.walk() if s.heading.startswith("Has a professional"))
    ever_asked = next(tables(asked))
    # 33 of 49 parents said No (as Birmingham reported just over two-thirds): shown as 35.
    assert dict((row[0], row[1]) for row in ever_asked.rows)["No"] == 35


def test_a_published_chart_keeps_the_scale_in_order_when_counts_are_hidden(demo: Any) -> None:
    from pairsight.core.charts import to_svg

    add_demo_surveys(demo.assessment)
    section = published(workforce_section(demo.assessment))
    chart = next(b for b in section.subsections[0].blocks if isinstance(b, Chart))
    labels = [row[0] for row in chart.table.rows[:-1]]
    assert HIDDEN in [row[1] for row in chart.table.rows]
    svg = to_svg(chart)
    tops = {
        name: float(y)
        for y, name in re.findall(r'translate\(-?[\d.]+,(-?[\d.]+)\)"[^>]*>([^<]+)</text>', svg)
        if name in labels
    }
    assert sorted(labels, key=tops.__getitem__) == labels


def test_each_finding_says_its_question_once_and_in_full(demo: Any) -> None:
    add_demo_surveys(demo.assessment)
    section = parents_section(demo.assessment)
    for _, finding in list(section.walk())[1:]:
        question = finding.heading
        assert not question.endswith("…"), "headings are never cut short"
        said = [finding.heading]
        for block in finding.blocks:
            if isinstance(block, Chart):
                said += [block.title, block.alt_text, block.table.caption]
            elif isinstance(block, Table):
                said.append(block.caption)
        assert sum(question in text for text in said) == 1, question


def test_a_question_without_small_groups_shows_percentages_intervals_and_its_exact_base() -> None:
    from pairsight.surveys.instruments.model import Instrument
    from pairsight.surveys.section import SectionText, survey_section

    instrument = Instrument.model_validate(
        {
            "id": "t", "version": "1", "title": "Test", "source": "a test",
            "questions": [{"id": "asked", "kind": "single_choice", "text": "Ever asked?",
                           "options": ["Yes", "No"]}],
        }
    )  # fmt: skip
    answers = ["Yes"] * 30 + ["No"] * 59  # 89 people: no small group
    frame = pd.DataFrame(
        {"asked": pd.Categorical(answers, categories=["Yes", "No"])},
        index=[f"r{n}" for n in range(89)],
    )
    section = survey_section(
        SurveyResponses(instrument, frame, source="test"),
        SectionText("Survey", "survey", "practitioners"),
        starred=["asked"],
    )
    (table,) = tables(section)
    rows = {row[0]: row[1:] for row in table.rows}
    # By hand: 30/89 = 33.7%; Wilson 95% interval for 30 of 89 is 24.7% to 44.0%.
    assert rows["Yes"] == (30, "34%", "25% to 44%")
    assert rows["No"] == (59, "66%", "56% to 75%")
    assert section.subsections[0].blocks[0].text.startswith("89 practitioners answered")
    assert table.notes[0].startswith("Base: 89 people who answered.")
