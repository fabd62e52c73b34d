"""The population-need form: the inputs of `pairsight need`, checked field by field."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import forms
from django.http import QueryDict

from pairsight.officialdata.added import KINDS
from pairsight.population import (
    Capacity,
    DeprivationInputs,
    InputError,
    PopulationInputs,
    PresetError,
    Reading,
)
from pairsight.population.given_sources import (
    CAPACITY_PREFIX,
    MAX_CAPACITY_ROWS,
    settle,
    stored_source,
)
from pairsight.population.page_inputs import (
    DEFAULT_PARTS,
    GivenSource,
    parse_count,
    part_names,
    parts_note,
    preset_summary,
    presets,
    split_from_parts,
)
from pairsight.population.presets import AttachmentClass, load_preset

MAX_CHILDREN = 2_000_000
# Official provenance names the file, sheet, release and download: it runs to a few hundred
# characters.
MAX_SOURCE = 1000

METHOD_PRESET = "preset"
METHOD_DEPRIVATION = "deprivation"


class CountField(forms.IntegerField):
    """A whole number typed the way people write it: 30672, 30,672 or 30 672."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            parsed = parse_count(value)
            if parsed is not None:
                return parsed
        return super().to_python(value)  # type: ignore[no-any-return]


def _part_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=8,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": f"Enter the parts for {label.lower()}",
            "invalid": f"Parts for {label.lower()} must be a number, like 8",
            "min_value": f"Parts for {label.lower()} must be 0 or more",
            "max_value": f"Parts for {label.lower()} must be 1,000 or fewer",
            "max_decimal_places": f"Parts for {label.lower()} can have up to 3 decimal places",
            "max_digits": f"Parts for {label.lower()} must be 1,000 or fewer",
        },
    )


