"""Questionnaires load from YAML; every mistake is reported with file, line and question."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairsight.surveys.instruments import (
    Instrument,
    InstrumentError,
    instrument_to_yaml,
    load_instrument,
    parse_instrument,
    shipped_instruments,
)

GOOD = """\
id: small
version: 1
title: Small survey
scales:
  agree:
    labels: [Disagree, Neutral, Agree]
    neutral: Neutral
questions:
  - id: asked
    kind: single_choice
    text: Were you asked?
    options: ["Yes", "No"]
  - id: who
    kind: multiple_choice
    text: Who asked?
    ask_if: {question: asked, answers: ["Yes"]}
    options: [Health visitor, Midwife]
  - id: view
    kind: scale
    text: It matters
    scale: agree
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(text, "bad.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_shipped_templates_are_listed():
    shipped = {s.id: s for s in shipped_instruments()}
    assert set(shipped) == {"practitioners", "parents"}
    assert shipped["parents"].audience == "Parents and carers of children under two"
    assert shipped["practitioners"].path.name == "practitioners.yaml"


def test_a_yaml_file_loads_by_path(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(GOOD, encoding="utf-8")
    instrument = load_instrument(path)
    assert [q.id for q in instrument.questions] == ["asked", "who", "view"]
    assert instrument.version == "1"
    assert instrument.question("view").scale.labels == ("Disagree", "Neutral", "Agree")


def test_an_unknown_name_lists_the_shipped_ones():
    with pytest.raises(InstrumentError, match=r"shipped templates \(parents, practitioners\)"):
        load_instrument("parent")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("    options: [Health visitor, Midwife]", "    optons: [Health visitor, Midwife]"),
         "bad.yaml, line 17, question 'who': unknown field 'optons' (did you mean 'options'?)"),
        (("    scale: agree", "    scale: agreement"),
         "bad.yaml, line 21, question 'view': scale 'agreement' is not defined under 'scales:' "
         "(defined: agree)"),
        (("  - id: view", "  - id: asked"),
         "bad.yaml, line 18, question 'asked': question id 'asked' is used twice"),
        (('answers: ["Yes"]', 'answers: ["Maybe"]'),
         "bad.yaml, line 16, question 'who': question 'who' is asked if 'asked' is 'Maybe', "
         "which is not one of its options: Yes, No"),
        (("kind: multiple_choice", "kind: multi_choice"),
         "bad.yaml, line 14, question 'who': kind 'multi_choice' is not one of: single_choice, "
         "multiple_choice, scale, rating_grid, ranking, number, free_text"),
        (("[Health visitor, Midwife]", "[Midwife, midwife ]"),
         "bad.yaml, line 17, question 'who': options: Option 'midwife' appears twice "
         "(as 'Midwife' too)"),
        (("    neutral: Neutral", "    neutral: Middle"),
         "bad.yaml, line 7: scales.agree.neutral: neutral 'Middle' is not one of the labels"),
        (("  - id: asked", "  - id: Asked"),
         "bad.yaml, line 9, question 'Asked': 'Asked' is not a valid id"),
        (("    text: Were you asked?\n", ""),
         "bad.yaml, line 9, question 'asked': 'text' is required"),
    ],
)  # fmt: skip
def test_mistakes_are_reported_where_they_are(edit, expected):
    old, new = edit
    assert old in GOOD
    problems = _problems(GOOD.replace(old, new))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_scale_error_names_the_scale_definition_line():
    (problem,) = _problems(GOOD.replace("    neutral: Neutral", "    neutral: Middle"))
    assert problem.startswith("bad.yaml, line 7")


def test_several_mistakes_are_all_reported():
    text = GOOD.replace("optons", "options").replace(
        "    options: [Health visitor, Midwife]", "    optons: [x]"
    )
    text = text.replace("    scale: agree", "    scale: nope")
    assert len(_problems(text)) >= 3


def test_invalid_yaml_gives_its_line():
    assert _problems("id: x\ntitle: [unclosed\n") == [
        "bad.yaml, line 3: not valid YAML: expected ',' or ']', but got '<stream end>'"
    ]


def test_yaml_round_trip_of_the_shipped_templates():
    for shipped in shipped_instruments():
        instrument = load_instrument(shipped.id)
        assert parse_instrument(instrument_to_yaml(instrument)) == instrument


labels = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(labels, min_size=1, max_size=6, unique_by=lambda s: " ".join(s.split()).casefold()),
    st.sampled_from(["single_choice", "multiple_choice"]),
    st.booleans(),
)
def test_any_valid_choice_question_survives_yaml(options, kind, other):
    instrument = Instrument.model_validate(
        {
            "id": "generated",
            "version": "1",
            "title": "Generated",
            "questions": [
                {"id": "q", "kind": kind, "text": "Question?", "options": options, "other": other}
            ],
        }
    )
    assert parse_instrument(instrument_to_yaml(instrument)) == instrument
