"""Real published official files (excerpts in tests/officialdata/real/, sources in SOURCE.md).

Every expected figure below was read off the original ONS workbook by hand (the row is named
in SOURCE.md), not produced by PAIRsight.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from pairsight.cli import app
from pairsight.officialdata import SourceFileError
from pairsight.officialdata.areas import Tier
from pairsight.officialdata.births import load_births
from pairsight.officialdata.imd import load_imd
from pairsight.officialdata.mye import load_mid_year_estimates
from pairsight.officialdata.projections import load_projections

from .test_commands import figures

REAL = Path(__file__).resolve().parent / "real"
MYE_2019 = REAL / "mye" / "ukmidyearestimates20192020ladcodes-excerpt.xls"
MYE_2022 = REAL / "mye" / "mye22final-excerpt.xlsx"
SNPP_2022 = REAL / "snpp" / "snpp2022-migcat-persons-excerpt.csv"
IMD_2025 = REAL / "imd" / "File_7_IoD2025-excerpt.csv"
BIRTHS_2023 = REAL / "births" / "2023birthregistrations-excerpt.xlsx"
TITLE_BIRTHS = (
    "Table 1: Live births and fertility rates by sex, registration, and area of usual "
    "residence, England and Wales, 2023"
)
TITLE_2019 = (
    "MYE2: Population estimates: Persons by single year of age and sex for local "
    "authorities in the UK, mid-2019"
)
TITLE_2022 = "MYE2: Persons by single year of age and sex for local authorities in the UK, mid-2022"


def test_mid_2019_xls_birmingham_and_cardiff() -> None:
    estimates = load_mid_year_estimates(MYE_2019)
    assert estimates.source.kind == "xls"
    assert estimates.source.header_row == 5
    birmingham = estimates.area("E08000025")
    assert (birmingham.name, birmingham.geography) == ("Birmingham", "Metropolitan District")
    assert (birmingham.age_0, birmingham.age_1, birmingham.under_two) == (15679, 15923, 31602)
    # The 91 single years of age add up to the published "All ages" figure.
    assert int(estimates.ages[estimates.codes.index("E08000025")].sum()) == 1141816
    cardiff = estimates.area("W06000015")
    assert (cardiff.geography, cardiff.age_0, cardiff.age_1) == ("Unitary Authority", 3901, 4022)


def test_mid_2019_title_is_the_release_not_the_contents_link() -> None:
    """Seen before: the "Contents" link in A1 was taken as the title, so no year was kept."""
    estimates = load_mid_year_estimates(MYE_2019)
    assert estimates.period == "Mid-2019"
    assert estimates.source.title == TITLE_2019
    assert "Contents" not in estimates.source.describe()
    assert estimates.area("E08000025").describe().startswith("Mid-2019 children aged 0 (15,679)")


def test_mid_2022_xlsx_birmingham_and_city_of_london() -> None:
    estimates = load_mid_year_estimates(MYE_2022)
    assert estimates.source.kind == "xlsx"
    assert estimates.source.header_row == 8
    assert estimates.period == "Mid-2022"
    assert estimates.source.title == TITLE_2022
    birmingham = estimates.area("E08000025")
    assert birmingham.geography == "Metropolitan District"
    assert (birmingham.age_0, birmingham.age_1) == (14799, 14401)
    assert int(estimates.ages[estimates.codes.index("E08000025")].sum()) == 1157603
    city = estimates.area("E09000001")
    assert (city.name, city.geography, city.age_0, city.age_1) == (
        "City of London", "London Borough", 68, 43,
    )  # fmt: skip


@pytest.mark.parametrize("path", [MYE_2019, MYE_2022], ids=["mid-2019", "mid-2022"])
def test_every_kept_area_row_is_read_and_local_authorities_are_told_apart(path: Path) -> None:
    estimates = load_mid_year_estimates(path)
    # SOURCE.md lists the 21 area rows kept; 12 of them are local authorities (7 West
    # Midlands metropolitan districts, 2 London boroughs, Cardiff, Fife, Belfast).
    assert len(estimates) == 21
    assert estimates.ages.shape == (21, 91)
    authorities = {estimates.codes[i] for i in estimates.local_authorities(Tier.ALL).nonzero()[0]}
    assert authorities == {
        *(f"E0800002{n}" for n in range(5, 10)), "E08000030", "E08000031",
        "E09000001", "E09000033", "W06000015", "S12000036", "N09000003",
    }  # fmt: skip


@pytest.mark.parametrize("path", [MYE_2019, MYE_2022], ids=["mid-2019", "mid-2022"])
def test_the_estimates_workbook_is_refused_as_a_births_file(path: Path) -> None:
    """Seen before: --births-file accepted it and labelled MYE3's "Births" as live births."""
    with pytest.raises(SourceFileError, match="mid-year population estimates workbook.*--mye"):
        load_births(path)


