from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from pairsight.assessments.models import ONS_CODE, AuditEvent, Progress, Role


def _year(label: str, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"{label} must be a year, like 2024",
            "min_value": f"{label} must be 2000 or later",
            "max_value": f"{label} must be 2100 or earlier",
        },
    )


class PeriodMixin(forms.Form):
    start_year = _year("Start year")
    end_year = _year("End year", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "End year must be the same as or after the start year")
        return data


class OnsCodeField(forms.CharField):
    """An ONS code as people type it: any case, spaces around or inside it ("e08 000025")."""

    def to_python(self, value: Any) -> str:
        return "".join(str(super().to_python(value)).split()).upper()


class AssessmentForm(PeriodMixin):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Parent-infant relationship needs assessment 2025",
        error_messages={"required": "Enter a title for the assessment"},
    )
    area_name = forms.CharField(
        label="Area name",
        max_length=200,
        help_text="The local authority, trust or ICB area the assessment covers",
        error_messages={"required": "Enter the name of the area"},
    )
    ons_code = OnsCodeField(
        label="ONS code",
        max_length=12,
        validators=[ONS_CODE],
        help_text="The area's 9-character code from the Office for National Statistics, "
        "for example E08000025 for Birmingham",
        error_messages={"required": "Enter the area's ONS code"},
    )
    field_order = ["title", "area_name", "ons_code", "start_year", "end_year"]


class AssessmentDetailsForm(PeriodMixin):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    field_order = ["title", "start_year", "end_year"]


ROLE_CHOICES = [(r.value, r.label) for r in Role]


class RoleField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=ROLE_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": "Select a role"},
            **kwargs,
        )
        self.choice_hints = {r.value: r.description for r in Role}


class MemberForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter their full name"}
    )
    email = forms.EmailField(
        label="Email address",
        help_text="They sign in with this address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the right format, like name@example.nhs.uk",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = RoleField(label="Role")


class RoleForm(forms.Form):
    role = RoleField(label="Role")


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(
        label="Progress",
        choices=Progress.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the progress of this workstream",
            "invalid_choice": "Select the progress from the list",
        },
    )


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Create a password"
        self.fields[
            "new_password1"
        ].help_text = "Use at least 10 characters. Avoid common words and your name."
        self.fields["new_password2"].label = "Confirm your password"
        self.fields["new_password1"].error_messages["required"] = "Create a password"
        self.fields["new_password2"].error_messages["required"] = "Confirm your password"
        self.error_messages["password_mismatch"] = "The two passwords do not match"


class AuditFilterForm(forms.Form):
    """Narrow the audit trail to one person, one kind of record, one action and dates."""

    person = forms.ChoiceField(label="Person", required=False)
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Every kind")] + list(AuditEvent.Kind.choices),
    )
    action = forms.ChoiceField(label="Action", required=False)
    since = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "From must be a date, like 2025-03-14"},
    )
    until = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "To must be a date, like 2025-03-31"},
    )

    def __init__(self, *args: Any, people: list[str], actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Everyone")] + [(p, p) for p in people]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", "Every action")] + [  # type: ignore[attr-defined]
            (a, a.capitalize()) for a in actions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "To must be the same as or after From")
        return data


class RestoreForm(forms.Form):
    file = forms.FileField(
        label="Backup file",
        help_text="A .zip file made by Back up this assessment (or `pairsight backup`).",
        error_messages={"required": "Choose the backup file to restore"},
    )


class DeleteAssessmentForm(forms.Form):
    confirm_title = forms.CharField(
        label="Type the assessment's name to confirm",
        max_length=200,
        error_messages={"required": "Type the assessment's name to confirm"},
    )
