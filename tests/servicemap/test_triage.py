from __future__ import annotations

import pytest

from pairsight.servicemap.oruk import read_feed
from pairsight.servicemap.register import ServiceRecord, Stage
from pairsight.servicemap.triage import Verdict, judge, triage

from .conftest import fixture_bytes


def verdicts(name: str) -> dict[str, Verdict]:
    return {p.service.source_id: p.verdict for p in triage(read_feed(fixture_bytes(name)).services)}


def test_services_for_pregnancy_and_babies_are_proposed_and_adult_ones_left_out() -> None:
    found = verdicts("oruk_v1_list_synthetic.json")
    assert found["svc-health-visiting"] is Verdict.PROPOSED
    assert found["svc-perinatal-peer"] is Verdict.PROPOSED
    # A dementia cafe that mentions a baby once is still for adults.
    assert found["svc-dementia-cafe"] is Verdict.NOT_PROPOSED
    assert found["svc-bowls"] is Verdict.NOT_PROPOSED


def test_age_ranges_and_taxonomy_of_another_feed_shape_count() -> None:
    found = verdicts("oruk_v3_page1_synthetic.json")
    assert found == {"v3-1": Verdict.PROPOSED, "v3-2": Verdict.NOT_PROPOSED}
    proposal = judge(read_feed(fixture_bytes("oruk_v3_page1_synthetic.json")).services[0])
    assert "age range 0 to 2 years takes in under-twos" in proposal.reasons


def test_purpose_is_read_from_the_audience_even_when_the_name_says_nothing() -> None:
    service = ServiceRecord(
        source_id="1", name="Tuesday group", audiences=("Parents > New parents", "Babies")
    )
    proposal = judge(service)
    assert proposal.verdict is Verdict.PROPOSED
    assert proposal.reasons[0] == "audience or category: babies"
    assert proposal.stages == (Stage.FIRST_YEAR, Stage.SECOND_YEAR)


@pytest.mark.parametrize(
    ("service", "verdict"),
    [
        (
            ServiceRecord(
                "a", "Sexual health clinic", description="Contraception and pregnancy tests."
            ),
            Verdict.NOT_PROPOSED,
        ),
        (
            ServiceRecord(
                "b", "Carers group", minimum_age=18, description="For carers of babies and adults."
            ),
            Verdict.NOT_PROPOSED,
        ),
        (
            ServiceRecord(
                "c",
                "Little Explorers",
                description="Stay and play for toddlers 0-3 years with their parents.",
            ),
            Verdict.PROPOSED,
        ),
        (
            ServiceRecord("d", "Community hall", description="Hall hire. A baby group meets here."),
            Verdict.POSSIBLE,
        ),
        (ServiceRecord("e", "Baby clinic", status="inactive"), Verdict.NOT_PROPOSED),
    ],
)
def test_what_a_service_is_for_decides(service: ServiceRecord, verdict: Verdict) -> None:
    assert judge(service).verdict is verdict


@pytest.mark.shared
def test_the_bristol_triage_proposes_services_for_babies_and_parents(bristol_feed: bytes) -> None:
    proposals = {p.service.name: p for p in triage(read_feed(bristol_feed).services)}
    proposed = {name for name, p in proposals.items() if p.verdict is Verdict.PROPOSED}
    # Perinatal mental health, parent-infant music, a GP practice's baby clinics and health
    # visitors, a council's health visiting and children's centres, a parent-and-toddler farm.
    for name in (
        "BLOOM - Music sessions for parents experiencing anxiety and depression",
        "Mothers for Mothers",
        "Birchwood Medical Practice",
        "South Gloucestershire Council Services",
        "Farm Tots",
    ):
        assert name in proposed, proposals[name].reason
    # Adult-only services: dementia, homelessness, alcohol, alarms for older people.
    for name in (
        "Homeless Health Service",
        "Alcohol Support - NHS",
        "Careline365",
        "Accessible Transport 4 U",
        "Dementia Partnerships",
    ):
        if name in proposals:
            assert proposals[name].verdict is Verdict.NOT_PROPOSED, proposals[name].reason
    # A sensible share: a general directory is mostly not about conception to two.
    assert 5 <= len(proposed) <= 40
    assert sum(p.verdict is Verdict.NOT_PROPOSED for p in proposals.values()) > 700


# Every way of naming a purpose is found in a long description of something else, whatever
# cheap check decides that a text is worth reading closely.
_FILLER = "The hall hosts a lunch club, a choir and a computer class on weekdays."


@pytest.mark.parametrize(
    ("phrase", "purpose"),
    [
        ("Children's Centre", "children's centre or family hub"),
        ("childrens center", "children's centre or family hub"),
        ("Children’s Centre", "children's centre or family hub"),
        ("the family hubs", "children's centre or family hub"),
        ("stay and play", "children's centre or family hub"),
        ("parent and toddler group", "children's centre or family hub"),
        ("parent-infant psychotherapy", "parent-infant relationship"),
        ("parent infant team", "parent-infant relationship"),
        ("insecure attachment", "parent-infant relationship"),
        ("infant attachment", "parent-infant relationship"),
        ("attachment-based work", "parent-infant relationship"),
        ("bonding", "parent-infant relationship"),
        ("Video Interaction Guidance", "parent-infant relationship"),
        ("Circle of Security", "parent-infant relationship"),
        ("Mellow Bumps", "parent-infant relationship"),
        ("the Solihull Approach", "parent-infant relationship"),
        ("Watch, Wait and Wonder", "parent-infant relationship"),
        ("watch wait & wonder", "parent-infant relationship"),
        ("infant mental health", "parent-infant relationship"),
    ],
)
def test_each_wording_of_a_purpose_is_found_in_a_long_description(
    phrase: str, purpose: str
) -> None:
    description = f"{_FILLER} {_FILLER} On Fridays: {phrase}. {_FILLER}"
    reasons = judge(ServiceRecord("x", "Community hall", description=description)).reasons
    assert any(r.startswith("description: ") and purpose in r.split(": ", 1)[1].split(", ")
               for r in reasons), reasons  # fmt: skip


def test_a_word_that_only_contains_a_purpose_is_not_one() -> None:
    description = f"{_FILLER} A parental leave talk at the sports centre. {_FILLER}"
    assert judge(ServiceRecord("x", "Community hall", description=description)).reasons == ()


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("aged 0 – 2 years", "aged 0 – 2 years"),
        ("aged 0  -  2 years", "aged 0 - 2 years"),
        ("ages 0\n-2 years", "ages 0 -2 years"),
        ("0 to 2 years", "ages 0 to 2 years"),
    ],
)
def test_an_age_range_counts_however_its_dash_is_spaced(written: str, reason: str) -> None:
    # Nothing else in the description hints at babies or months.
    description = f"Songs and rhymes for children {written}, in the library."
    assert judge(ServiceRecord("x", "Play session", description=description)).reasons == (reason,)
