"""Published tables as ONS lays them out, and hostile files refused as survey exports are."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import openpyxl
import pytest

from pairsight.officialdata.births import load_births
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.mye import load_mid_year_estimates
from pairsight.officialdata.tables import first_title

# The hostile files are built once, beside the survey importer's tests.
_BUILDERS = Path(__file__).parents[1] / "surveys" / "importers" / "hostile_files.py"
_spec = importlib.util.spec_from_file_location("hostile_files", _BUILDERS)
assert _spec is not None and _spec.loader is not None
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

TITLE_2019 = (
    "MYE2: Population estimates: Persons by single year of age and sex for local "
    "authorities in the UK, mid-2019"
)
AGES = [str(a) for a in range(90)] + ["90+"]


def _mye_workbook(path: Path, *, above: list[list[object]]) -> Path:
    """The MYE2 - Persons sheet as the mid-2019 release lays it out: rows above the header,
    then Code, Name, Geography1, All ages, 0 … 90+."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Contents"
    sheet = workbook.create_sheet("MYE2 - Persons")
    for row in above:
        sheet.append(row)
    sheet.append(["Code", "Name", "Geography1", "All ages", *AGES])
    sheet.append(["E08000025", "Birmingham", "Metropolitan District", 1141816, *([100] * 91)])
    workbook.create_sheet("MYE3")
    workbook.save(path)
    return path


def test_a_contents_link_above_the_title_is_not_the_title(tmp_path: Path) -> None:
    path = _mye_workbook(tmp_path / "mye2019.xlsx", above=[["Contents"], [TITLE_2019], []])
    estimates = load_mid_year_estimates(path)
    assert estimates.period == "Mid-2019"
    assert estimates.source.title == TITLE_2019
    assert first_title([["Back to contents"], ["Table 1"]]) == "Table 1"


def test_the_year_is_found_in_any_text_above_the_table(tmp_path: Path) -> None:
    path = _mye_workbook(
        tmp_path / "mye.xlsx", above=[["Contents"], ["Population estimates"], ["Mid-2020"]]
    )
    assert load_mid_year_estimates(path).period == "Mid-2020"


def test_an_mye_workbook_given_as_births_is_refused(tmp_path: Path) -> None:
    path = _mye_workbook(tmp_path / "mye2019.xlsx", above=[[TITLE_2019]])
    # MYE3 has the "Births" column of the components of change.
    workbook = openpyxl.load_workbook(path)
    workbook["MYE3"].append(["Code", "Name", "Geography", "Estimated population mid-2018",
                             "Births", "Deaths"])  # fmt: skip
    workbook["MYE3"].append(["E08000025", "Birmingham", "Metropolitan District", 1, 15000, 9])
    workbook.save(path)
    with pytest.raises(SourceFileError) as refused:
        load_births(path)
    assert "mid-year population estimates workbook" in str(refused.value)
    assert "--mye" in str(refused.value)


EXPECTED = {
    **{k: v for k, v in hostile.REFUSED_BECAUSE.items() if k != "malformed XML"},
    "binary renamed .csv": "binary data",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_hostile_files_are_refused_by_the_official_data_loaders(kind: str, tmp_path: Path) -> None:
    name = "mye.csv" if "csv" in kind or "columns" in kind else "mye.xlsx"
    path = tmp_path / name
    # The hostile sheet is the one the loader reads, so it is the one that must be refused.
    path.write_bytes(hostile.HOSTILE[kind](sheet="MYE2 - Persons"))
    result = hostile.measure(path, "official")
    assert result["error"] == "SourceFileError", result
    assert EXPECTED[kind] in str(result["message"]), result["message"]
    assert float(str(result["seconds"])) < 5.0, result
    assert float(str(result["peak_mb"])) < 200.0, result
