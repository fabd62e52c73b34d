"""The need forms bound to one set of inputs, and the query strings that carry them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from pairsight.population import (
    Capacity,
    InputError,
    PopulationInputs,
    PresetError,
    Reading,
)
from pairsight.population.forms.fields import (
    CapacityFormSet,
    NeedInputsForm,
)
from pairsight.population.given_sources import (
    CAPACITY_PREFIX,
    MAX_CAPACITY_ROWS,
    settle,
    stored_source,
)
from pairsight.population.page_inputs import (
    DEFAULT_PARTS,
    METHOD_DEPRIVATION,
    METHOD_PRESET,
    GivenSource,
    model_inputs,
    parse_count,
    parts_note,
)
from pairsight.population.presets import AttachmentClass


class NeedForms:
    """The main form and the rows of existing capacity, bound to one set of inputs."""

    def __init__(
        self, data: QueryDict | None, *, add_row: bool = False, entered_by: str = ""
    ) -> None:
        self.bound = data is not None and bool(data.get("children") is not None)
        self.entered_by = entered_by
        if self.bound and data is not None:
            data = settle_sources(data)
        self.inputs = NeedInputsForm(data if self.bound else None)
        capacity_data = (
            data
            if data is not None and self.bound and f"{CAPACITY_PREFIX}-TOTAL_FORMS" in data
            else None
        )
        initial_rows: list[dict[str, Any]] | None = None
        if capacity_data is None:
            initial_rows = [{}]
        self.capacity = CapacityFormSet(capacity_data, prefix=CAPACITY_PREFIX, initial=initial_rows)
        if add_row and capacity_data is not None:
            self.capacity = _with_blank_row(capacity_data)
        self._population_inputs: PopulationInputs | None = None
        self.model_error = ""

    @property
    def error_forms(self) -> list[forms.BaseForm | forms.BaseFormSet]:  # type: ignore[type-arg]
        return [self.inputs, self.capacity]

    def is_valid(self) -> bool:
        if not self.bound:
            return False
        valid = self.inputs.is_valid() & self.capacity.is_valid()
        return valid and not self.inputs.waiting_for and self.population_inputs() is not None

    def population_inputs(
        self, *, area_name: str = "", area_code: str = ""
    ) -> PopulationInputs | None:
        """The model's inputs, or None with `model_error` set when the model rejects them."""
        if not (self.inputs.is_valid() and self.capacity.is_valid()):
            return None
        data = self.inputs.cleaned_data
        try:
            capacity = tuple(
                Capacity(f.cleaned_data["name"], f.cleaned_data["families_per_year"])
                for f in self.capacity.forms
                if f.cleaned_data.get("name")
            )
            deprivation = data["method"] == METHOD_DEPRIVATION
            return model_inputs(
                data,
                capacity,
                children_source=self.children_source().for_model(data["children"], self.entered_by),
                capacity_source=self.capacity_source().for_model(
                    sum(c.families_per_year for c in capacity), self.entered_by
                ),
                deprived_source=self.deprived_source(data["deprived_children"])
                if deprivation
                else "",
                area_name=area_name,
                area_code=area_code,
            )
        except (InputError, PresetError) as error:
            self.model_error = str(error)
            self.inputs.add_error(None, str(error))
            return None

    def children_source(self) -> GivenSource:
        """The source of the number of children, tied to the number it was given for."""
        return stored_source(self.inputs.data, "source")

    def capacity_source(self) -> GivenSource:
        return stored_source(self.inputs.data, "capacity_source")

    def deprived_source(self, deprived: int) -> str:
        """The deprived count's own source (IMD) when it was given with it; otherwise the
        source of the children it is a part of, as before sources were kept per count."""
        given = stored_source(self.inputs.data, "deprived_source")
        if given.applies_to(deprived):
            return given.text
        children = self.inputs.cleaned_data["children"]
        return self.children_source().for_model(children, self.entered_by)

    def waiting_source_note(self) -> str:
        """A word beside the number when its source waits for the value it was given with."""
        source = self.children_source()
        children = parse_count(str(self.inputs.data.get("children", "")))
        if not source.text or source.applies_to(children):
            return ""
        return (
            f"You entered this number. The source {source.text} was given for "
            f"{source.given_for:,}: enter that number again to use it."
        )

    def parts_notes(self) -> dict[str, str]:
        """Per attachment class, a note when its parts do not add up to the usual total."""
        if not self.inputs.is_valid():
            return {}
        notes = {}
        for attachment_class in (AttachmentClass.INSECURE, AttachmentClass.DISORGANISED):
            note = parts_note(self.inputs.cleaned_data, attachment_class)
            if note:
                notes[attachment_class.value] = note
        return notes

    def stored_inputs(self) -> dict[str, str]:
        """The inputs as submitted, to save with a scenario and to open it again later."""
        names = list(self.inputs.fields) + [
            f"{CAPACITY_PREFIX}-TOTAL_FORMS",
            f"{CAPACITY_PREFIX}-INITIAL_FORMS",
        ]
        stored = {n: str(self.inputs.data.get(n, "")) for n in names}
        rows = 0
        for form in self.capacity.forms:
            if form.cleaned_data.get("name"):
                stored[f"{CAPACITY_PREFIX}-{rows}-name"] = form.cleaned_data["name"]
                stored[f"{CAPACITY_PREFIX}-{rows}-families_per_year"] = str(
                    form.cleaned_data["families_per_year"]
                )
                rows += 1
        stored[f"{CAPACITY_PREFIX}-TOTAL_FORMS"] = str(rows)
        stored[f"{CAPACITY_PREFIX}-INITIAL_FORMS"] = "0"
        return stored


def settle_sources(data: QueryDict) -> QueryDict:
    """The inputs with each source placed where it belongs (see `given_sources.settle`)."""
    copy = data.copy()
    for name, value in settle({k: str(v) for k, v in data.items()}).items():
        copy[name] = value
    return copy


def _with_blank_row(data: QueryDict) -> forms.BaseFormSet:  # type: ignore[type-arg]
    copy = data.copy()
    total = int(copy.get(f"{CAPACITY_PREFIX}-TOTAL_FORMS") or 0)
    copy[f"{CAPACITY_PREFIX}-TOTAL_FORMS"] = str(min(total + 1, MAX_CAPACITY_ROWS))
    return CapacityFormSet(copy, prefix=CAPACITY_PREFIX)


def inputs_query(values: dict[str, str]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in values.items():
        query[name] = value
    return query


def default_query() -> QueryDict:
    """The form's starting values, for a page opened without inputs or a saved scenario."""
    query = QueryDict(mutable=True)
    query["reading"] = Reading.UNDER_TWO.value
    query["method"] = METHOD_PRESET
    query["preset"] = "standard"
    # One empty row of existing services, so that inputs added to these (an official
    # figure used with one click) make a complete form.
    query[f"{CAPACITY_PREFIX}-TOTAL_FORMS"] = "1"
    query[f"{CAPACITY_PREFIX}-INITIAL_FORMS"] = "0"
    for name, parts in DEFAULT_PARTS.items():
        query[name] = str(parts)
    return query
