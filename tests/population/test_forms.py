"""The population form turns what people type into the need model's inputs."""

from __future__ import annotations

from fractions import Fraction

from pairsight.population.demo import demo_inputs
from pairsight.population.forms import NeedForms, inputs_query
from pairsight.population.presets import AttachmentClass
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


def test_a_changed_number_is_entered_by_the_person_and_the_source_waits() -> None:
    values = demo_inputs()
    values["children"] = "40,000"
    forms = NeedForms(inputs_query(values), entered_by="Jane Smith")
    inputs = forms.population_inputs()
    assert inputs is not None and inputs.children == 40_000
    assert inputs.children_source == "entered by Jane Smith"
    assert "was given for 30,672" in forms.waiting_source_note()
    stored = forms.stored_inputs()
    assert stored["children_source"] == "", "the source is not shown beside 40,000"
    assert stored["source_for"] == "30672", "reopened, the scenario still knows"
    # Back to 30,672 (the field was left empty by the page): the source is credited again.
    stored["children"] = "30672"
    again = NeedForms(inputs_query(stored), entered_by="Jane Smith").population_inputs()
    assert again is not None and again.children_source.startswith("Nuttall C")


def test_a_source_changed_with_the_number_is_credited_to_it() -> None:
    forms = _forms(children="12000", children_source="ONS mid-year estimates 2023")
    inputs = forms.population_inputs()
    assert inputs is not None and inputs.children_source == "ONS mid-year estimates 2023"
    assert forms.waiting_source_note() == ""
    assert forms.stored_inputs()["source_for"] == "12000"


def test_the_demo_capacity_cites_the_birmingham_summary() -> None:
    inputs = _forms().population_inputs()
    assert inputs is not None and inputs.capacity_source.startswith("Nuttall C")
    typed = _forms(**{"capacity-0-families_per_year": "400"}).population_inputs()
    assert typed is not None and typed.capacity_source == "entered by the user"


def test_weighting_by_deprivation_waits_quietly_until_the_estimate_is_asked_for() -> None:
    forms = _forms(method="deprivation", deprived_children="")
    assert not forms.is_valid()
    assert forms.inputs.errors == {}
    assert "most deprived" in forms.inputs.waiting_for
    asked = _forms(method="deprivation", deprived_children="", update="1")
    assert not asked.is_valid() and "deprived_children" in asked.inputs.errors


def test_births_are_labelled_as_births() -> None:
    forms = _forms(reading="births")
    assert forms.inputs.fields["children"].label == "Number of births in a year"


def test_rescaling_keeps_the_proportions_and_reaches_the_usual_total() -> None:
    forms = _forms(insecure_targeted="15", rescale="insecure")
    assert forms.is_valid()
    stored = forms.stored_inputs()
    assert stored["insecure_unlikely_to_access"] == "16.216"
    assert stored["insecure_targeted"] == "12.162"
    assert stored["insecure_shorter_term_pair"] == "1.622"
