from __future__ import annotations

from typing import Any

from django import forms

from pairsight.interviews.attributes import parse_attributes
from pairsight.interviews.models import Group, LevelOfNeed, Participant, Theme
from pairsight.interviews.transcripts import FORMATS, MAX_TRANSCRIPT_BYTES


class ParticipantForm(forms.Form):
    pseudonym = forms.CharField(
        label="Pseudonymous ID",
        max_length=40,
        help_text="For example P01 or Practitioner 3. Never the person's name.",
    )
    group = forms.ChoiceField(label="Group", choices=Group.choices, widget=forms.RadioSelect)
    role = forms.CharField(label="Role or profession (optional)", max_length=100, required=False)
    service = forms.CharField(label="Service (optional)", max_length=200, required=False)
    level_of_need = forms.ChoiceField(
        label="Level of need the service works at", choices=LevelOfNeed.choices, required=False
    )
    attributes = forms.CharField(
        label="Other attributes (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="One a line, as name: value. For example Years in post: 6",
    )

    def clean_attributes(self) -> dict[str, str]:
        try:
            return parse_attributes(self.cleaned_data["attributes"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class UploadForm(forms.Form):
    participant = forms.ModelChoiceField(
        label="Whose interview is it?", queryset=Participant.objects.none(), empty_label=None
    )
    title = forms.CharField(label="Title", max_length=200, help_text="For example Interview 1")
    file = forms.FileField(
        label="Transcript file",
        help_text="Word, PDF, plain text, Markdown, or Teams or Zoom captions (.vtt, .srt). "
        "Nothing is stored until you have reviewed the redactions.",
    )

    def __init__(self, *args: Any, assessment: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Participant.objects.filter(assessment=assessment)

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        suffix = "." + file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if suffix not in FORMATS:
            raise forms.ValidationError(
                f"{file.name} is not a transcript PAIRsight reads: use "
                + ", ".join(sorted(FORMATS))
            )
        if file.size > MAX_TRANSCRIPT_BYTES:
            raise forms.ValidationError(f"{file.name} is larger than 20 MB")
        return file


class ReviewForm(forms.Form):
    """The review step: which proposed redactions to keep (the text stays in the import's
    private folder until they are applied), and words to redact besides."""

    accepted = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    also_redact = forms.CharField(
        label="Other words to redact (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="One a line: a place, a service or a nickname PAIRsight did not find. "
        "Every place it appears is redacted.",
    )

    def __init__(self, *args: Any, proposals: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["accepted"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(i), str(i)) for i in range(proposals)]


class CategoryForm(forms.Form):
    name = forms.CharField(label="Category name", max_length=200)
    description = forms.CharField(label="Description (optional)", required=False)


class ThemeForm(forms.Form):
    name = forms.CharField(label="Theme name", max_length=200)
    definition = forms.CharField(label="Definition", widget=forms.Textarea, required=False)
    example = forms.CharField(label="Example (optional)", widget=forms.Textarea, required=False)
    memo = forms.CharField(
        label="Memo (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="Notes for the team: how the theme is used, doubts, decisions.",
    )


class CodebookImportForm(forms.Form):
    file = forms.FileField(
        label="Codebook file",
        help_text="A REFI-QDA codebook (.qdc) from Taguette, QualCoder, NVivo or ATLAS.ti, "
        "or a CSV with the columns category, theme, definition and example.",
    )


def theme_choices(assessment: Any) -> list[tuple[int, str]]:
    return [
        (t.pk, f"{t.category.name}: {t.name}")
        for t in Theme.objects.filter(category__assessment=assessment).select_related("category")
    ]


class ThemesForm(forms.Form):
    """Themes of the assessment's codebook to tag an excerpt with, and a memo."""

    themes = forms.TypedMultipleChoiceField(
        label="Themes", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    memo = forms.CharField(label="Memo (optional)", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, assessment: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = theme_choices(assessment)
        field.error_messages["required"] = "Choose at least one theme"


class CodingForm(ThemesForm):
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ExcerptForm(ThemesForm):
    quote = forms.BooleanField(
        label="Use as a quote for these themes (theme overview and report)", required=False
    )
