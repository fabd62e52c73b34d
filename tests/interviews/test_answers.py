"""Written survey answers coded with the interview codebook, through core.codable."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pairsight.assessments.models import AuditEvent
from pairsight.core import codable
from pairsight.interviews import actions, queries
from pairsight.interviews.models import AnswerCoding
from pairsight.interviews.report import interviews_report_section
from tests.interviews.conftest import Coding

pytestmark = pytest.mark.django_db

COMMENTS = (
    "Is there anything else you would like to tell us about supporting parent-infant "
    "relationships in your work?"
)
# Three respondents: a practitioner and a manager who wrote something, and one who did not.
EXPORT = (
    f'What is your profession?,Which best describes your role?,"{COMMENTS}"\n'
    'Midwife,Practitioner,"Families fear being judged, so they say nothing."\n'
    "Health visitor,Manager or supervisor,We are never asked to think about the baby.\n"
    "GP,Practitioner,\n"
).encode()


@pytest.fixture
def answered(coding: Coding) -> Coding:
    from pairsight.surveys.actions import import_file, start_survey

    survey = start_survey(
        actor=coding.team.lead, assessment=coding.team.assessment, kind="workforce"
    )
    import_file(actor=coding.team.lead, survey=survey, content=EXPORT, file_name="w.csv")
    return coding


def _offered(coding: Coding) -> dict[str, codable.CodableAnswer]:
    return {a.text: a for a in codable.answers(coding.team.assessment.pk)}


def test_surveys_offer_their_written_answers_with_who_wrote_them(answered: Coding) -> None:
    offered = _offered(answered)
    assert set(offered) == {
        "Families fear being judged, so they say nothing.",
        "We are never asked to think about the baby.",
    }, "an empty answer is not offered"
    judged = offered["Families fear being judged, so they say nothing."]
    assert judged.group == "practitioner" and judged.source == "Workforce survey"
    assert judged.question == COMMENTS and judged.synthetic == ""
    assert offered["We are never asked to think about the baby."].group == "manager"


def test_answers_are_coded_per_coder_and_counted_once_merged(answered: Coding) -> None:
    team = answered.team
    offered = _offered(answered)
    judged = offered["Families fear being judged, so they say nothing."]
    asked = offered["We are never asked to think about the baby."]
    actions.code_answer(
        actor=team.editor,
        assessment=team.assessment,
        answer_key=judged.key,
        theme_ids=[answered.fear.pk],
    )
    actions.code_answer(
        actor=team.editor,
        assessment=team.assessment,
        answer_key=asked.key,
        theme_ids=[answered.not_asked.pk, answered.fear.pk],
    )
    # Tagging again replaces the coder's themes rather than adding a second coding.
    actions.code_answer(
        actor=team.editor,
        assessment=team.assessment,
        answer_key=asked.key,
        theme_ids=[answered.not_asked.pk],
    )
    assert AnswerCoding.objects.count() == 2
    assert queries.coded_answers(team.assessment) == [], "not counted until merged"
    assert [w["count"] for w in queries.waiting_coders(team.assessment)] == [2]
    merged = actions.merge_coding(
        actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk
    )
    assert merged == 2
    coded = {c.text: (c.group, c.themes) for c in queries.coded_answers(team.assessment)}
    assert coded == {
        judged.text: ("practitioner", frozenset({"Fear of judgement"})),
        asked.text: ("manager", frozenset({"Not asked"})),
    }


def test_a_bad_answer_or_theme_is_refused_and_nothing_changes(answered: Coding) -> None:
    team = answered.team
    key = next(iter(_offered(answered).values())).key
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        actions.code_answer(
            actor=team.editor,
            assessment=team.assessment,
            answer_key="surveys:answer:0",
            theme_ids=[answered.fear.pk],
        )
    assert "answer" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.code_answer(
            actor=team.editor, assessment=team.assessment, answer_key=key, theme_ids=[]
        )
    assert "themes" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        actions.code_answer(
            actor=team.viewer,
            assessment=team.assessment,
            answer_key=key,
            theme_ids=[answered.fear.pk],
        )
    assert AnswerCoding.objects.count() == 0 and AuditEvent.objects.count() == events


def test_only_the_coder_or_a_lead_untags_an_answer(answered: Coding) -> None:
    team = answered.team
    key = next(iter(_offered(answered).values())).key
    coding = actions.code_answer(
        actor=team.editor,
        assessment=team.assessment,
        answer_key=key,
        theme_ids=[answered.fear.pk],
    )
    with pytest.raises(PermissionDenied):
        actions.uncode_answer(actor=team.viewer, coding=coding)
    actions.uncode_answer(actor=team.lead, coding=coding)
    assert AnswerCoding.objects.count() == 0


def test_pages_list_code_and_count_answers_beside_the_interviews(
    answered: Coding, client_for: Any
) -> None:
    team = answered.team
    client = client_for(team.editor)
    base = {"assessment_id": team.assessment.pk}
    listing = client.get(reverse("interviews:answers", kwargs=base)).content.decode()
    assert "You have tagged 0 of 2 written answers" in listing
    assert "Families fear being judged, so they say nothing." in listing
    key = _offered(answered)["Families fear being judged, so they say nothing."].key
    url = reverse("interviews:answer", kwargs={**base, "answer_key": key})
    assert client.get(url).status_code == 200
    refused = client.post(url, {"themes": []})
    assert refused.status_code == 400 and "Choose at least one theme" in refused.content.decode()
    assert client.post(url, {"themes": [answered.fear.pk]}).status_code == 302
    actions.merge_coding(actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk)
    themes = client.get(reverse("interviews:themes", kwargs=base))
    fear = next(r for r in themes.context["rows"] if r["count"].theme == "Fear of judgement")
    assert fear["answers"].excerpts == {"practitioner": 1, "manager": 0, "parent": 0}
    assert fear["count"].excerpts_total == 0, "interview excerpts are counted apart"
    assert 'id="answers-by-group"' in themes.content.decode()
    section = interviews_report_section(team.assessment)
    assert section.key == "interviews"
    missing = client.get(
        reverse("interviews:answer", kwargs={**base, "answer_key": "surveys:answer:0"})
    )
    assert missing.status_code == 404


def test_the_report_counts_survey_answers_in_a_count_column(answered: Coding) -> None:
    from pairsight.core.document import Table

    team = answered.team
    # Code and merge one interview excerpt, so the section has themes, and one answer.
    text = answered.transcript.text
    start = text.index("Nobody asked me")
    actions.code_excerpt(
        actor=team.editor,
        transcript=answered.transcript,
        start=start,
        end=start + 15,
        theme_ids=[answered.not_asked.pk],
    )
    key = _offered(answered)["We are never asked to think about the baby."].key
    actions.code_answer(
        actor=team.editor,
        assessment=team.assessment,
        answer_key=key,
        theme_ids=[answered.not_asked.pk],
    )
    actions.merge_coding(actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk)
    section = interviews_report_section(team.assessment)
    [table] = [b for sub in section.subsections for b in sub.blocks if isinstance(b, Table)]
    assert table.columns[-1] == "Survey answers"
    assert table.rows == (("Not asked", 0, 0, 1, 1, 1),)
    assert len(table.columns) - 1 in table.count_columns, "disclosure control covers it"


def test_deleting_a_theme_removes_answer_codings_tagged_only_with_it(answered: Coding) -> None:
    team = answered.team
    offered = _offered(answered)
    only_fear, both = (
        offered["Families fear being judged, so they say nothing."],
        offered["We are never asked to think about the baby."],
    )
    actions.code_answer(
        actor=team.editor,
        assessment=team.assessment,
        answer_key=only_fear.key,
        theme_ids=[answered.fear.pk],
    )
    kept = actions.code_answer(
        actor=team.editor,
        assessment=team.assessment,
        answer_key=both.key,
        theme_ids=[answered.fear.pk, answered.not_asked.pk],
    )
    actions.delete_theme(actor=team.lead, theme=answered.fear)
    assert list(AnswerCoding.objects.all()) == [kept]
    assert list(kept.themes.values_list("name", flat=True)) == ["Not asked"]
