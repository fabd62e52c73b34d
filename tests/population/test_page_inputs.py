"""The population page's inputs as the model's (pure: no Django)."""

from __future__ import annotations

from fractions import Fraction

from pairsight.population.page_inputs import (
    children_source,
    preset_summary,
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
    given = children_source(text="ONS 2023", children=100, previous_text="", previous_for=None)
    assert given.given_for == 100 and given.for_model(100) == "ONS 2023"
    kept = children_source(
        text="ONS 2023", children=250, previous_text="ONS 2023", previous_for=100
    )
    assert not kept.applies_to(250)
    assert kept.for_model(250) == "entered by the user; the source given, ONS 2023, was for 100"
    changed = children_source(
        text="ONS 2024", children=250, previous_text="ONS 2023", previous_for=100
    )
    assert changed.applies_to(250) and changed.for_model(250) == "ONS 2024"
    empty = children_source(text=" ", children=250, previous_text="ONS 2023", previous_for=100)
    assert empty.for_model(250) == "entered by the user"