def test_a_real_workbook_with_an_empty_first_sheet_still_reads(tmp_path: Path) -> None:
    """Seen before: a workbook whose first sheet is empty was called "empty"."""
    workbook = openpyxl.load_workbook(MYE_2022)
    workbook.create_sheet("Sheet1", 0)
    path = tmp_path / "mye22-empty-first-sheet.xlsx"
    workbook.save(path)
    estimates = load_mid_year_estimates(path)
    assert estimates.period == "Mid-2022"
    assert estimates.area("E08000025").under_two == 14799 + 14401
    with pytest.raises(SourceFileError, match="mid-year population estimates workbook"):
        load_births(path)


def test_snpp_2022_based_birmingham_coventry_and_county_durham() -> None:
    projections = load_projections(SNPP_2022)
    assert projections.years == tuple(range(2022, 2048))
    assert projections.areas.codes == ("E06000047", "E08000025", "E08000026")
    assert "2022-based" in projections.source.describe()
    birmingham = projections.area("E08000025", range(2022, 2048))
    assert birmingham.name == "Birmingham"
    first, y2030, last = birmingham.years[0], birmingham.years[8], birmingham.years[-1]
    assert (first.age_0, first.age_1) == (Decimal("14760.000"), Decimal("14327.000"))
    assert first.under_two == 14760 + 14327
    assert (y2030.year, y2030.age_0, y2030.age_1) == (
        2030, Decimal("14103.845"), Decimal("13957.577"),
    )  # fmt: skip
    # 14,103.845 + 13,957.577 = 28,061.422, so 28,061 whole children.
    assert y2030.under_two_exact == Decimal("28061.422") and y2030.under_two == 28061
    # 14,442.758 + 14,325.984 = 28,768.742, so 28,769.
    assert (last.year, last.under_two) == (2047, 28769)
    coventry = projections.area("E08000026", range(2024, 2025)).years[0]
    # 4,361.970 + 4,269.690 = 8,631.660, so 8,632.
    assert (coventry.age_0, coventry.age_1, coventry.under_two) == (
        Decimal("4361.970"), Decimal("4269.690"), 8632,
    )  # fmt: skip
    durham = projections.area("E06000047", range(2022, 2023)).years[0]
    assert (durham.age_0, durham.age_1, durham.under_two) == (
        Decimal("4642.000"), Decimal("4688.000"), 9330,
    )  # fmt: skip


