"""How one cell is read against a question's options, for any options and any spelling."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pairsight.surveys.importers.answers import (
    Unknown,
    choice_lookup,
    read_choice,
    read_choices,
    read_number,
    read_tick,
)
from pairsight.surveys.instruments import Option

words = st.text(alphabet="abcdefgh", min_size=1, max_size=6)
labels = st.lists(words, min_size=1, max_size=4).map(" ".join)
option_sets = st.lists(labels, min_size=2, max_size=7, unique_by=lambda s: s.casefold())
# Labels as people write them, with the separators inside: "Yes, often", "Health visitor; HV".
punctuated_labels = st.lists(words, min_size=1, max_size=4).flatmap(
    lambda parts: st.sampled_from([", ", "; ", " "]).map(lambda joint: joint.join(parts))
)
punctuated_option_sets = st.lists(
    punctuated_labels, min_size=2, max_size=7, unique_by=lambda s: s.casefold()
)


@given(punctuated_option_sets, st.data(), st.sampled_from([";", ",", " "]))
def test_any_chosen_options_read_back_whatever_the_separator(options, data, separator):
    # Options may contain the separator itself: a space, or a comma or semicolon in a label.
    chosen = data.draw(st.lists(st.sampled_from(options), min_size=1, unique=True))
    cell = separator.join(chosen) + (";" if separator == ";" else "")
    found, unknown = read_choices(cell, choice_lookup(options), separator)
    assert unknown == []
    # Labels holding the separator can be ambiguous ("a", "b" and "a, b" joined by ","): the
    # longest option wins, and the options found always spell the cell exactly.
    assert separator.join(found) == separator.join(chosen)
    if not any(separator in option for option in options):
        assert found == chosen


@given(option_sets, st.data())
def test_case_and_spacing_do_not_change_an_answer(options, data):
    label = data.draw(st.sampled_from(options))
    spelt = data.draw(st.sampled_from([label.upper(), f"  {label} ", label.replace(" ", "   ")]))
    assert read_choice(spelt, choice_lookup(options)) == label


def test_answers_outside_the_options_are_kept_for_the_problem_list():
    lookup = choice_lookup(["Yes", "No"])
    assert read_choice("Maybe", lookup) == Unknown("Maybe", "not one of the options")
    assert read_choice("   ", lookup) is None
    assert read_choices("Yes;Perhaps;", lookup, ";") == (["Yes"], ["Perhaps"])


def test_codes_are_read_when_the_export_writes_them():
    options = [Option(label="Health visitor", code="HV"), Option(label="Midwife", code="MW")]
    lookup = choice_lookup([o.label for o in options], options, position_codes=("{n}",))
    assert read_choice("hv", lookup) == "Health visitor"
    assert read_choice("2", lookup) == Unknown("2", "not one of the options")  # explicit codes win
    positional = choice_lookup(["Health visitor", "Midwife"], (), position_codes=("{n}", "A{n}"))
    assert (read_choice("2", positional), read_choice("A1", positional)) == (
        "Midwife",
        "Health visitor",
    )
    assert read_choice("health_visitor", positional) == "Health visitor"  # Kobo's option name


def test_ticks_in_every_tool_s_spelling():
    forms = frozenset({"refer to another service"})
    for ticked in ("1", "Y", "Checked", "Refer to another service", "TRUE"):
        assert read_tick(ticked, forms) is True
    for unticked in ("0", "", None, "Unchecked", "N"):
        assert read_tick(unticked, forms) is False
    assert isinstance(read_tick("maybe", forms), Unknown)


def test_numbers_with_thousands_separators_units_and_ranges():
    assert read_number("1,200", 0, None, True, None) == 1200.0
    assert read_number("6 months", 0, 24, True, "months") == 6.0
    assert read_number(3.5, 0, 24, True, None) == Unknown("3.5", "not a whole number")
    assert read_number("25", 0, 24, True, None) == Unknown(
        "25", "outside the allowed range (from 0 to 24)"
    )
    assert read_number("", 0, 24, True, None) is None
