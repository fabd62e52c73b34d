"""Write the SYNTHETIC fixture files for the official-data loaders, in the official layouts.

Run from the repository root:  .venv/bin/python tests/officialdata/make_fixtures.py

Every figure here is invented. Area codes use numbers no real area has (E06900001 …),
area names start with "Synthetic", file names end in "_synthetic", and every workbook's
title cell says SYNTHETIC TEST DATA. They reproduce only the layout of the ONS, MHCLG and
OHID files: the sheet names, the moving header row, the column names. The generator is
deterministic, so running it again gives the same files.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import openpyxl

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WARNING = "SYNTHETIC TEST DATA from tests/officialdata/make_fixtures.py - not ONS figures"
AGE_HEADERS = [str(a) for a in range(90)] + ["90+"]


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    geography: str
    age_0: int
    age_1: int

    def ages(self) -> list[int]:
        # Ages 2+ taper gently from age 1; only ages 0 and 1 matter to the need model.
        return [self.age_0, self.age_1] + [
            max(0, self.age_1 - 7 * a + (a % 5) * 3) for a in range(2, 91)
        ]


LOCAL = [
    Area("E06900001", "Synthetic Unitary A", "Unitary Authority", 1500, 1520),
    Area("E08900001", "Synthetic Metropolitan B", "Metropolitan District", 6000, 6100),
    Area("E07900001", "Synthetic District C1", "Non-metropolitan District", 700, 710),
    Area("E07900002", "Synthetic District C2", "Non-metropolitan District", 800, 790),
    Area("E09900001", "Synthetic Borough D", "London Borough", 2000, 1990),
]


def _total(code: str, name: str, geography: str, parts: list[Area]) -> Area:
    return Area(code, name, geography, sum(a.age_0 for a in parts), sum(a.age_1 for a in parts))


def small_areas() -> list[Area]:
    county = _total("E10900001", "Synthetic County C", "County", LOCAL[2:4])
    top = [LOCAL[0], LOCAL[1], county, LOCAL[4]]
    return [
        _total("E92900001", "SYNTHETIC COUNTRY", "Country", top),
        _total("E12900001", "Synthetic Region", "Region", top),
        LOCAL[0],
        LOCAL[1],
        county,
        LOCAL[2],
        LOCAL[3],
        LOCAL[4],
    ]


def _mye_rows(areas: list[Area], geography_header: str) -> Iterator[list[object]]:
    yield ["Code", "Name", geography_header, "All ages", *AGE_HEADERS]
    for area in areas:
        ages = area.ages()
        yield [area.code, area.name, area.geography, sum(ages), *ages]


def write_mye_xlsx(path: Path, areas: list[Area]) -> None:
    """Mid-2020 to mid-2022 layout: contents sheet, then MYE2 - Persons with header on row 8."""
    workbook = openpyxl.Workbook(write_only=True)
    contents = workbook.create_sheet("Contents")
    contents.append([WARNING])
    contents.append(["MYE2 - Persons", "Population estimates by single year of age, persons"])
    sheet = workbook.create_sheet("MYE2 - Persons")
    sheet.append([f"{WARNING}: Mid-2022 population estimates layout, persons"])
    sheet.append(["Synthetic figures for software tests; not for use as statistics"])
    for _ in range(5):
        sheet.append([])
    for row in _mye_rows(areas, "Geography"):
        sheet.append(row)
    sheet.append([])
    sheet.append(["Source: synthetic generator (no real source)"])
    workbook.create_sheet("MYE2 - Males").append([WARNING])
    workbook.save(path)


def write_mye_xls(path: Path, areas: list[Area]) -> None:
    """Mid-2019 layout (.xls): header on row 5, 'Geography1' column."""
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Contents").write(0, 0, WARNING)
    sheet = book.add_sheet("MYE2 - Persons")
    sheet.write(0, 0, f"{WARNING}: Mid-2019 population estimates layout, persons")
    for r, row in enumerate(_mye_rows(areas, "Geography1"), start=4):
        for c, value in enumerate(row):
            # xls stores every number as a float: the loader must read 1500.0 as 1500.
            sheet.write(r, c, float(value) if isinstance(value, int) else value)
    book.save(str(path))


def write_nomis_csv(path: Path) -> None:
    """NM_2002_1 long form, with both sexes and an all-ages row to be filtered out."""
    header = [
        "DATE_NAME", "GEOGRAPHY_NAME", "GEOGRAPHY_CODE", "GEOGRAPHY_TYPE", "GENDER",
        "GENDER_NAME", "C_AGE", "C_AGE_NAME", "MEASURES", "MEASURES_NAME", "OBS_VALUE",
    ]  # fmt: skip
    kind = "local authorities: district / unitary (as of April 2023)"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for date, shift in (("2021", -40), ("2022", 0)):
            for area in (LOCAL[0], LOCAL[1]):
                ages = area.ages()
                sexes = ((0, "Total", 1.0), (1, "Male", 0.51), (2, "Female", 0.49))
                for gender, gender_name, part in sexes:
                    for c_age, age_name, value in (
                        (200, "All Ages", sum(ages)),
                        (101, "Age 0", ages[0] + shift),
                        (102, "Age 1", ages[1] + shift),
                    ):
                        writer.writerow(
                            [date, area.name, area.code, kind, gender, gender_name, c_age,
                             age_name, 20100, "Value", round(value * part)]
                        )  # fmt: skip


# --- English Indices of Deprivation, File 7 ------------------------------------------

_DOMAINS = [
    ("Index of Multiple Deprivation (IMD)", "Index of Multiple Deprivation (IMD) Score"),
    ("Income", "Income Score (rate)"),
    ("Employment", "Employment Score (rate)"),
    ("Education, Skills and Training", "Education, Skills and Training Score"),
    ("Health Deprivation and Disability", "Health Deprivation and Disability Score"),
    ("Crime", "Crime Score"),
    ("Barriers to Housing and Services", "Barriers to Housing and Services Score"),
    ("Living Environment", "Living Environment Score"),
    (
        "Income Deprivation Affecting Children Index (IDACI)",
        "Income Deprivation Affecting Children Index (IDACI) Score (rate)",
    ),
    (
        "Income Deprivation Affecting Older People (IDAOPI)",
        "Income Deprivation Affecting Older People (IDAOPI) Score (rate)",
    ),
    ("Children and Young People Sub-domain", "Children and Young People Sub-domain Score"),
    ("Adult Skills Sub-domain", "Adult Skills Sub-domain Score"),
    ("Geographical Barriers Sub-domain", "Geographical Barriers Sub-domain Score"),
    ("Wider Barriers Sub-domain", "Wider Barriers Sub-domain Score"),
    ("Indoors Sub-domain", "Indoors Sub-domain Score"),
    ("Outdoors Sub-domain", "Outdoors Sub-domain Score"),
]

_POPULATION_2019 = [
    "Total population: mid 2015 (excluding prisoners)",
    "Dependent Children aged 0-15: mid 2015 (excluding prisoners)",
    "Population aged 16-59: mid 2015 (excluding prisoners)",
    "Older population aged 60 and over: mid 2015 (excluding prisoners)",
    "Working age population 18-59/64: for use with Employment Deprivation Domain "
    "(excluding prisoners) ",
]
_POPULATION_2025 = [
    "Total population: mid 2022",
    "Dependent Children aged 0-15: mid 2022",
    "Older population aged 60 and over: mid 2022",
    "Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022",
]


def imd_header(edition: int) -> list[str]:
    lsoa, la = ("2011", "2019") if edition == 2019 else ("2021", "2024")
    header = [
        f"LSOA code ({lsoa})",
        f"LSOA name ({lsoa})",
        f"Local Authority District code ({la})",
        f"Local Authority District name ({la})",
    ]
    for name, score in _DOMAINS:
        header += [
            score,
            f"{name} Rank (where 1 is most deprived)",
            f"{name} Decile (where 1 is most deprived 10% of LSOAs)",
        ]
    return header + (_POPULATION_2019 if edition == 2019 else _POPULATION_2025)


@dataclass(frozen=True)
class Neighbourhood:
    la: Area
    number: int
    decile: int
    children: int  # aged 0-15


def write_imd_csv(path: Path, edition: int, neighbourhoods: list[Neighbourhood]) -> None:
    header = imd_header(edition)
    population_columns = len(_POPULATION_2019 if edition == 2019 else _POPULATION_2025)
    lsoa_prefix = "E0190" if edition == 2019 else "E0199"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for index, n in enumerate(neighbourhoods):
            rank = (n.decile - 1) * 3284 + 1 + index % 3000
            domains: list[object] = []
            for _ in _DOMAINS:
                domains += [round(40.0 - n.decile * 3.1, 3), rank, n.decile]
            total = n.children * 5
            population = [total, n.children, total - n.children - 300, 300]
            if population_columns == 5:
                population.append(total - n.children - 250)
            writer.writerow(
                [
                    f"{lsoa_prefix}{index + 1:04d}",
                    f"{n.la.name} {n.number:03d}A",
                    n.la.code,
                    n.la.name,
                    *domains,
                    *population[:population_columns],
                ]
            )


def small_imd(edition: int) -> list[Neighbourhood]:
    unitary, metropolitan, district = LOCAL[0], LOCAL[1], LOCAL[2]
    if edition == 2019:
        plan = [
            (unitary, [(1, 300), (1, 200), (2, 250), (5, 150), (10, 100)]),
            (metropolitan, [(1, 400), (3, 300), (1, 200), (7, 100)]),
            (district, [(4, 500), (8, 300), (9, 200)]),
        ]
    else:
        plan = [
            (unitary, [(1, 120), (2, 280), (2, 300), (1, 300)]),
            (metropolitan, [(1, 500), (2, 500)]),
        ]
    return [
        Neighbourhood(la, number, decile, children)
        for la, rows in plan
        for number, (decile, children) in enumerate(rows, start=1)
    ]


# --- Subnational population projections ----------------------------------------------

SNPP_YEARS = list(range(2018, 2044))


def write_snpp_csv(path: Path) -> None:
    header = ["AREA_CODE", "AREA_NAME", "COMPONENT", "SEX", "AGE_GROUP", *map(str, SNPP_YEARS)]
    ages = [str(a) for a in range(90)] + ["90 and over", "All ages"]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for area in (LOCAL[0], LOCAL[1]):
            for age in ages:
                values = []
                for year in SNPP_YEARS:
                    step = year - 2018
                    if age == "0":
                        value = area.age_0 + 12.25 * step
                    elif age == "1":
                        value = area.age_1 + 10.25 * step
                    elif age == "All ages":
                        value = sum(area.ages()) + 100.5 * step
                    else:
                        value = 900 - len(age) * 11 + 0.125 * step
                    values.append(f"{value:.3f}")
                writer.writerow([area.code, area.name, "Population", "persons", age, *values])


# --- Births by area of usual residence of mother --------------------------------------

BIRTHS = {"E06900001": 1480, "E08900001": 5950, "E09900001": 1985}


def write_births_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    workbook.create_sheet("Cover_sheet").append([WARNING])
    workbook.create_sheet("Contents").append(["Table_1", "Live births by area of usual residence"])
    sheet = workbook.create_sheet("Table_1")
    sheet.append([f"{WARNING}: live births by area of usual residence of mother, 2022 layout"])
    sheet.append(["Synthetic figures for software tests; not for use as statistics"])
    sheet.append([])
    sheet.append([])
    sheet.append([])
    sheet.append(
        [
            "Area of usual residence Code",
            "Area of usual residence Name",
            "Number of live births",
            "General Fertility Rate (GFR)",
        ]
    )
    for area in small_areas():
        if area.code in BIRTHS:
            sheet.append([area.code, area.name, BIRTHS[area.code], 55.5])
    workbook.save(path)


# --- Every local authority: several hundred areas ---------------------------------------

ALL_AREAS_COUNTS = {"E06": 60, "E07": 164, "E08": 36, "E09": 33, "E10": 21, "W06": 22}
_GEOGRAPHY = {
    "E06": "Unitary Authority",
    "E07": "Non-metropolitan District",
    "E08": "Metropolitan District",
    "E09": "London Borough",
    "E10": "County",
    "W06": "Unitary Authority",
}
# Areas whose figures are fixed, so that tests can check them by hand.
HAND_CHECKED = {
    "E06900001": (1000, 1000),
    "E08900001": (3000, 3000),
    "E07900001": (350, 350),
}


def all_areas() -> list[Area]:
    rng = np.random.default_rng(20240601)
    local: list[Area] = []
    for prefix, count in ALL_AREAS_COUNTS.items():
        for n in range(1, count + 1):
            code = f"{prefix}9{n:05d}"
            age_0 = int(rng.integers(400, 9000))
            age_1 = age_0 + int(rng.integers(-150, 150))
            age_0, age_1 = HAND_CHECKED.get(code, (age_0, age_1))
            kind = _GEOGRAPHY[prefix]
            local.append(Area(code, f"Synthetic {kind} {n:03d}", kind, age_0, age_1))
    english = [a for a in local if a.code[:3] in {"E06", "E07", "E08", "E09"}]
    welsh = [a for a in local if a.code.startswith("W")]
    regions = [
        _total(f"E12900{r:03d}", f"Synthetic Region {r}", "Region", english[r - 1 :: 9])
        for r in range(1, 10)
    ]
    return [
        _total("K04900001", "SYNTHETIC ENGLAND AND WALES", "Country", english + welsh),
        _total("E92900001", "SYNTHETIC ENGLAND", "Country", english),
        *regions,
        _total("W92900001", "SYNTHETIC WALES", "Country", welsh),
        *local,
    ]


def all_areas_imd() -> list[Neighbourhood]:
    rng = np.random.default_rng(7)
    rows: list[Neighbourhood] = []
    for area in all_areas():
        if area.code[:3] not in {"E06", "E07", "E08", "E09"}:
            continue  # File 7 lists lower-tier districts in England only
        if area.code == "E06900001":
            plan = [(1, 250), (1, 250), (4, 300), (9, 200)]  # half in decile 1
        elif area.code == "E08900001":
            plan = [(1, 300), (1, 300), (1, 150), (2, 250)]  # three quarters in decile 1
        elif area.code == "E07900001":
            plan = [(6, 400), (8, 600)]  # none in decile 1
        else:
            plan = [(int(rng.integers(1, 11)), int(rng.integers(100, 600))) for _ in range(3)]
        rows += [Neighbourhood(area, i, d, c) for i, (d, c) in enumerate(plan, start=1)]
    return rows


# --- OHID Fingertips: SYNTHETIC answers in the API's shape (none recorded live) ---


def fingertips_responses() -> dict[str, object]:
    """Answers shaped like the Fingertips API's JSON, for the synthetic areas."""
    metadata = {
        "92196": {
            "IID": 92196,
            "Descriptive": {
                "Name": "Infant mortality rate",
                "Definition": "Synthetic fixture: deaths under 1 year per 1,000 live births",
                "DataSource": "SYNTHETIC TEST DATA",
            },
            "Unit": {"Id": 4, "Value": 1000.0, "Label": "per 1,000", "ShowLeft": False},
            "ValueType": {"Id": 6, "Name": "Crude rate"},
        }
    }
    data = [
        {
            "IID": 92196,
            "ComparatorMethodId": 1,
            "PolarityId": 0,
            "Sex": {"Id": 4, "Name": "Persons"},
            "Age": {"Id": 2, "Name": "<1 yr"},
            "Grouping": [
                {
                    "IndicatorId": 92196,
                    "ComparatorId": 4,
                    "SexId": 4,
                    "AgeId": 2,
                    "Period": "2021 - 23",
                    "ComparatorData": {
                        "AreaCode": "E92900001",
                        "Val": 4.1,
                        "ValF": "4.1",
                        "LoCI": 4.0,
                        "UpCI": 4.2,
                        "Count": 7000.0,
                        "Denom": 1700000.0,
                    },
                }
            ],
            "Data": [
                {
                    "AreaCode": "E06900001",
                    "Val": 3.6,
                    "ValF": "3.6",
                    "LoCI": 2.5,
                    "UpCI": 5.1,
                    "Count": 33.0,
                    "Denom": 9100.0,
                    "Sig": {"4": 2},
                },
                {
                    "AreaCode": "E08900001",
                    "Val": 6.2,
                    "ValF": "6.2",
                    "LoCI": 5.5,
                    "UpCI": 7.0,
                    "Count": 220.0,
                    "Denom": 35500.0,
                    "Sig": {"4": 1},
                },
                {
                    "AreaCode": "E10900001",
                    "Val": -1.0,
                    "ValF": "-",
                    "LoCI": -1.0,
                    "UpCI": -1.0,
                    "Count": None,
                    "Denom": None,
                    "Sig": {},
                },
            ],
        }
    ]
    areas = [
        {"Code": a.code, "Name": a.name, "Short": a.name, "AreaTypeId": 502}
        for a in small_areas()
        if a.code[:3] in {"E06", "E08", "E09", "E10"}
    ]
    return {
        "fingertips_indicator_metadata_92196_synthetic.json": metadata,
        "fingertips_latest_data_92196_502_synthetic.json": data,
        "fingertips_areas_502_synthetic.json": areas,
    }


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    write_mye_xlsx(FIXTURES / "mye2_persons_synthetic.xlsx", small_areas())
    write_mye_xls(FIXTURES / "mye2_persons_synthetic.xls", small_areas())
    write_nomis_csv(FIXTURES / "nomis_nm_2002_1_synthetic.csv")
    write_imd_csv(FIXTURES / "imd2019_file7_synthetic.csv", 2019, small_imd(2019))
    write_imd_csv(FIXTURES / "imd2025_file7_synthetic.csv", 2025, small_imd(2025))
    write_snpp_csv(FIXTURES / "snpp_2018_persons_synthetic.csv")
    write_births_xlsx(FIXTURES / "births_by_area_synthetic.xlsx")
    write_mye_xlsx(FIXTURES / "mye2_all_areas_synthetic.xlsx", all_areas())
    write_imd_csv(FIXTURES / "imd2019_all_areas_synthetic.csv", 2019, all_areas_imd())
    for name, body in fingertips_responses().items():
        (FIXTURES / name).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    (FIXTURES / "README.md").write_text(
        "# Synthetic fixtures\n\n"
        "Every file here is SYNTHETIC TEST DATA written by `make_fixtures.py`: invented\n"
        "figures for invented areas (codes such as E06900001 that no real area has), in the\n"
        "layouts ONS, MHCLG and OHID publish. They are not statistics. Regenerate with\n"
        "`.venv/bin/python tests/officialdata/make_fixtures.py`.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
