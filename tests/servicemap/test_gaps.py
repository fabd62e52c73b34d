from __future__ import annotations

from pairsight.servicemap.gaps import MappedService, PathwayNeed, find_gaps
from pairsight.servicemap.register import Classification, Focus, Level, Sector, Stage


def service(name: str, **kwargs: object) -> MappedService:
    return MappedService(name, Classification(**kwargs))  # type: ignore[arg-type]


SERVICES = [
    service(
        "Health visiting",
        levels=(Level.UNIVERSAL,),
        focus=Focus.WIDER,
        stages=(Stage.ANTENATAL, Stage.FIRST_YEAR),
        capacity=None,
    ),
    service(
        "Family support",
        levels=(Level.TARGETED,),
        focus=Focus.ADDITIONAL,
        stages=(Stage.FIRST_YEAR,),
        capacity=300,
        caseload_under_two=0,
    ),
    service("Baby group", levels=(Level.TARGETED,), focus=Focus.WIDER, capacity=None),
    service(
        "Parent-infant team",
        levels=(Level.SPECIALIST,),
        focus=Focus.SPECIALISED,
        stages=(Stage.FIRST_YEAR,),
        capacity=340,
        caseload_under_two=25,
    ),
]


def test_levels_stages_caseloads_and_sectors_without_service() -> None:
    gaps = find_gaps(SERVICES, sectors_without_service=[Sector.VOLUNTARY])
    assert gaps.levels_without_service == (Level.STATUTORY,)
    assert gaps.stages_not_covered == (Stage.SECOND_YEAR,)
    assert gaps.eligible_without_caseload == ("Family support",)
    assert gaps.sectors_without_service == (Sector.VOLUNTARY,)


def test_capacity_beside_the_need_models_pathways() -> None:
    # Birmingham 2022: 2,454 targeted; 613 shorter-term and 2,147 longer-term PAIR work.
    need = PathwayNeed(targeted=2454, shorter_term_pair=613, longer_term_pair=2147, source="test")
    targeted, specialised = find_gaps(SERVICES, need=need).capacity
    assert (targeted.services, targeted.capacity, targeted.unknown) == (2, 300, 1)
    assert targeted.gap == 2454 - 300
    assert (specialised.need, specialised.capacity) == (2760, 340)
    assert specialised.gap == 2420
    statements = find_gaps(SERVICES, need=need).statements()
    expected = (
        "Specialised PAIR work (shorter- and longer-term): need for 2,760, capacity for 340 "
        "a year (a gap of 2,420)."
    )
    assert expected in statements


def test_without_the_need_model_capacity_stands_alone() -> None:
    targeted, _ = find_gaps(SERVICES).capacity
    assert targeted.need is None and targeted.gap is None