def test_snpp_2022_based_through_the_need_command() -> None:
    result = CliRunner().invoke(
        app,
        ["need", "--projections", str(SNPP_2022), "--area", "E08000025", "--years", "2030-2031",
         "--format", "csv"],
        terminal_width=200,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    # 2031: 14,103.978 + 13,948.556 = 28,052.534, so 28,053.
    assert [(r["year"], r["children_under_two"]) for r in rows] == [
        ("2030", "28061"), ("2031", "28053"),
    ]  # fmt: skip


def test_imd_2025_file_7_city_of_london_and_barking() -> None:
    table = load_imd(IMD_2025)
    assert (table.edition, table.lsoa_year, table.la_year) == ("IoD2025", "2021", "2024")
    assert len(table) == 10
    assert table.proxy and table.population_label == "Dependent Children aged 0-15: mid 2022"
    assert table.areas.codes == ("E09000001", "E09000002")
    city = table.neighbourhoods("E09000001")
    assert city.la_name == "City of London"
    assert city.lsoa_codes == ("E01000001", "E01000002", "E01000003", "E01000005")
    assert city.deciles.tolist() == [8, 10, 8, 5]
    assert city.populations.tolist() == [149, 81, 136, 177]
    assert city.share_in(frozenset({1, 2})) == 0
    barking = table.neighbourhoods("E09000002")
    assert barking.deciles.tolist() == [4, 2, 2, 2, 2, 2]
    assert barking.populations.tolist() == [397, 755, 532, 416, 387, 732]
    assert barking.share_in(frozenset({1, 2})) == Fraction(755 + 532 + 416 + 387 + 732, 3219)
    assert "IoD2025" in barking.describe() and "proxy" in barking.describe()


def test_imd_2025_through_the_need_command() -> None:
    result = CliRunner().invoke(
        app,
        ["need", "--under-two", "1000", "--area", "E09000002", "--imd", str(IMD_2025),
         "--most-deprived", "1,2", "--format", "json"],
        terminal_width=200,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    share = Fraction(2822, 3219)
    # Not a terminating decimal, so the JSON keeps it exact.
    assert payload["deprivation"]["deprived_share"] == "2822/3219"
    # High adversity (insecure 30%, disorganised 20%) for that share, standard central
    # (27.5%, 15%) for the rest; specialised = 2/30 of insecure + 7/20 of disorganised.
    insecure = share * Fraction(30, 100) + (1 - share) * Fraction(275, 1000)
    disorganised = share * Fraction(20, 100) + (1 - share) * Fraction(15, 100)
    hand = 1000 * (insecure * Fraction(2, 30) + disorganised * Fraction(7, 20))
    # 0.296917… × 2/30 + 0.193834… × 7/20 = 0.087636… of 1,000 children: 87.64, so 88.
    assert payload["specialised_need"]["value"] == math.floor(hand + Fraction(1, 2)) == 88
    assert payload["area"]["name"] == "Barking and Dagenham"


def test_births_2023_all_births_all_registrations_per_area() -> None:
    births = load_births(BIRTHS_2023)
    assert births.period == "2023"
    assert (births.source.sheet, births.source.header_row) == ("Table_1", 6)
    assert births.source.title == TITLE_BIRTHS
    # The all-births, all-registrations row, not the Male (7,353) or Female (6,885) rows.
    assert births.area("E08000025").births == 14238 == 7353 + 6885
    assert births.area("E08000025").name == "Birmingham"
    assert births.area("E08000026").births == 4036
    assert births.area("E09000001").births == 57
    assert births.area("W06000015").births == 3491
    assert births.area("K04000001").births == 590935
    assert (
        births.area("E08000025")
        .describe()
        .startswith("14,238 live births in 2023 to mothers living in Birmingham (E08000025)")
    )


def test_births_2023_through_the_need_command() -> None:
    def need(*args: str) -> dict[str, Any]:
        result = CliRunner().invoke(app, ["need", *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        return dict(json.loads(result.stdout))

    from_file = need("--births-file", str(BIRTHS_2023), "--area", "E08000025")
    assert from_file["reading"]["children"] == 14238
    assert "per year" in from_file["reading"]["unit"]
    # The same need as typing Birmingham's 14,238 births by hand.
    assert figures(from_file) == figures(need("--births", "14238"))
    assert "2023birthregistrations-excerpt.xlsx" in json.dumps(from_file)


def test_a_real_births_workbook_with_an_empty_first_sheet_still_reads(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(BIRTHS_2023)
    workbook.create_sheet("Sheet1", 0)
    path = tmp_path / "births-empty-first-sheet.xlsx"
    workbook.save(path)
    assert load_births(path).area("E08000025").births == 14238
