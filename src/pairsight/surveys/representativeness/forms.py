"""Forms for the population comparison and the recruitment targets."""

from __future__ import annotations

from typing import Any

from django import forms

from pairsight.surveys.instruments import Instrument
from pairsight.surveys.instruments.model import ScaleQuestion, SingleChoice


def one_answer_questions(instrument: Instrument) -> list[tuple[str, str]]:
    return [
        (q.id, f"{number}. {q.text}"[:120])
        for number, q in instrument.numbered()
        if isinstance(q, SingleChoice | ScaleQuestion)
    ]


class PopulationForm(forms.Form):
    question_id = forms.ChoiceField(
        label="Question to compare",
        error_messages={"required": "Choose the question to compare with the population"},
    )
    population_file = forms.FileField(
        label="Population figures",
        help_text="A Census 2021 table as ONS (census2021-ts021-ltla.csv) or Nomis publishes "
        "it, or a CSV with the columns group and count (or group and share)",
        error_messages={
            "required": "Choose the file of population figures",
            "empty": "The population file is empty",
        },
    )
    area = forms.CharField(
        label="Area code",
        required=False,
        max_length=9,
        help_text="The ONS code of your local authority, e.g. E08000025 (needed when the file "
        "holds several areas)",
    )
    level = forms.ChoiceField(
        label="Compare by",
        choices=[
            ("high", "The 5 high-level groups (best for small samples)"),
            ("detailed", "Every category"),
        ],
        initial="high",
        widget=forms.RadioSelect,
    )
    source = forms.CharField(
        label="Where the figures come from",
        required=False,
        max_length=300,
        help_text="Only for your own CSV, e.g. “Health visiting caseload, March 2025”; a "
        "Census table names itself",
    )
    mapping_yaml = forms.CharField(
        label="How the answers map to the population's groups",
        required=False,
        widget=forms.Textarea,
        help_text="Leave as it is to use PAIRsight's mapping for this question; leave empty "
        "when the answers and groups have the same names",
    )

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["question_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = one_answer_questions(instrument)


class TotalTargetForm(forms.Form):
    total = forms.IntegerField(
        label="Responses to aim for in all",
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "required": "Enter how many responses to aim for",
            "invalid": "Enter a whole number, such as 100",
            "min_value": "Enter a number of 1 or more",
        },
    )


class GroupTargetsForm(forms.Form):
    """One target per group, or a total to share out in proportion to the population."""

    proportional_total = forms.IntegerField(
        label="Or share a total out in proportion to the population",
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text="Leave the boxes above empty and enter a total, e.g. 100",
        error_messages={"invalid": "Enter a whole number, such as 100"},
    )

    def __init__(self, groups: list[str], current: dict[str, int], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.groups = groups
        for index, group in enumerate(groups):
            self.fields[f"group_{index}"] = forms.IntegerField(
                label=group,
                required=False,
                min_value=0,
                max_value=1_000_000,
                initial=current.get(group),
                error_messages={"invalid": f"Enter a whole number for {group}, such as 10"},
            )
        self.order_fields([f"group_{i}" for i in range(len(groups))] + ["proportional_total"])

    def targets(self) -> dict[str, int]:
        return {
            group: int(self.cleaned_data[f"group_{index}"])
            for index, group in enumerate(self.groups)
            if self.cleaned_data.get(f"group_{index}") is not None
        }
