from __future__ import annotations

from typing import Any

import pytest

from pairsight.core.document import Bullets, Callout, Table
from pairsight.servicemap import actions
from pairsight.servicemap.gaps import PathwayNeed
from pairsight.servicemap.models import Service
from pairsight.servicemap.report import services_section

from .test_actions import import_fixture

pytestmark = pytest.mark.django_db


def test_without_confirmed_services_the_section_says_what_to_do(team: Any) -> None:
    section = services_section(team.assessment)
    assert isinstance(section.blocks[0], Callout)
    assert section.key == "service-mapping"


def test_the_section_has_the_matrix_capacity_beside_need_and_gaps(team: Any) -> None:
    import_fixture(team, "oruk_v3_page1_synthetic.json")
    for feed_id, levels, focus, capacity in (
        ("v3-1", ["specialist"], "specialised", 300),
        ("v3-2", ["targeted"], "wider", 100),
    ):
        service = Service.objects.get(feed_id=feed_id)
        actions.classify_service(
            actor=team.editor, service=service, levels=levels, focus=focus, capacity=capacity
        )
    need = PathwayNeed(targeted=2454, shorter_term_pair=613, longer_term_pair=2147, source="test")
    section = services_section(team.assessment, need)
    matrix, capacity = (b for b in section.blocks if isinstance(b, Table))
    assert matrix.rows[-2] == ("Services (each once)", "1", "0", "1", "2")
    assert capacity.rows == (
        ("Targeted services", 2454, 100, 2354, 0),
        ("Specialised PAIR work (shorter- and longer-term)", 2760, 300, 2460, 0),
    )
    gaps = next(b for b in section.blocks if isinstance(b, Bullets))
    assert "No service works at the universal or statutory level of need." in gaps.items
    assert section.headlines[0].value == "2"
    register = section.subsections[0].blocks[0]
    assert isinstance(register, Table) and register.count_columns == (5,)


def test_the_report_assembly_includes_the_section_with_the_population_need(demo: Any) -> None:
    from pairsight.reports.queries import assessment_sections, pathway_need

    need = pathway_need(demo.assessment)
    # Birmingham 2022: 8%, 2% and 7% of 30,672 under-twos (2,453.76, 613.44 and 2,147.04).
    assert need is not None
    assert (need.targeted, need.shorter_term_pair, need.longer_term_pair) == (2454, 613, 2147)
    keys = [s.key for s in assessment_sections(demo.assessment)]
    assert "service-mapping" in keys
