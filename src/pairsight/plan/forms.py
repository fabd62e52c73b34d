from __future__ import annotations

from typing import Any

from django import forms

from pairsight.plan.template import WORKSTREAMS


def _text(label: str, *, required: bool = True, max_length: int = 300, long: bool = False) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length or None,
        widget=forms.Textarea if long else forms.TextInput,
        error_messages={"required": f"Enter {label[0].lower() + label[1:]}"},
    )


def _date(label: str) -> Any:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "invalid": f"{label} must be a date, like 2025-03-14",
        },
    )


def _done(label: str) -> Any:
    return forms.TypedChoiceField(
        label=label,
        choices=[("no", "Not yet"), ("yes", "Done")],
        coerce=lambda value: value == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )


class MilestoneForm(forms.Form):
    title = _text("Milestone")
    workstream = forms.ChoiceField(
        label="Part of the work",
        choices=[("", "Choose a part of the work"), *WORKSTREAMS],
        error_messages={"required": "Choose which part of the work this belongs to"},
    )
    due = _date("Date due")
    owner = _text("Owner", required=False, max_length=200)
    done = _done("Is it done?")


class MemberForm(forms.Form):
    name = _text("Name", max_length=200)
    role = _text("Role and organisation")


class MeetingForm(forms.Form):
    date = _date("Date of the meeting")
    note = _text("Note", required=False)


class DecisionForm(forms.Form):
    date = _date("Date of the decision")
    decision = _text("Decision", max_length=0, long=True)
    meeting = forms.ChoiceField(label="Meeting", required=False)

    def __init__(self, *args: Any, meetings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Agreed between meetings")] + [(str(k), v) for k, v in meetings]


class DisseminationForm(forms.Form):
    audience = _text("Audience")
    channel = _text("Channel")
    date = _date("Date")
    owner = _text("Owner", required=False, max_length=200)
    done = _done("Is it done?")


class TemplateForm(forms.Form):
    start = _date("Start date")


FORMS: dict[str, type[forms.Form]] = {
    "milestone": MilestoneForm,
    "member": MemberForm,
    "meeting": MeetingForm,
    "decision": DecisionForm,
    "dissemination": DisseminationForm,
}
