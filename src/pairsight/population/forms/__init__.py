"""The population-need forms: the inputs of `pairsight need`, checked field by field."""

from pairsight.population.forms.bound import NeedForms, default_query, inputs_query, settle_sources
from pairsight.population.forms.fields import (
    MAX_CHILDREN,
    MAX_SOURCE,
    BaseCapacityFormSet,
    CapacityForm,
    CapacityFormSet,
    CountField,
    NeedInputsForm,
)
from pairsight.population.forms.scenarios import CompareForm, OfficialFileForm, ScenarioForm
from pairsight.population.page_inputs import METHOD_DEPRIVATION, METHOD_PRESET

__all__ = [
    "MAX_CHILDREN",
    "MAX_SOURCE",
    "METHOD_PRESET",
    "METHOD_DEPRIVATION",
    "CountField",
    "NeedInputsForm",
    "CapacityForm",
    "BaseCapacityFormSet",
    "CapacityFormSet",
    "NeedForms",
    "settle_sources",
    "inputs_query",
    "default_query",
    "ScenarioForm",
    "CompareForm",
    "OfficialFileForm",
]
