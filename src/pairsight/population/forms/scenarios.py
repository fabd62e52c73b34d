"""Saving and comparing scenarios, and adding an official data file."""

from __future__ import annotations

from typing import Any

from django import forms

from pairsight.officialdata.added import KINDS


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
