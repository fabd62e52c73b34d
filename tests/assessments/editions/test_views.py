"""The editions' pages: publish with the typed name, start the next edition, what changed.

The demo is published through its page, the next edition started through its page, its
under-two population changed from 30,672 to 31,000, and the comparison page shows both
(31,000 - 30,672 = +328; unmet need 31,000 x 9% - 340 = 2,450 against 2,420).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from pairsight.assessments.models import Assessment, AuditEvent
from tests.assessments.editions.setup import change_under_twos, lead_of, publish


def _url(name: str, assessment: Assessment) -> str:
    return reverse(f"assessments:{name}", kwargs={"assessment_id": assessment.pk})


def test_the_lead_publishes_with_the_typed_name_and_nothing_else_publishes(
    demo: Any, client_for: Any
) -> None:
    client = client_for(lead_of(demo.assessment))
    wrong = client.post(_url("publish", demo.assessment), {"confirm_title": "Birmingham"})
    assert wrong.status_code == 400
    assert b"Type the assessment&#x27;s name exactly as shown" in wrong.content
    assert Assessment.objects.get(pk=demo.assessment.pk).published_at is None

    done = client.post(_url("publish", demo.assessment), {"confirm_title": demo.assessment.title})

    assert done["Location"] == _url("dashboard", demo.assessment)
    assert Assessment.objects.get(pk=demo.assessment.pk).published_at is not None
    dashboard = client.get(_url("dashboard", demo.assessment)).content.decode()
    assert "Edition 1 was published on" in dashboard
    assert "can no longer be changed" in dashboard
    assert AuditEvent.objects.filter(
        assessment=demo.assessment, action="edition published"
    ).exists()


def test_the_next_edition_and_its_comparison_through_the_pages(demo: Any, client_for: Any) -> None:
    lead = lead_of(demo.assessment)
    client = client_for(lead)
    publish(demo.assessment)

    started = client.post(_url("next_edition", demo.assessment))

    edition = Assessment.objects.get(previous_edition=demo.assessment)
    assert started["Location"] == _url("dashboard", edition)
    dashboard = client.get(_url("dashboard", edition)).content.decode()
    assert "Population need <span" in dashboard
    assert "carried from edition 1, not yet replaced" in dashboard

    change_under_twos(lead, edition, 31_000)

    page = client.get(_url("changes", edition)).content.decode()
    row = page[page.index('data-key="population:children"') :].split("</tr>")[0]
    assert ">30,672<" in row and ">31,000<" in row and "changed +328" in row
    unmet = page[page.index('data-key="population:unmet-need"') :].split("</tr>")[0]
    assert ">2,420<" in unmet and ">2,450<" in unmet and "changed +30" in unmet
    again = client.post(_url("next_edition", demo.assessment))
    assert again.status_code == 400
    assert b"Edition 2 was already started from this one." in again.content


def test_a_first_edition_has_nothing_to_compare(demo: Any, client_for: Any) -> None:
    page = client_for(lead_of(demo.assessment)).get(_url("changes", demo.assessment))
    assert page.status_code == 200
    assert b"This is the first edition of the assessment" in page.content


def test_a_viewer_reads_the_comparison_but_cannot_publish(team: Any, client_for: Any) -> None:
    client = client_for(team.viewer)
    assert client.get(_url("changes", team.assessment)).status_code == 200
    refused = client.post(_url("publish", team.assessment), {"confirm_title": "x"})
    assert refused.status_code == 403
    assert Assessment.objects.get(pk=team.assessment.pk).published_at is None


def test_every_page_of_a_published_edition_still_reads(demo: Any, client_for: Any) -> None:
    from pairsight.surveys.demo import add_demo_surveys

    lead = lead_of(demo.assessment)
    add_demo_surveys(demo.assessment, lead)
    publish(demo.assessment)
    client = client_for(lead)
    pages = [
        ("assessments:dashboard", {}),
        ("assessments:team", {}),
        ("assessments:audit", {}),
        ("assessments:changes", {}),
        ("population:page", {}),
        ("surveys:list", {}),
        ("surveys:findings", {"kind": "workforce"}),
        ("servicemap:register", {}),
        ("recommendations:register", {}),
        ("reports:page", {}),
        ("interviews:home", {}),
    ]
    for name, more in pages:
        url = reverse(name, kwargs={"assessment_id": demo.assessment.pk, **more})
        assert client.get(url).status_code == 200, url
    assert not AuditEvent.objects.filter(assessment=demo.assessment, action="change refused")
