from __future__ import annotations

from typing import Any

from django import forms

from pairsight.recommendations.models import Priority, Status
from pairsight.recommendations.register_table import MAX_BYTES


def _text(label: str, *, required: bool = False, long: bool = True, max_length: int = 0) -> Any:
    field = forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea if long else forms.TextInput,
        error_messages={"required": f"Enter {label[0].lower() + label[1:]}"},
        max_length=max_length or None,
    )
    return field


class RecommendationForm(forms.Form):
    category = forms.ChoiceField(label="Category", error_messages={"required": "Choose a category"})
    title = _text("A short title", required=True, long=False, max_length=300)
    text = _text("The recommendation", required=True)
    audience = _text("Who is the recommendation for")
    how_achieved = _text("How can the recommendation be achieved")
    next_steps = _text("Next steps")
    owner = _text("Owner", long=False, max_length=200)
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        initial=Priority.MEDIUM,
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(label="Status", choices=Status.choices, initial=Status.DRAFT)

    def __init__(self, *args: Any, categories: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field = self.fields["category"]
        assert isinstance(choice_field, forms.ChoiceField)
        choice_field.choices = [("", "Choose a category")] + [(n, n) for n in categories]


class CiteForm(forms.Form):
    key = forms.CharField(max_length=200)


class CategoryForm(forms.Form):
    name = _text("Category name", required=True, long=False, max_length=300)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Register file (CSV or Excel)",
        error_messages={"required": "Choose a CSV or Excel (.xlsx) file"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload
