from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from pairsight.population.actions import choose_scenario, save_scenario
from pairsight.population.demo import demo_inputs
from pairsight.population.estimate import estimate
from pairsight.population.forms import NeedForms, inputs_query


def choose_children(assessment: Any, user: Any, children: int, name: str) -> Any:
    """Save and choose a scenario like the demo's with another number of children."""
    inputs = demo_inputs() | {"children": str(children), "source_for": str(children)}
    forms = NeedForms(inputs_query(inputs))
    population = forms.population_inputs(
        area_name=assessment.area.name, area_code=assessment.area.ons_code
    )
    assert forms.is_valid() and population is not None, forms.inputs.errors
    scenario = save_scenario(
        actor=user,
        assessment=assessment,
        name=name,
        notes="",
        inputs=forms.stored_inputs(),
        result=estimate(population),
    )
    return choose_scenario(actor=user, scenario=scenario)


@pytest.fixture
def demo_lead(demo: Any) -> Any:
    from pairsight.assessments.models import Membership, Role

    return Membership.objects.get(assessment=demo.assessment, role=Role.LEAD).user


def xlsx(rows: list[list[str]], header: list[str]) -> bytes:
    """A one-sheet workbook: the header row, then the rows (a Word table saved as Excel)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