class NeedInputsForm(forms.Form):
    reading = forms.ChoiceField(
        label="What does the number count?",
        choices=[
            (Reading.UNDER_TWO.value, "Children under two"),
            (Reading.BIRTHS.value, "Births in a year"),
        ],
        initial=Reading.UNDER_TWO.value,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the number counts"},
    )
    children = CountField(
        label="Number of children",
        min_value=0,
        max_value=MAX_CHILDREN,
        help_text="For example, from the ONS mid-year population estimates (ages 0 and 1)",
        error_messages={
            "required": "Enter the number of children",
            "invalid": "Number of children must be a whole number, like 30,672",
            "min_value": "Number of children must be 0 or more",
            "max_value": f"Number of children must be {MAX_CHILDREN:,} or fewer",
        },
    )
    children_source = forms.CharField(
        label="Where the number comes from (optional)",
        required=False,
        max_length=MAX_SOURCE,
        error_messages={
            "max_length": f"Where the number comes from must be {MAX_SOURCE:,} characters or fewer"
        },
        help_text="Shown wherever the figures are explained, for example ONS mid-year "
        "estimates 2023",
    )
    # The source text and the number it was given for, as they stood before this edit.
    source_text = forms.CharField(required=False, widget=forms.HiddenInput, max_length=MAX_SOURCE)
    source_for = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_official = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1)
    source_shown = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1)
    method = forms.ChoiceField(
        label="Attachment distribution",
        choices=[
            (METHOD_PRESET, "Use one distribution for every child"),
            (METHOD_DEPRIVATION, "Weight by deprivation"),
        ],
        initial=METHOD_PRESET,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how to apply the attachment distribution"},
    )
    preset = forms.ChoiceField(
        label="Distribution",
        choices=[],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select one of the distributions listed"},
    )
    deprived_children = CountField(
        label="Children living in the most deprived 10% of neighbourhoods",
        required=False,
        min_value=0,
        max_value=MAX_CHILDREN,
        help_text="They take the high-adversity distribution; all other children take the "
        "standard one",
        error_messages={
            "invalid": "Children in the most deprived neighbourhoods must be a whole number",
            "min_value": "Children in the most deprived neighbourhoods must be 0 or more",
            "max_value": "Children in the most deprived neighbourhoods must be "
            f"{MAX_CHILDREN:,} or fewer",
        },
    )
    insecure_unlikely_to_access = _part_field("Insecure, unlikely to access services before two")
    insecure_targeted = _part_field("Insecure, targeted services")
    insecure_shorter_term_pair = _part_field("Insecure, shorter-term PAIR work")
    disorganised_social_care = _part_field("Disorganised, risk support through social care")
    disorganised_longer_term_pair = _part_field("Disorganised, longer-term PAIR work")
    caseload_per_wte = forms.DecimalField(
        label="Families each whole-time practitioner can see in a year (optional)",
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(10_000),
        max_digits=8,
        decimal_places=2,
        help_text="Leave empty to skip the estimate of staff needed",
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": "Families per practitioner must be a number, like 40",
            "min_value": "Families per practitioner must be more than 0",
            "max_value": "Families per practitioner must be 10,000 or fewer",
            "max_decimal_places": "Families per practitioner can have up to 2 decimal places",
            "max_digits": "Families per practitioner must be 10,000 or fewer",
        },
    )
    capacity_source = forms.CharField(
        label="Where the numbers of families come from (optional)",
        required=False,
        max_length=MAX_SOURCE,
        error_messages={
            "max_length": "Where the numbers of families come from must be "
            f"{MAX_SOURCE:,} characters or fewer"
        },
        help_text="For example, the service's activity report for 2023 to 2024",
    )
    capacity_source_text = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=MAX_SOURCE
    )
    capacity_source_for = forms.IntegerField(required=False, widget=forms.HiddenInput)
    capacity_source_official = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=1
    )
    capacity_source_shown = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1)
    # Where the count of children in the most deprived neighbourhoods comes from (IMD, when
    # used from the official figures); kept with the count it was given for.
    deprived_source_text = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=MAX_SOURCE
    )
    deprived_source_for = forms.IntegerField(required=False, widget=forms.HiddenInput)
    deprived_source_official = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=1
    )
    deprived_source_shown = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["preset"]
        field.choices = [(p.name, p.title) for p in presets()]  # type: ignore[attr-defined]
        field.choice_hints = {p.name: preset_summary(p) for p in presets()}  # type: ignore[attr-defined]
        for name, parts in DEFAULT_PARTS.items():
            self.fields[name].initial = parts
        #: What the estimate waits for, when a field just revealed is still empty.
        self.waiting_for = ""
        if self.is_bound and self.data.get("reading") == Reading.BIRTHS.value:
            children = self.fields["children"]
            children.label = "Number of births in a year"
            children.help_text = (
                "For example, from the ONS live births by area of usual residence of the mother"
            )
            children.error_messages = {
                **children.error_messages,
                "required": "Enter the number of births in a year",
                "invalid": "Number of births must be a whole number, like 11,650",
            }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        method = data.get("method")
        if method == METHOD_PRESET and not data.get("preset") and "preset" not in self.errors:
            self.add_error("preset", "Select a distribution")
        if method == METHOD_DEPRIVATION:
            deprived = data.get("deprived_children")
            children = data.get("children")
            if deprived is None and "deprived_children" not in self.errors:
                message = "Enter how many children live in the most deprived 10% of neighbourhoods"
                # Choosing the option reveals the field: it is not an error until the person
                # asks for the estimate with it still empty.
                if self.data.get("update"):
                    self.add_error("deprived_children", message)
                else:
                    self.waiting_for = message
            elif deprived is not None and children is not None and deprived > children:
                self.add_error(
                    "deprived_children",
                    "Children in the most deprived neighbourhoods cannot be more than the "
                    f"number of children ({children:,})",
                )
        for attachment_class in (AttachmentClass.INSECURE, AttachmentClass.DISORGANISED):
            names = part_names(attachment_class)
            parts = [data.get(n) for n in names]
            if all(p is not None for p in parts) and sum(parts) == 0:  # type: ignore[arg-type]
                self.add_error(
                    names[0],
                    f"The {attachment_class.value} parts cannot all be 0: give at least one "
                    "pathway a share",
                )
        return data


