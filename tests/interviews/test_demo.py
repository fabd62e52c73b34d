"""The Birmingham demo's SYNTHETIC interviews: stored, coded, and labelled wherever they show."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from pairsight.core.document import Bullets, Callout
from pairsight.interviews import queries
from pairsight.interviews.demo import add_demo_interviews
from pairsight.interviews.models import Excerpt, Participant, Transcript
from pairsight.interviews.report import interviews_report_section
from pairsight.interviews.synthetic import SYNTHETIC_LABEL
from pairsight.population.demo import load_birmingham_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Any:
    loaded = load_birmingham_demo("demo-password-for-tests")
    add_demo_interviews(loaded.assessment)
    return loaded


def _blocks(section: Any) -> list[Any]:
    return [*section.blocks, *(b for sub in section.subsections for b in sub.blocks)]


def test_the_demo_has_coded_synthetic_interviews_of_each_group(demo: Any) -> None:
    participants = Participant.objects.filter(assessment=demo.assessment)
    assert sorted(participants.values_list("group", flat=True)) == [
        "manager",
        "parent",
        "parent",
        "practitioner",
    ]
    assert all(p.synthetic == SYNTHETIC_LABEL for p in participants)
    assert "not Birmingham's interviews" in SYNTHETIC_LABEL
    assert Transcript.objects.filter(assessment=demo.assessment).count() == 4
    # The parent who feared judgement: the coded words are the whole of their answer.
    fear = Excerpt.objects.get(themes__name="Fear of being judged")
    assert fear.text.startswith("I was scared that if I said I was struggling")
    assert fear.text.endswith("take the baby away.") and fear.quote and fear.merged
    coded = queries.coded_excerpts(demo.assessment)
    assert len(coded) == 9 and all(e.synthetic == SYNTHETIC_LABEL for e in coded)
    assert add_demo_interviews(demo.assessment) == 0, "loading again adds nothing"
    assert Transcript.objects.filter(assessment=demo.assessment).count() == 4


def test_every_page_and_the_report_say_the_interviews_are_synthetic(demo: Any, client: Any) -> None:
    client.login(username=demo.username, password=demo.password)
    base = {"assessment_id": demo.assessment.pk}
    transcript = Transcript.objects.filter(assessment=demo.assessment).first()
    reader = client.get(
        reverse("interviews:transcript", kwargs={**base, "transcript_id": transcript.pk})
    ).content.decode()
    assert "SYNTHETIC" in reader and "not Birmingham&#x27;s interviews" in reader
    dashboard = client.get(reverse("assessments:dashboard", kwargs=base)).content.decode()
    card = dashboard[dashboard.index('id="card-interviews"') :]
    assert "SYNTHETIC" in card[: card.index("</div>")]
    home = client.get(reverse("interviews:home", kwargs=base)).content.decode()
    assert home.count(">SYNTHETIC<") >= 8, "each participant and each transcript is marked"
    themes = client.get(reverse("interviews:themes", kwargs=base)).content.decode()
    assert "not Birmingham&#x27;s interviews" in themes
    assert themes.count(">SYNTHETIC<") == 1 + 5, "the page and each theme's chosen quote"
    section = interviews_report_section(demo.assessment)
    callouts = [b for b in _blocks(section) if isinstance(b, Callout)]
    assert [c.text for c in callouts] == [SYNTHETIC_LABEL]
    quoted = [item for b in _blocks(section) if isinstance(b, Bullets) for item in b.items]
    # Four chosen quotes, one of them carrying two themes: five theme-and-quote lines.
    assert len(quoted) == 5 and all("SYNTHETIC" in item for item in quoted)
