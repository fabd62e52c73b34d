from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from pairsight.servicemap.exports import (
    COLUMNS,
    OrukService,
    oruk_json,
    oruk_service,
    register_csv,
    register_xlsx,
)
from pairsight.servicemap.oruk import read_feed
from pairsight.servicemap.register import (
    Classification,
    Focus,
    Level,
    Location,
    Referral,
    Sector,
    ServiceRecord,
    Stage,
)

SERVICE = ServiceRecord(
    source_id="s1",
    name='=HYPERLINK("http://evil.example")',
    provider="Testshire Parent-Infant Team",
    provider_id="org-1",
    description="Therapy for parents and babies.",
    eligibility="-Babies under two",
    locations=(
        Location(address="1 River Street", postcode="BS1 5TR", latitude=51.45, longitude=-2.59),
    ),
    classification=Classification(
        levels=(Level.TARGETED, Level.SPECIALIST),
        focus=Focus.SPECIALISED,
        stages=(Stage.FIRST_YEAR, Stage.SECOND_YEAR),
        sector=Sector.NHS,
        referral=Referral.PROFESSIONAL,
        interventions=("Video Interaction Guidance", "@Circle of Security"),
        capacity=120,
        caseload_under_two=0,
    ),
)


def test_oruk_export_is_valid_oruk_and_reads_back_with_its_classification() -> None:
    text = oruk_json([SERVICE])
    data = json.loads(text)
    for service in data:
        OrukService.model_validate(service)
    (back,) = read_feed(text).services
    assert back.source_id == "s1"
    assert back.provider == "Testshire Parent-Infant Team"
    assert back.classification.levels == (Level.TARGETED, Level.SPECIALIST)
    assert back.classification.focus is Focus.SPECIALISED
    assert back.classification.stages == (Stage.FIRST_YEAR, Stage.SECOND_YEAR)
    assert back.classification.sector is Sector.NHS
    assert back.locations[0].postcode == "BS1 5TR"


def test_the_oruk_shape_is_enforced() -> None:
    with pytest.raises(ValidationError):
        OrukService.model_validate(
            {"id": "x", "name": "", "status": "active", "organization": {"id": "o", "name": "O"}}
        )
    with pytest.raises(ValidationError):
        OrukService.model_validate(
            {"id": "x", "name": "X", "status": "maybe", "organization": {"id": "o", "name": "O"}}
        )
    # A service without a provider or name still exports as valid ORUK.
    assert (
        oruk_service(ServiceRecord("bare", ""))["organization"]["name"] == "Provider not recorded"
    )


def test_csv_cells_that_would_run_as_formulas_are_neutralised() -> None:
    rows = list(csv.reader(io.StringIO(register_csv([SERVICE]))))
    assert rows[0] == list(COLUMNS)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Eligibility"] == "'-Babies under two"
    assert row["Interventions"] == "Video Interaction Guidance; @Circle of Security"
    assert row["Levels of need"] == "Targeted; Specialist"
    assert row["Capacity a year"] == "120" and row["0-2s on caseload"] == "0"


def test_xlsx_has_the_same_rows_with_formulas_neutralised() -> None:
    sheet = load_workbook(io.BytesIO(register_xlsx([SERVICE]))).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == list(COLUMNS)
    assert values[1][1] == '\'=HYPERLINK("http://evil.example")'
    assert values[1][11] == 120
