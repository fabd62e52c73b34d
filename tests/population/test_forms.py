"""The population form turns what people type into the need model's inputs."""

from __future__ import annotations

from fractions import Fraction

from pairsight.population.demo import demo_inputs
from pairsight.population.forms import NeedForms, inputs_query, preset_summary, split_from_parts
from pairsight.population.presets import AttachmentClass, load_preset
from pairsight.population.split import Pathway


def _forms(**changes: str) -> NeedForms:
    values = demo_inputs()
    values.update(changes)
    return NeedForms(inputs_query(values))


def test_the_demo_inputs_are_the_birmingham_inputs() -> None:
    forms = _forms()
    inputs = forms.population_inputs(area_name="Birmingham", area_code="E08000025")
    assert forms.is_valid() and inputs is not None
    assert inputs.children == 30_672
    assert inputs.preset.name == "high-adversity"
    assert [(c.name, c.families_per_year) for c in inputs.capacity] == [
        ("Perinatal mental health service", 340)
    ]
    assert inputs.split.name == "birmingham-2022", "unchanged parts keep the published split"


def test_edited_parts_become_shares_of_each_class() -> None:
    forms = _forms(
        insecure_unlikely_to_access="10", insecure_targeted="10", insecure_shorter_term_pair="10"
    )
    inputs = forms.population_inputs()
    assert inputs is not None
    assert inputs.split.source.local_assumption
    assert inputs.split.share_of_class(AttachmentClass.INSECURE, Pathway.TARGETED) == Fraction(1, 3)
    assert inputs.split.share_of_class(
        AttachmentClass.DISORGANISED, Pathway.LONGER_TERM_PAIR
    ) == Fraction(7, 20)


def test_a_zero_part_drops_that_pathway() -> None:
    split = split_from_parts(
        {
            "insecure_unlikely_to_access": 20,
            "insecure_targeted": 10,
            "insecure_shorter_term_pair": 0,
            "disorganised_social_care": 13,
            "disorganised_longer_term_pair": 7,
        }
    )
    assert split.share_of_class(AttachmentClass.INSECURE, Pathway.SHORTER_TERM_PAIR) == 0


def test_deprivation_weighting_uses_the_count_in_the_most_deprived_decile() -> None:
    inputs = _forms(method="deprivation", deprived_children="15336").population_inputs()
    assert inputs is not None and inputs.deprivation is not None
    assert list(inputs.deprivation.populations) == [15_336, 15_336]


def test_blank_service_rows_are_ignored_and_stored_inputs_are_tidy() -> None:
    forms = _forms(
        **{
            "capacity-TOTAL_FORMS": "3",
            "capacity-1-name": "",
            "capacity-1-families_per_year": "",
            "capacity-2-name": "  Specialist team ",
            "capacity-2-families_per_year": "25",
        }
    )
    assert forms.is_valid()
    stored = forms.stored_inputs()
    assert stored["capacity-TOTAL_FORMS"] == "2"
    assert stored["capacity-1-name"] == "Specialist team"
    assert stored["capacity-1-families_per_year"] == "25"


def test_the_same_service_twice_is_refused() -> None:
    forms = _forms(
        **{
            "capacity-TOTAL_FORMS": "2",
            "capacity-1-name": "perinatal mental health service",
            "capacity-1-families_per_year": "5",
        }
    )
    assert not forms.is_valid()
    assert "entered twice" in str(forms.capacity.non_form_errors())


def test_preset_summaries_show_ranges() -> None:
    assert preset_summary(load_preset("standard")) == (
        "Secure 55–60%, insecure 25–30%, disorganised 15%"
    )
    assert preset_summary(load_preset("high-adversity")) == (
        "Secure 50%, insecure 30%, disorganised 20%"
    )
