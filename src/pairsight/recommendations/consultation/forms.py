"""The consultation's forms. Limits are checked again by the use cases, which name the field."""

from __future__ import annotations

from typing import Any

from django import forms

from pairsight.recommendations.consultation.models import AGREEMENT, CHANGE_LIMIT, COMMENT_LIMIT


class OpenRoundForm(forms.Form):
    closes_on = forms.DateField(
        label="Closing date",
        help_text="The last day consultees can respond, for example 2027-01-31",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the closing date",
            "invalid": "Enter the closing date as a date, like 2027-01-31",
        },
    )
    recommendations = forms.MultipleChoiceField(
        label="Recommendations to consult on",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one draft recommendation to consult on",
            "invalid_choice": "Choose only draft recommendations listed",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].choices = choices  # type: ignore[attr-defined]


class ResponseForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How far do you agree with this recommendation?",
        choices=[(str(k), v) for k, v in AGREEMENT.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how far you agree",
            "invalid_choice": "Choose one of the five answers listed",
        },
    )
    comment = forms.CharField(
        label="Your comments (optional)",
        help_text=f"Up to {COMMENT_LIMIT:,} characters",
        required=False,
        widget=forms.Textarea,
        # Checked by the use case, which says how long the comment is.
        max_length=None,
    )


class ChangeForm(forms.Form):
    note = forms.CharField(
        label="What was changed and why",
        help_text=f"Up to {CHANGE_LIMIT:,} characters. Say so if nothing was changed, and why.",
        widget=forms.Textarea,
        error_messages={"required": "Say what was changed and why (or that nothing was)"},
    )
