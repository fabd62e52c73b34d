"""The Birmingham 2022 demonstration assessment, built only from its published summary.

Figures: 30,672 children under two, the high-adversity attachment distribution, 340
families a year seen by the perinatal mental health service (so 2,420 unmet), and, as
context only, "nearly 50%" of children two and under in the most deprived decile. Nothing
else is filled in: the other workstreams start empty.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from pairsight.assessments.actions import create_assessment
from pairsight.assessments.models import Assessment
from pairsight.population import birmingham
from pairsight.population.actions import choose_scenario, save_scenario
from pairsight.population.estimate import estimate
from pairsight.population.forms import METHOD_PRESET, NeedForms, inputs_query
from pairsight.population.page_inputs import DEFAULT_PARTS

DEMO_USERNAME = "demo"
DEMO_TITLE = "Birmingham parent-infant relationship needs assessment 2022 (demonstration)"
DEMO_YEAR = 2022
SCENARIO_NAME = "Birmingham 2022 as published"


@dataclass(frozen=True)
class Demo:
    assessment: Assessment
    created: bool
    username: str
    password: str


def demo_inputs() -> dict[str, str]:
    """The population form's inputs that reproduce the published Birmingham figures."""
    inputs = {
        "reading": "under-two",
        "children": str(birmingham.UNDER_TWO_POPULATION),
        "children_source": birmingham.SOURCE,
        "source_text": birmingham.SOURCE,
        "source_for": str(birmingham.UNDER_TWO_POPULATION),
        "source_shown": "1",
        "method": METHOD_PRESET,
        "preset": "high-adversity",
        "deprived_children": "",
        "caseload_per_wte": "",
        "capacity-TOTAL_FORMS": "1",
        "capacity-INITIAL_FORMS": "0",
        "capacity-0-name": "Perinatal mental health service",
        "capacity-0-families_per_year": str(birmingham.PERINATAL_MENTAL_HEALTH_CAPACITY),
        # The summary is where the 340 comes from too, as the report says.
        "capacity_source": birmingham.SOURCE,
        "capacity_source_text": birmingham.SOURCE,
        "capacity_source_for": str(birmingham.PERINATAL_MENTAL_HEALTH_CAPACITY),
        "capacity_source_shown": "1",
    }
    inputs.update({name: str(parts) for name, parts in DEFAULT_PARTS.items()})
    return inputs


def _demo_user(password: str) -> object:
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"first_name": "Demo", "last_name": "user", "email": ""},
    )
    user.set_password(password)
    user.is_active = True
    user.save()
    return user


@transaction.atomic
def load_birmingham_demo(password: str | None = None) -> Demo:
    """Create the demo assessment if it is missing, and (re)set the demo user's password."""
    password = password or secrets.token_urlsafe(12)
    user = _demo_user(password)
    existing = Assessment.objects.filter(is_demo=True, area__ons_code=birmingham.AREA_CODE).first()
    if existing is not None:
        return Demo(existing, False, DEMO_USERNAME, password)
    assessment = create_assessment(
        user=user,  # type: ignore[arg-type]
        title=DEMO_TITLE,
        area_name=birmingham.AREA_NAME,
        ons_code=birmingham.AREA_CODE,
        start_year=DEMO_YEAR,
        is_demo=True,
    )
    forms = NeedForms(inputs_query(demo_inputs()))
    inputs = forms.population_inputs(area_name=birmingham.AREA_NAME, area_code=birmingham.AREA_CODE)
    if not forms.is_valid() or inputs is None:
        raise RuntimeError(f"The Birmingham demo inputs are not valid: {forms.inputs.errors}")
    scenario = save_scenario(
        actor=user,  # type: ignore[arg-type]
        assessment=assessment,
        name=SCENARIO_NAME,
        notes=birmingham.DEPRIVATION_CONTEXT
        + " (Birmingham 2022 needs assessment summary; shown as context, not used in the "
        "calculation: the high-adversity distribution is applied to every child.)",
        inputs=forms.stored_inputs(),
        result=estimate(inputs),
    )
    choose_scenario(actor=user, scenario=scenario)  # type: ignore[arg-type]
    return Demo(assessment, True, DEMO_USERNAME, password)
