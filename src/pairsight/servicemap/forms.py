from __future__ import annotations

from typing import Any

from django import forms

from pairsight.servicemap.register import (
    FOCUS_LABELS,
    KNOWN_INTERVENTIONS,
    Focus,
    Level,
    Referral,
    Sector,
    Stage,
)

MAX_FEED_BYTES = 50 * 1024 * 1024


def _options(kind: Any) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in kind]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="A feed or spreadsheet file",
        required=False,
        help_text="An Open Referral UK feed saved as JSON, or a spreadsheet (CSV or XLSX) in "
        "the layout of the template.",
    )
    url = forms.URLField(
        label="Or the web address of an Open Referral UK feed",
        required=False,
        assume_scheme="https",
        help_text="For example https://directory.example.gov.uk/api/services. PAIRsight reads "
        "every page of it now, once; nothing is fetched again unless you ask.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        file, url = data.get("file"), data.get("url")
        if not file and not url:
            self.add_error("file", "Choose a file, or give the web address of a feed.")
        elif file and url:
            self.add_error("url", "Give a file or a web address, not both.")
        elif file and file.size > MAX_FEED_BYTES:
            self.add_error("file", f"The file is larger than {MAX_FEED_BYTES // 1024 // 1024} MB.")
        return data


class ClassifyForm(forms.Form):
    levels = forms.MultipleChoiceField(
        label="Levels of need",
        choices=_options(Level),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose every level the service works at.",
        error_messages={"required": "Choose at least one level of need."},
    )
    focus = forms.ChoiceField(
        label="Parent-infant focus",
        choices=[(f.value, FOCUS_LABELS[f]) for f in Focus],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the service's parent-infant focus."},
    )
    stages = forms.MultipleChoiceField(
        label="Ages and stages covered",
        choices=_options(Stage),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sector = forms.ChoiceField(
        label="Sector", choices=[("", "Not recorded"), *_options(Sector)], required=False
    )
    referral = forms.ChoiceField(
        label="Referral routes", choices=[("", "Not recorded"), *_options(Referral)], required=False
    )
    interventions = forms.MultipleChoiceField(
        label="Interventions offered",
        choices=[(name, name) for name in KNOWN_INTERVENTIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_interventions = forms.CharField(
        label="Other interventions",
        required=False,
        max_length=1000,
        help_text="Separate them with semicolons.",
    )
    capacity = forms.IntegerField(
        label="Capacity (families a year)", required=False, min_value=0, max_value=10_000_000
    )
    caseload_under_two = forms.IntegerField(
        label="0–2s on the caseload now", required=False, min_value=0, max_value=10_000_000
    )
    eligibility = forms.CharField(
        label="Eligibility", required=False, widget=forms.Textarea, max_length=5000
    )
    excluded = forms.CharField(
        label="Who is excluded", required=False, widget=forms.Textarea, max_length=5000
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea, max_length=5000)

    def interventions_chosen(self) -> list[str]:
        chosen = list(self.cleaned_data.get("interventions") or [])
        other = self.cleaned_data.get("other_interventions") or ""
        return chosen + [p.strip() for p in other.split(";") if p.strip()]


class AddServiceForm(forms.Form):
    name = forms.CharField(label="Service name", max_length=500)
    provider = forms.CharField(label="Provider", max_length=500, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)


class SectorForm(forms.Form):
    sector = forms.ChoiceField(label="Sector", choices=_options(Sector))
    without_service = forms.BooleanField(required=False)


class LocateForm(forms.Form):
    directory = forms.FileField(
        label="An ONS Postcode Directory extract (CSV)",
        required=False,
        help_text="With the columns pcds, lat and long. Without a file, PAIRsight asks "
        "postcodes.io over the internet.",
    )
