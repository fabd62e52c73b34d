from __future__ import annotations

from pairsight.surveys.instruments import load_instrument
from pairsight.surveys.instruments.microsoft_forms import forms_question_list


def test_question_list_numbers_each_question_with_its_forms_settings():
    survey = load_instrument("parents")
    text = forms_question_list(survey)
    blocks = text.strip().split("\n\n")
    assert blocks[0] == "Parents and carers survey (version 1.0)"
    questions = [b for b in blocks if b[:1].isdigit()]
    assert len(questions) == len(survey.questions)
    assert questions[2].splitlines() == [
        "3. Has a professional ever asked you how you feel about your relationship with your "
        "baby? [Choice, one answer]",
        'Branching: If you answered "No" or "Not sure", go to question 5.',
        "Yes",
        "No",
        "Not sure",
    ]
    assert questions[3].splitlines()[0].endswith('[Choice, multiple answers, add "Other" option]')


def test_options_are_written_exactly_as_the_importer_will_match_them():
    survey = load_instrument("practitioners")
    text = forms_question_list(survey)
    for question in survey.questions:
        for label in getattr(question, "labels", ()):
            assert f"\n{label}\n" in text or text.endswith(f"\n{label}\n")


def test_grids_numbers_and_rankings_say_how_to_build_them():
    text = forms_question_list(load_instrument("parents")) + forms_question_list(
        load_instrument("practitioners")
    )
    assert "[Likert]\nOptions: Very negative | Somewhat negative | No impact" in text
    assert "[Text, restrict to number, between 0 and 24]" in text
    assert "[Ranking]\nFace-to-face course" in text
