"""The need inputs form and the rows of existing capacity, field by field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from pairsight.population import (
    Reading,
)
from pairsight.population.given_sources import (
    MAX_CAPACITY_ROWS,
)
from pairsight.population.page_inputs import (
    DEFAULT_PARTS,
    METHOD_DEPRIVATION,
    METHOD_PRESET,
    parse_count,
    part_names,
    preset_summary,
    presets,
)
from pairsight.population.presets import AttachmentClass

MAX_CHILDREN = 2_000_000


# Official provenance names the file, sheet, release and download: it runs to a few hundred
# characters.
MAX_SOURCE = 1000


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
