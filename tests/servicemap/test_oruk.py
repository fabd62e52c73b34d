from __future__ import annotations

import json
import re

import pytest

from pairsight.servicemap.oruk import FeedError, read_feed
from pairsight.servicemap.register import Level

from .conftest import fixture_bytes


def test_a_v1_list_is_read_with_its_mess_cleaned() -> None:
    read = read_feed(fixture_bytes("oruk_v1_list_synthetic.json"))
    assert read.ok and read.shape == "list"
    assert [s.source_id for s in read.services] == [
        "svc-health-visiting",
        "svc-dementia-cafe",
        "svc-perinatal-peer",
        "svc-bowls",
    ]
    visiting = read.services[0]
    assert visiting.name == "Health Visiting Service"
    assert visiting.provider == "Testshire Community NHS Trust"
    # Tags gone, entities decoded, script content dropped, list items kept as lines.
    assert visiting.description == (
        "Our health visitors support every family from pregnancy until your baby is five.\n"
        "• New birth visits\n• Infant feeding & breastfeeding support"
    )
    assert "<" not in visiting.description and "alert" not in visiting.description
    assert visiting.audiences == ("Parents", "Parents > Expectant parents")


def test_a_missing_organisation_and_a_bad_web_address_are_taken_in_stride() -> None:
    cafe = read_feed(fixture_bytes("oruk_v1_list_synthetic.json")).services[1]
    assert cafe.provider == ""
    assert cafe.url == ""  # javascript: is never kept as a link
    assert cafe.audiences == ("Dementia", "Older People")


def test_v3_detail_shape_with_phones_and_taxonomy_terms() -> None:
    read = read_feed(fixture_bytes("oruk_v3_detail_synthetic.json"))
    (service,) = read.services
    assert service.name == "Antenatal Classes"
    assert (
        service.description
        == "Antenatal classes\nFor expectant parents from 28 weeks of pregnancy."
    )
    assert service.phone == "0117 000 0000"
    assert service.taxonomy == ("Pregnancy", "Expectant parents")
    assert service.audiences == ("Expectant parents",)


def test_a_v3_page_gives_ages_eligibility_locations_and_postcodes() -> None:
    read = read_feed(fixture_bytes("oruk_v3_page1_synthetic.json"))
    assert read.shape == "paged list"
    therapy = read.services[0]
    assert (therapy.minimum_age, therapy.maximum_age) == (0, 2)
    assert therapy.eligibility == "Parents of babies under two registered with a Testshire GP"
    assert therapy.taxonomy == ("Mental Health > Infant mental health",)
    (place,) = therapy.locations
    assert place.postcode == "BS1 5TR"
    assert (place.latitude, place.longitude) == (51.4545, -2.5879)
    assert place.address == "1 River Street, Testbury"


def test_our_own_export_brings_its_classification_back() -> None:
    feed = [
        {
            "id": "x",
            "name": "X",
            "status": "active",
            "service_taxonomys": [
                {
                    "id": "1",
                    "taxonomy": {"id": "level:targeted", "name": "T", "vocabulary": "PAIRsight"},
                },
                {
                    "id": "2",
                    "taxonomy": {"id": "level:nonsense", "name": "N", "vocabulary": "PAIRsight"},
                },
            ],
        }
    ]
    (service,) = read_feed(json.dumps(feed)).services
    assert service.classification.levels == (Level.TARGETED,)
    assert service.taxonomy == ()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>not json</html>", "The feed is not JSON"),
        (b'{"services": []}', "neither a list of services, a page of them"),
        (b'{"contents": {"id": 1}}', "'contents' should be a list of services, not a JSON object"),
        (b'"text"', "The feed is a text, not a list of services"),
    ],
)
def test_bad_feeds_are_refused_with_a_clear_message(content: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        read_feed(content)


def test_a_service_with_no_id_is_an_error_naming_it() -> None:
    read = read_feed(b'[{"id": "a", "name": "A"}, {"name": "No id here"}, 5]')
    assert [s.source_id for s in read.services] == ["a"]
    assert read.errors == [
        "The feed, service 2 ('No id here') has no id; every service needs one to be "
        "updated later.",
        "The feed, service 3 is a number, not a service (a JSON object).",
    ]


def test_an_id_listed_twice_keeps_the_later_entry_and_says_so() -> None:
    read = read_feed(b'[{"id": "a", "name": "First"}, {"id": "a", "name": "Second"}]')
    assert [s.name for s in read.services] == ["Second"]
    assert read.entries == 2 and "listed twice" in read.notes[0]


@pytest.mark.shared
def test_the_bristol_feed_imports_whole(bristol_feed: bytes) -> None:
    raw = json.loads(bristol_feed)
    read = read_feed(bristol_feed)
    assert read.errors == []
    assert read.entries == len(raw) == 819
    # One id is listed twice in the feed (a renamed yoga class): 818 distinct services.
    assert len(read.services) == len({s["id"] for s in raw}) == 818
    organisations = {s["organization"]["name"] for s in raw if s.get("organization")}
    assert {s.provider for s in read.services if s.provider} == {
        " ".join(name.split()) for name in organisations if name.strip()
    }
    tag = re.compile(r"<\s*/?\s*[a-zA-Z!]")
    assert not [s.name for s in read.services if tag.search(s.description)]
    assert not [s.name for s in read.services if "&nbsp;" in s.description]
    bloom = next(s for s in read.services if s.name.startswith("BLOOM"))
    assert bloom.provider == "Bristol Beacon"
    assert "Created by Bristol Beacon in partnership with Bluebell" in bloom.description
    assert bloom.audiences == ("Mental Health", "Women", "Parents", "Long Term Health Conditions")
