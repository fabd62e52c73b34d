"""The two templates ask what Birmingham asked (issue 6 lists the topics)."""

from __future__ import annotations

from pairsight.surveys.instruments import load_instrument

ONS_2021_ETHNIC_GROUPS = 19


def test_practitioner_template_covers_the_workforce_topics():
    survey = load_instrument("practitioners")
    ids = [q.id for q in survey.questions]
    assert ids[:4] == ["profession", "service", "level_of_need", "role"]
    assert survey.question("level_of_need").labels == (
        "Universal",
        "Targeted",
        "Statutory",
        "Specialist",
    )
    assert survey.question("role").labels[:2] == ("Practitioner", "Manager or supervisor")
    actions = survey.question("concern_actions").labels
    assert "Refer to another service" in actions and "Seek advice from a colleague" in actions
    ease = survey.question("infant_communication")
    assert "verbal and non-verbal behaviour" in ease.text
    assert "Neither easy nor difficult" in ease.scale.labels and ease.scale.off_scale == (
        "Not sure",
    )
    assert "other" in survey.question("competing_demands").text
    assert survey.question("training_received").labels[0] == (
        "No specific parent-infant relationship training"
    )
    assert survey.question("training_wanted").kind == "multiple_choice"


def test_parent_template_covers_the_parents_topics():
    survey = load_instrument("parents")
    impact = survey.question("relationship_impact")
    assert '"My relationship with my baby has an impact on their development"' in impact.text
    assert (
        impact.scale.labels[0] == "Strongly disagree"
        and impact.scale.labels[-1] == "Strongly agree"
    )
    statements = [s.text for s in survey.question("factors").statements]
    for expected in ("Cuddles and skin-to-skin contact", "Baby chatting and playing with an adult",
                     "Baby's diet and nutrition", "Being in a home with violence",
                     "Parents drinking heavily", "Parents who use drugs"):  # fmt: skip
        assert expected in statements
    asked_by = survey.question("asked_by")
    assert asked_by.ask_if.question == "ever_asked" and asked_by.ask_if.answers == ("Yes",)
    assert asked_by.labels == ("Health visitor", "Midwife", "Mental health professional", "GP")
    assert asked_by.other
    barriers = survey.question("hard_to_reach_out").labels
    assert barriers[:3] == (
        "Fear of judgement by others",
        "Feeling like a failure",
        "Unsure where to seek help",
    )
    ethnicity = survey.question("ethnicity").labels
    assert len(ethnicity) == ONS_2021_ETHNIC_GROUPS + 1  # and "Prefer not to say"
    assert ethnicity[0] == "Asian, Asian British or Asian Welsh: Bangladeshi"
    assert "White: English, Welsh, Scottish, Northern Irish or British" in ethnicity
    assert "White: Roma" in ethnicity and "Other ethnic group: Arab" in ethnicity
    assert survey.question("child_age_months").maximum == 24
    assert survey.question("area").kind == "single_choice"


def test_every_template_says_where_its_questions_come_from():
    for name in ("practitioners", "parents"):
        assert "Birmingham" in load_instrument(name).source
