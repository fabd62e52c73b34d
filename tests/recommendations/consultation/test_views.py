"""The consultation's pages: a consultee's way in, their response form, and the team's view."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from pairsight.assessments import actions as assessment_actions
from pairsight.recommendations import actions as register_actions
from pairsight.recommendations.consultation import actions
from pairsight.recommendations.models import ConsultationResponse

from .conftest import in_a_fortnight


def _open(team: Any) -> Any:
    return actions.open_round(
        actor=team.lead, assessment=team.assessment, closes_on=in_a_fortnight()
    )


def _respond_url(team: Any, consultation: Any, recommendation: Any) -> str:
    return reverse(
        "recommendations:consultation_respond",
        args=[team.assessment.pk, consultation.pk, recommendation.pk],
    )


def test_a_consultee_is_led_from_their_list_to_the_open_round(
    team: Any, drafts: list[Any], client_for: Any
) -> None:
    consultation = _open(team)
    client = client_for(team.consultee)
    listing = client.get(reverse("assessments:list")).content.decode()
    home = reverse("recommendations:consultation", args=[team.assessment.pk])
    assert f'href="{home}"' in listing
    assert f'href="{reverse("assessments:dashboard", args=[team.assessment.pk])}"' not in listing
    page = client.get(home, follow=True)
    assert page.redirect_chain[-1][0] == reverse(
        "recommendations:consultation_round", args=[team.assessment.pk, consultation.pk]
    )
    text = page.content.decode()
    # Only the round's drafts: the agreed recommendation is not shown.
    assert "Train practitioners" in text and "Already agreed" not in text
    assert (
        client.get(reverse("assessments:dashboard", args=[team.assessment.pk])).status_code == 403
    )


def test_a_consultee_with_no_round_yet_is_told_so(team: Any, client_for: Any) -> None:
    page = client_for(team.consultee).get(
        reverse("recommendations:consultation", args=[team.assessment.pk])
    )
    assert page.status_code == 200
    assert "no consultation for you to respond to yet" in page.content.decode()


def test_a_new_consultee_setting_a_password_lands_on_the_consultation(
    team: Any, client: Any
) -> None:
    added = assessment_actions.add_member(
        actor=team.lead,
        assessment=team.assessment,
        email="stakeholder@example.org",
        full_name="Stake Holder",
        role="consultee",
    )
    url = reverse("set_password", args=[added.token])
    password = "a-long-and-unusual-passphrase-2026"
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "recommendations:consultation", args=[team.assessment.pk]
    )


def test_the_add_member_form_offers_the_consultee_role(team: Any, client_for: Any) -> None:
    page = client_for(team.lead).get(reverse("assessments:member_add", args=[team.assessment.pk]))
    text = page.content.decode()
    assert 'value="consultee"' in text
    assert "Sees only the recommendations out for consultation" in text


def test_a_consultee_sees_evidence_as_cited_and_responds(
    team: Any, drafts: list[Any], client_for: Any
) -> None:
    from pairsight.recommendations.models import Citation

    Citation.objects.create(
        recommendation=drafts[0],
        key="population:unmet-need",
        label="Unmet specialised PAIR need",
        value="2,420",
        source="Population need estimate <Birmingham>",
        link="/assessments/1/population/",
    )
    consultation = _open(team)
    client = client_for(team.consultee)
    url = _respond_url(team, consultation, drafts[0])
    page = client.get(url).content.decode()
    assert "2,420" in page and "Population need estimate &lt;Birmingham&gt;" in page
    # The frozen copy only: no link into the workstream it came from.
    assert "/population/" not in page

    refused = client.post(url, {"rating": "9", "comment": "x"})
    assert refused.status_code == 400
    assert "Choose one of the five answers listed" in refused.content.decode()
    too_long = client.post(url, {"rating": "4", "comment": "x" * 2001})
    assert too_long.status_code == 400
    assert "Keep the comment to 2,000 characters (it has 2,001)" in too_long.content.decode()
    assert not ConsultationResponse.objects.exists()

    saved = client.post(url, {"rating": "4", "comment": "<script>alert(1)</script>"})
    assert saved.status_code == 302
    assert ConsultationResponse.objects.get().rating == 4

    team_page = client_for(team.viewer).get(
        reverse("recommendations:consultation_round", args=[team.assessment.pk, consultation.pk])
    )
    text = team_page.content.decode()
    assert "Cora Consultee (consultee@example.org)" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text


def test_after_closing_the_consultee_is_told_and_nothing_changes(
    team: Any, drafts: list[Any], client_for: Any
) -> None:
    consultation = _open(team)
    actions.respond(
        actor=team.consultee, consultation=consultation, recommendation=drafts[0], rating=3
    )
    actions.close_round(actor=team.lead, consultation=consultation)
    client = client_for(team.consultee)
    url = _respond_url(team, consultation, drafts[0])
    page = client.post(url, {"rating": "5", "comment": "Later"})
    assert page.status_code == 400
    assert "responses can no longer be given or changed" in page.content.decode()
    assert ConsultationResponse.objects.get().rating == 3


def test_a_recommendation_outside_the_round_is_not_found(
    team: Any, drafts: list[Any], client_for: Any
) -> None:
    consultation = actions.open_round(
        actor=team.lead,
        assessment=team.assessment,
        closes_on=in_a_fortnight(),
        recommendation_ids=[drafts[0].pk],
    )
    client = client_for(team.consultee)
    assert client.get(_respond_url(team, consultation, drafts[1])).status_code == 404
    assert client.get(_respond_url(team, consultation, drafts[2])).status_code == 404
    # A recommendation written after the round opened is not in it either.
    later = register_actions.create_recommendation(
        actor=team.lead,
        assessment=team.assessment,
        category="Training the workforce",
        title="Later",
        text="Later.",
    )
    assert client.get(_respond_url(team, consultation, later)).status_code == 404


def test_the_lead_opens_with_a_date_and_the_editor_records_the_change(
    team: Any, drafts: list[Any], client_for: Any
) -> None:
    lead = client_for(team.lead)
    open_url = reverse("recommendations:consultation_open", args=[team.assessment.pk])
    form = lead.get(open_url).content.decode()
    assert form.count('name="recommendations"') == 2 and form.count(" checked") == 2
    missing = lead.post(open_url, {"recommendations": [str(drafts[0].pk)]})
    assert missing.status_code == 400 and "Enter the closing date" in missing.content.decode()
    past = lead.post(open_url, {"closes_on": "2020-01-01", "recommendations": [str(drafts[0].pk)]})
    assert "The closing date must be today or later." in past.content.decode()
    opened = lead.post(
        open_url,
        {"closes_on": in_a_fortnight().isoformat(), "recommendations": [str(drafts[0].pk)]},
    )
    assert opened.status_code == 302
    consultation = team.assessment.consultation_rounds.get()
    change_url = reverse(
        "recommendations:consultation_change",
        args=[team.assessment.pk, consultation.pk, drafts[0].pk],
    )
    editor = client_for(team.editor)
    assert editor.post(change_url, {"note": ""}).status_code == 400
    assert editor.post(change_url, {"note": "Named health visitors"}).status_code == 302
    round_page = editor.get(opened["Location"]).content.decode()
    assert "Named health visitors" in round_page
