from __future__ import annotations

from typing import Any

from django import forms

from pairsight.reports.models import Disclosure

DISCLOSURE_HINTS = {
    Disclosure.NHS: "The default for published outputs. Counts from 1 to 7 are shown as *, other "
    "counts are rounded to the nearest 5, and totals that could reveal a hidden count are "
    "hidden too.",
    Disclosure.UNDER_10: "Counts from 1 to 9 are shown as *; other counts are exact.",
    Disclosure.UNDER_5: "Counts from 1 to 4 are shown as *; other counts are exact.",
    Disclosure.OFF: "Every count is exact. Only for drafts read inside the team: never publish "
    "a report built this way.",
}


class DisclosureForm(forms.Form):
    disclosure = forms.ChoiceField(
        label="Small-number rule for counts of people",
        choices=Disclosure.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a small-number rule",
            "invalid_choice": "Select one of the small-number rules listed",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["disclosure"].choice_hints = {  # type: ignore[attr-defined]
            str(choice): hint for choice, hint in DISCLOSURE_HINTS.items()
        }


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Text",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        error_messages={"max_length": "The text must be 20,000 characters or fewer"},
    )
