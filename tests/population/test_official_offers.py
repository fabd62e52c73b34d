"""The official figures the data folder holds for an area, offered to the population page."""

from __future__ import annotations

from pathlib import Path

from pairsight.officialdata.added import add_file
from pairsight.population.official_offers import official_offer

FIXTURES = Path(__file__).resolve().parents[1] / "officialdata" / "fixtures"


def _folder(tmp_path: Path, *names: str) -> Path:
    for name in names:
        with (FIXTURES / name).open("rb") as stream:
            add_file(stream, name, tmp_path, source="SYNTHETIC test fixture")
    return tmp_path


def test_the_area_gets_its_mid_year_estimate_deprivation_and_projections(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "mye2_persons_synthetic.xlsx",
        "imd2019_file7_synthetic.csv",
        "snpp_2018_persons_synthetic.csv",
    )
    offer = official_offer(folder, "e06900001", first_year=2025)
    assert offer is not None and offer.area_name == "Synthetic Unitary A"
    figures = {f.label: f for f in offer.figures}
    mye = figures["Children under two, mid-year estimate (Mid-2022)"]
    # Ages 0 and 1 in the fixture: 1,500 + 1,520.
    assert mye.value == "3,020"
    assert mye.use["children"] == "3020" and mye.use["source_official"] == "1"
    assert "added to PAIRsight from SYNTHETIC test fixture" in mye.source
    # Half of the area's children aged 0-15 live in decile 1: half of 3,020 is 1,510.
    deprived = figures["Share living in the most deprived 10% of neighbourhoods"]
    assert deprived.value == "50%"
    assert deprived.use["method"] == "deprivation" and deprived.use["deprived_children"] == "1510"
    # 2025: ages 0 and 1 projected at 1,585.75 + 1,591.75 = 3,177.5, rounded up to 3,178.
    assert figures["Children under two, projected for 2025"].value == "3,178"
    assert figures["Children under two, projected for 2029"].use["children"]
    assert "Children under two, projected for 2030" not in figures, "five years"
    assert [f.name for f in offer.files][0] == "mye2_persons_synthetic.xlsx"


def test_an_area_the_folder_does_not_hold_gets_no_offer(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "mye2_persons_synthetic.xlsx")
    assert official_offer(folder, "E08000025", first_year=2025) is None
    assert official_offer(tmp_path / "missing", "E06900001", first_year=2025) is None


def test_the_deprivation_weighting_cites_imd_for_its_count(tmp_path: Path) -> None:
    from pairsight.population.forms import NeedForms, default_query

    folder = _folder(tmp_path, "mye2_persons_synthetic.xlsx", "imd2019_file7_synthetic.csv")
    offer = official_offer(folder, "E06900001", first_year=2025)
    assert offer is not None
    deprived = next(f for f in offer.figures if f.use.get("method") == "deprivation")
    query = default_query()
    for name, value in deprived.use.items():
        query[name] = value
    forms = NeedForms(query, entered_by="Nia Lead")
    inputs = forms.population_inputs()
    assert inputs is not None and inputs.deprivation is not None
    assert "English Indices of Deprivation" in inputs.deprivation.source
    assert inputs.deprivation.source.endswith("mid-year estimate: 1,510")
    assert inputs.children_source.startswith("Mid-2022 children aged 0 (1,500)")
    # Another count typed over it is no longer credited to IMD.
    query["deprived_children"] = "1000"
    typed = NeedForms(query, entered_by="Nia Lead").population_inputs()
    assert typed is not None and typed.deprivation is not None
    assert "English Indices of Deprivation" not in typed.deprivation.source
