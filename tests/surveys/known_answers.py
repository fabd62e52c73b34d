"""A small questionnaire with every kind of question, and five people's known answers.

The round-trip tests write these answers in each survey tool's export layout, by hand,
and check that the import gives back exactly these answers.
"""

from __future__ import annotations

from pairsight.surveys.instruments import Instrument, parse_instrument
from pairsight.surveys.responses import responses_frame

INSTRUMENT_YAML = """
id: roundtrip
version: "2"
title: Round-trip survey
scales:
  ease:
    labels: [Very difficult, Somewhat difficult, Neither easy nor difficult, Somewhat easy,
             Very easy]
    neutral: Neither easy nor difficult
    off_scale: [Not sure]
  impact:
    labels: [Very negative, Somewhat negative, No impact, Somewhat positive, Very positive]
    neutral: No impact
    off_scale: [Don't know]
questions:
  - id: role
    kind: single_choice
    text: What is your profession?
    options: [Health visitor, Midwife, Social worker]
    other: true
  - id: levels
    kind: multiple_choice
    text: Which levels of need does your service work with? (Tick all that apply)
    options: [Universal, Targeted, "Statutory (for example social care, courts)", Specialist]
    other: true
  - id: ease
    kind: scale
    text: How easy is it to understand how infants communicate?
    scale: ease
  - id: factors
    kind: rating_grid
    text: How positive or negative is each of these for a baby's development?
    scale: impact
    statements:
      - {id: cuddles, text: Cuddles and skin-to-skin contact}
      - {id: screens, text: Lots of time in front of screens}
  - id: format
    kind: ranking
    text: Put these ways of learning in order
    items:
      - {id: course, text: Face-to-face course}
      - {id: online, text: Live online session}
      - {id: elearning, text: E-learning at my own pace}
  - id: age
    kind: number
    text: How old is your youngest child, in months?
    minimum: 0
    maximum: 24
    integer: true
  - id: comment
    kind: free_text
    text: Anything else you would like to tell us?
"""

INSTRUMENT: Instrument = parse_instrument(INSTRUMENT_YAML, "roundtrip.yaml")
STATUTORY = "Statutory (for example social care, courts)"
OTHER = "Other (please specify)"

#: One dict per person: answer column → answer (None: skipped).
PEOPLE: list[dict[str, object]] = [
    {
        "role": "Health visitor", "levels": ["Universal", "Targeted"], "ease": "Somewhat easy",
        "factors.cuddles": "Very positive", "factors.screens": "Somewhat negative",
        "format.course": 2, "format.online": 1, "format.elearning": 3, "age": 6,
        "comment": "Great service, thanks",
    },
    {
        "role": OTHER, "role.other": "Dietitian", "levels": [STATUTORY, "Specialist", OTHER],
        "levels.other": "Weekend clinic", "ease": "Not sure", "factors.cuddles": "Don't know",
    },
    {
        "role": "Midwife", "format.course": 3, "format.online": 2, "format.elearning": 1,
        "age": 0, "comment": "Needs more staff; evenings",
    },
    {
        "role": "Social worker", "levels": ["Universal", "Targeted", STATUTORY, "Specialist"],
        "ease": "Very difficult", "factors.cuddles": "Somewhat positive",
        "factors.screens": "Very negative", "format.course": 1, "format.online": 3,
        "format.elearning": 2, "age": 23, "comment": "Café – naïve ‘quotes’",
    },
    {"role": "Midwife"},
]  # fmt: skip

IDS = ["101", "102", "103", "104", "105"]
EMAILS = ["ann@example.org", "bo@example.org", "cy@example.org", "di@example.org", "ed@example.org"]
NAMES = ["Ann", "Bo", "Cy", "Di", "Ed"]


def answer(person: int, column: str) -> object:
    return PEOPLE[person].get(column)


def expected_frame(keys: list[str]):
    columns = {c.name: [p.get(c.name) for p in PEOPLE] for c in INSTRUMENT.answer_columns()}
    return responses_frame(INSTRUMENT, columns, keys)


def ranking_order(person: int) -> list[str] | None:
    """The items in the order this person ranked them (None if they skipped)."""
    ranks = {text: answer(person, f"format.{key}") for key, text in RANK_ITEMS.items()}
    if all(r is None for r in ranks.values()):
        return None
    return [text for text, _ in sorted(ranks.items(), key=lambda kv: kv[1])]


RANK_ITEMS = {
    "course": "Face-to-face course",
    "online": "Live online session",
    "elearning": "E-learning at my own pace",
}
LEVELS = ["Universal", "Targeted", STATUTORY, "Specialist"]
EASE = ["Very difficult", "Somewhat difficult", "Neither easy nor difficult", "Somewhat easy",
        "Very easy", "Not sure"]  # fmt: skip
IMPACT = ["Very negative", "Somewhat negative", "No impact", "Somewhat positive", "Very positive",
          "Don't know"]  # fmt: skip
ROLES = ["Health visitor", "Midwife", "Social worker"]
QUESTION = {q.id: q.text for q in INSTRUMENT.questions}
STATEMENTS = {
    "cuddles": "Cuddles and skin-to-skin contact",
    "screens": "Lots of time in front of screens",
}
