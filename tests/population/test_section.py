"""The population need section of the report, from the need model's own estimate."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pairsight.core.document import Callout, Chart, Section, Table
from pairsight.population import Capacity, PopulationInputs, estimate, load_preset
from pairsight.population.birmingham import SOURCE, birmingham_2022_inputs
from pairsight.population.section import need_section


@pytest.fixture(scope="module")
def birmingham() -> Section:
    return need_section(estimate(birmingham_2022_inputs()), capacity_source=SOURCE)


def _tables(section: Section) -> list[Table]:
    found = []
    for _, part in section.walk():
        for block in part.blocks:
            if isinstance(block, Table):
                found.append(block)
            elif isinstance(block, Chart):
                found.append(block.table)
    return found


def _table(section: Section, caption_start: str) -> Table:
    return next(t for t in _tables(section) if t.caption.startswith(caption_start))


def test_the_pathway_table_reproduces_birmingham_2022(birmingham):
    table = _table(birmingham, "Estimated children by pathway")
    assert [row[3] for row in table.rows] == [15336, 6134, 3987, 2454, 613, 2147, 30672]
    assert [row[2] for row in table.rows[:-1]] == ["50%", "20%", "13%", "8%", "2%", "7%"]
    assert table.modelled and table.total_row


def test_specialised_and_unmet_need_are_shown_with_the_capacity(birmingham):
    table = _table(birmingham, "Specialised and unmet need")
    figures = {row[0]: row[1] for row in table.rows}
    assert figures["Specialised PAIR need"] == 2760
    assert figures["Already seen: Perinatal mental health service"] == 340
    assert figures["Unmet specialised need"] == 2420


def test_the_chart_carries_the_same_pathway_figures_and_describes_them(birmingham):
    chart = next(b for b in birmingham.blocks if isinstance(b, Chart))
    labels = [row["label"] for row in chart.spec["datasets"]["table"]]
    assert labels == ["15,336", "6,134", "3,987", "2,454", "613", "2,147"]
    assert "Longer-term PAIR work: 2,147" in chart.alt_text


def test_headline_figures_lead_with_need_and_unmet_need(birmingham):
    headlines = {h.label: h.value for h in birmingham.headlines}
    assert headlines["Specialised PAIR need"] == "2,760"
    assert headlines["Unmet specialised need"] == "2,420"
    assert headlines["Children under two"] == "30,672"


def test_method_notes_say_why_figures_are_not_suppressed_and_what_they_are_not(birmingham):
    notes = " ".join(birmingham.method_notes)
    assert "not hidden or rounded by the small-number rule" in notes
    assert "local assumption: no published source for it is known" in notes
    assert "population estimates, never a judgement about a family" in notes
    caveats = [b for b in birmingham.blocks if isinstance(b, Callout)]
    assert any("never a judgement about a family" in c.text for c in caveats)


def test_the_pathway_split_is_cited_as_a_local_assumption(birmingham):
    split = [a for a in birmingham.assumptions if a.name.startswith("Share of")]
    assert split and all(a.source.local_assumption for a in split)
    distribution = [a for a in birmingham.assumptions if "attachment (" in a.name]
    assert {a.value for a in distribution} == {"50%", "30%", "20%"}
    assert all("Nuttall" in a.source.citation for a in distribution)


def test_every_input_says_where_it_came_from(birmingham):
    inputs = {i.name: (i.value, i.origin) for i in birmingham.inputs}
    assert inputs["Children under two"] == ("30,672", SOURCE)
    assert inputs["Families seen a year: Perinatal mental health service"] == ("340", SOURCE)


def test_every_figure_explains_its_calculation(birmingham):
    table = _table(birmingham, "How each population figure was worked out")
    rows = {row[0]: row[2] for row in table.rows}
    assert "2,760.48, published as 2,760" in str(rows["Specialised PAIR need"])
    assert "2,420.48, published as 2,420" in str(rows["Unmet specialised need"])


def test_a_preset_with_a_range_shows_low_and_high_figures():
    result = estimate(
        PopulationInputs(
            children=10_000,
            preset=load_preset("standard"),
            capacity=(Capacity("Parent-infant team", 100),),
            caseload_per_wte=Fraction(40),
            area_name="Synthetic borough",
        )
    )
    section = need_section(result)
    pathways = _table(section, "Estimated children by pathway")
    assert pathways.columns[-1] == "Range (low–high)"
    assert any("–" in str(row[-1]) for row in pathways.rows[:-1])
    unmet = _table(section, "Specialised and unmet need")
    staff = next(row for row in unmet.rows if str(row[0]).startswith("Staff needed"))
    assert staff[1] == f"{float(result.staff_needed.exact):,.1f}"
    assert any(h.label == "Practitioners needed" for h in section.headlines)
    origins = {i.name: i.origin for i in section.inputs}
    assert origins["Families seen a year: Parent-infant team"] == "entered by the user"
