"""The population page's inputs as the model's (pure: no Django)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pairsight.population.page_inputs import (
    given_source,
    parse_count,
    parts_note,
    preset_summary,
    rescaled_parts,
    split_from_parts,
)
from pairsight.population.presets import AttachmentClass, load_preset
from pairsight.population.split import Pathway

BIRMINGHAM_PARTS = {
    "insecure_unlikely_to_access": 20,
    "insecure_targeted": 8,
    "insecure_shorter_term_pair": 2,
    "disorganised_social_care": 13,
    "disorganised_longer_term_pair": 7,
}


def test_birminghams_parts_give_the_published_split() -> None:
    split = split_from_parts(BIRMINGHAM_PARTS)
    assert split.name == "birmingham-2022"
    assert split.share_of_class(AttachmentClass.INSECURE, Pathway.TARGETED) == Fraction(8, 30)


def test_a_zero_part_drops_that_pathway() -> None:
    split = split_from_parts({**BIRMINGHAM_PARTS, "insecure_shorter_term_pair": 0})
    assert split.share_of_class(AttachmentClass.INSECURE, Pathway.SHORTER_TERM_PAIR) == 0
    assert split.share_of_class(AttachmentClass.INSECURE, Pathway.TARGETED) == Fraction(8, 28)
    assert split.source.local_assumption


def test_preset_summaries_show_ranges() -> None:
    assert preset_summary(load_preset("standard")) == (
        "Secure 55–60%, insecure 25–30%, disorganised 15%"
    )
    assert preset_summary(load_preset("high-adversity")) == (
        "Secure 50%, insecure 30%, disorganised 20%"
    )


def test_a_source_belongs_to_the_number_it_was_given_with() -> None:
    # The walk-through: the demo's 30,672 with its source, 40,000 typed over it,
    # then 30,672 again.
    summary = "Nuttall 2022"
    given = given_source(
        text=summary, value=30672, previous_text=summary, previous_for=30672, shown=True
    )
    assert given.for_model(30672, "Jane Smith") == summary
    typed = given_source(
        text=summary, value=40000, previous_text=summary, previous_for=30672, shown=True
    )
    assert not typed.applies_to(40000)
    assert typed.for_model(40000, "Jane Smith") == "entered by Jane Smith"
    assert typed.shown_text(40000) == ""
    # The page showed the field empty for 40,000; going back finds the source again.
    back = given_source(
        text="", value=30672, previous_text=typed.text, previous_for=typed.given_for, shown=False
    )
    assert back.for_model(30672, "Jane Smith") == summary


def test_a_new_source_is_for_the_value_typed_with_it_and_emptying_drops_it() -> None:
    new = given_source(text="ONS 2024", value=250, previous_text="ONS 2023", previous_for=100)
    assert new.applies_to(250) and new.for_model(250) == "ONS 2024"
    assert not new.official
    dropped = given_source(
        text=" ", value=100, previous_text="ONS 2023", previous_for=100, shown=True
    )
    assert dropped.for_model(100) == "entered by the user"


def test_an_official_source_stays_official_until_its_text_is_changed() -> None:
    kept = given_source(
        text="ONS MYE",
        value=9,
        previous_text="ONS MYE",
        previous_for=9,
        previous_official=True,
        shown=True,
    )
    assert kept.official
    edited = given_source(
        text="ONS MYE, checked",
        value=9,
        previous_text="ONS MYE",
        previous_for=9,
        previous_official=True,
        shown=True,
    )
    assert not edited.official


def test_counts_are_read_as_people_type_them() -> None:
    assert parse_count("30,672") == 30672
    assert parse_count(" 30 672 ") == 30672
    assert parse_count("30672") == 30672
    assert parse_count("3.5") is None
    assert parse_count("-5") is None


def test_parts_that_do_not_add_up_are_said_and_can_be_rescaled() -> None:
    parts = {**BIRMINGHAM_PARTS, "insecure_targeted": 15}
    note = parts_note(parts, AttachmentClass.INSECURE)
    # 15 of 37 parts is 40.54% of insecure children (15 / 37 = 0.405405...).
    assert "add up to 37, not 30" in note
    assert "targeted services 15 of 37 (40.54%)" in note
    assert parts_note(BIRMINGHAM_PARTS, AttachmentClass.INSECURE) == ""
    scaled = rescaled_parts(parts, AttachmentClass.INSECURE)
    # 20 * 30 / 37 = 16.216..., 15 * 30 / 37 = 12.162..., the last takes the rest.
    assert scaled["insecure_unlikely_to_access"] == Decimal("16.216")
    assert scaled["insecure_targeted"] == Decimal("12.162")
    assert sum(scaled.values()) == 30
    assert parts_note({**parts, **scaled}, AttachmentClass.INSECURE) == ""