class CapacityForm(forms.Form):
    name = forms.CharField(label="Service", max_length=200, required=False)
    families_per_year = forms.IntegerField(
        label="Families seen a year",
        required=False,
        min_value=0,
        max_value=MAX_CHILDREN,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        row = f"Service {self.prefix_number}"
        name = (data.get("name") or "").strip()
        families = data.get("families_per_year")
        if "families_per_year" in self.errors:
            self.errors["families_per_year"] = self.error_class(
                [f"{row}: families seen a year must be a whole number, 0 or more"]
            )
        elif name and families is None:
            self.add_error("families_per_year", f"{row}: enter how many families it sees a year")
        elif families is not None and not name:
            self.add_error("name", f"{row}: enter the name of the service")
        data["name"] = name
        return data

    @property
    def prefix_number(self) -> int:
        return int(str(self.prefix).rsplit("-", 1)[-1]) + 1


class BaseCapacityFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        names = [
            (f.cleaned_data.get("name") or "").casefold()
            for f in self.forms
            if f.is_valid() and f.cleaned_data.get("name")
        ]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise forms.ValidationError(
                f"Each service can be entered once: {duplicates[0]!r} is entered twice"
            )


CapacityFormSet = forms.formset_factory(
    CapacityForm,
    formset=BaseCapacityFormSet,
    extra=0,
    max_num=MAX_CAPACITY_ROWS,
    validate_max=True,
    absolute_max=MAX_CAPACITY_ROWS,
)


class NeedForms:
    """The main form and the rows of existing capacity, bound to one set of inputs."""

    def __init__(
        self, data: QueryDict | None, *, add_row: bool = False, entered_by: str = ""
    ) -> None:
        self.bound = data is not None and bool(data.get("children") is not None)
        self.entered_by = entered_by
        if self.bound and data is not None:
            data = settle_sources(data)
        self.inputs = NeedInputsForm(data if self.bound else None)
        capacity_data = (
            data
            if data is not None and self.bound and f"{CAPACITY_PREFIX}-TOTAL_FORMS" in data
            else None
        )
        initial_rows: list[dict[str, Any]] | None = None
        if capacity_data is None:
            initial_rows = [{}]
        self.capacity = CapacityFormSet(capacity_data, prefix=CAPACITY_PREFIX, initial=initial_rows)
        if add_row and capacity_data is not None:
            self.capacity = _with_blank_row(capacity_data)
        self._population_inputs: PopulationInputs | None = None
        self.model_error = ""

    @property
    def error_forms(self) -> list[forms.BaseForm | forms.BaseFormSet]:  # type: ignore[type-arg]
        return [self.inputs, self.capacity]

    def is_valid(self) -> bool:
        if not self.bound:
            return False
        valid = self.inputs.is_valid() & self.capacity.is_valid()
        return valid and not self.inputs.waiting_for and self.population_inputs() is not None

    def population_inputs(
        self, *, area_name: str = "", area_code: str = ""
    ) -> PopulationInputs | None:
        """The model's inputs, or None with `model_error` set when the model rejects them."""
        if not (self.inputs.is_valid() and self.capacity.is_valid()):
            return None
        data = self.inputs.cleaned_data
        try:
            capacity = tuple(
                Capacity(f.cleaned_data["name"], f.cleaned_data["families_per_year"])
                for f in self.capacity.forms
                if f.cleaned_data.get("name")
            )
            capacity_source = self.capacity_source().for_model(
                sum(c.families_per_year for c in capacity), self.entered_by
            )
            reading = Reading(data["reading"])
            deprivation = None
            preset = load_preset(data.get("preset") or "standard")
            if data["method"] == METHOD_DEPRIVATION:
                deprived = data["deprived_children"]
                deprivation = DeprivationInputs(
                    populations=(deprived, data["children"] - deprived),
                    deciles=(1, 10),
                    population_label="births"
                    if reading is Reading.BIRTHS
                    else "children under two",
                    source=self.deprived_source(deprived),
                    standard=load_preset("standard"),
                    high_adversity=load_preset("high-adversity"),
                )
            caseload = data.get("caseload_per_wte")
            return PopulationInputs(
                children=data["children"],
                preset=preset,
                reading=reading,
                split=split_from_parts(data),
                capacity=capacity,
                caseload_per_wte=Fraction(caseload) if caseload is not None else None,
                deprivation=deprivation,
                area_name=area_name,
                area_code=area_code,
                children_source=self.children_source().for_model(data["children"], self.entered_by),
                capacity_source=capacity_source,
            )
        except (InputError, PresetError) as error:
            self.model_error = str(error)
            self.inputs.add_error(None, str(error))
            return None

    def children_source(self) -> GivenSource:
        """The source of the number of children, tied to the number it was given for."""
        return stored_source(self.inputs.data, "source")

    def capacity_source(self) -> GivenSource:
        return stored_source(self.inputs.data, "capacity_source")

    def deprived_source(self, deprived: int) -> str:
        """The deprived count's own source (IMD) when it was given with it; otherwise the
        source of the children it is a part of, as before sources were kept per count."""
        given = stored_source(self.inputs.data, "deprived_source")
        if given.applies_to(deprived):
            return given.text
        children = self.inputs.cleaned_data["children"]
        return self.children_source().for_model(children, self.entered_by)

    def waiting_source_note(self) -> str:
        """A word beside the number when its source waits for the value it was given with."""
        source = self.children_source()
        children = parse_count(str(self.inputs.data.get("children", "")))
        if not source.text or source.applies_to(children):
            return ""
        return (
            f"You entered this number. The source {source.text} was given for "
            f"{source.given_for:,}: enter that number again to use it."
        )

    def parts_notes(self) -> dict[str, str]:
        """Per attachment class, a note when its parts do not add up to the usual total."""
        if not self.inputs.is_valid():
            return {}
        notes = {}
        for attachment_class in (AttachmentClass.INSECURE, AttachmentClass.DISORGANISED):
            note = parts_note(self.inputs.cleaned_data, attachment_class)
            if note:
                notes[attachment_class.value] = note
        return notes

    def stored_inputs(self) -> dict[str, str]:
        """The inputs as submitted, to save with a scenario and to open it again later."""
        names = list(self.inputs.fields) + [
            f"{CAPACITY_PREFIX}-TOTAL_FORMS",
            f"{CAPACITY_PREFIX}-INITIAL_FORMS",
        ]
        stored = {n: str(self.inputs.data.get(n, "")) for n in names}
        rows = 0
        for form in self.capacity.forms:
            if form.cleaned_data.get("name"):
                stored[f"{CAPACITY_PREFIX}-{rows}-name"] = form.cleaned_data["name"]
                stored[f"{CAPACITY_PREFIX}-{rows}-families_per_year"] = str(
                    form.cleaned_data["families_per_year"]
                )
                rows += 1
        stored[f"{CAPACITY_PREFIX}-TOTAL_FORMS"] = str(rows)
        stored[f"{CAPACITY_PREFIX}-INITIAL_FORMS"] = "0"
        return stored


def settle_sources(data: QueryDict) -> QueryDict:
    """The inputs with each source placed where it belongs (see `given_sources.settle`)."""
    copy = data.copy()
    for name, value in settle({k: str(v) for k, v in data.items()}).items():
        copy[name] = value
    return copy


def _with_blank_row(data: QueryDict) -> forms.BaseFormSet:  # type: ignore[type-arg]
    copy = data.copy()
    total = int(copy.get(f"{CAPACITY_PREFIX}-TOTAL_FORMS") or 0)
    copy[f"{CAPACITY_PREFIX}-TOTAL_FORMS"] = str(min(total + 1, MAX_CAPACITY_ROWS))
    return CapacityFormSet(copy, prefix=CAPACITY_PREFIX)


def inputs_query(values: dict[str, str]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in values.items():
        query[name] = value
    return query


def default_query() -> QueryDict:
    """The form's starting values, for a page opened without inputs or a saved scenario."""
    query = QueryDict(mutable=True)
    query["reading"] = Reading.UNDER_TWO.value
    query["method"] = METHOD_PRESET
    query["preset"] = "standard"
    # One empty row of existing services, so that inputs added to these (an official
    # figure used with one click) make a complete form.
    query[f"{CAPACITY_PREFIX}-TOTAL_FORMS"] = "1"
    query[f"{CAPACITY_PREFIX}-INITIAL_FORMS"] = "0"
    for name, parts in DEFAULT_PARTS.items():
        query[name] = str(parts)
    return query


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label="Name this scenario",
        max_length=100,
        help_text="For example, ONS 2023 population with the standard distribution",
        error_messages={
            "required": "Enter a name for the scenario",
            "max_length": "The scenario's name must be 100 characters or fewer",
        },
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Context for anyone reading this scenario later",
        error_messages={"max_length": "Notes must be 2,000 characters or fewer"},
    )
    inputs = forms.CharField(widget=forms.HiddenInput, required=False)


class CompareForm(forms.Form):
    scenario = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        label="Scenarios to compare",
        error_messages={
            "invalid_choice": "Select scenarios from the list",
            "required": "Select at least 2 scenarios to compare",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = choices  # type: ignore[attr-defined]

    def clean_scenario(self) -> list[int]:
        chosen: list[int] = self.cleaned_data["scenario"]
        if len(chosen) < 2:
            raise forms.ValidationError("Select at least 2 scenarios to compare")
        if len(chosen) > 4:
            raise forms.ValidationError("Select up to 4 scenarios to compare")
        return chosen


class OfficialFileForm(forms.Form):
    file = forms.FileField(
        label="Official data file",
        help_text="The file as published: ONS mid-year estimates, ONS live births, ONS "
        "subnational population projections or the English Indices of Deprivation File 7",
        error_messages={"required": "Choose the file to add"},
    )
    kind = forms.ChoiceField(
        label="What the file is",
        required=False,
        choices=[("", "Recognise it from its contents")]
        + [(key, kind.title) for key, kind in KINDS.items()],
    )
    source = forms.CharField(
        label="Where it comes from",
        max_length=500,
        help_text="The page or web address it was downloaded from, for example "
        "https://www.ons.gov.uk/…",
        error_messages={"required": "Enter where the file comes from"},
    )
