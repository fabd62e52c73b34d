"""KoboToolbox exports as Kobo's own tests pin them (tests/surveys/real/kobo/).

Counted by hand from the three submissions (ids 61, 62, 63) and checked with plain pandas:
symmetry "Spherical Radial Bilateral", "Radial", "Bilateral"; unicellular "No", "No", "Yes".
"""

from __future__ import annotations

import pytest

from pairsight.surveys.importers.export import ExportFormat

from .real_corpus import REAL, analysed, chosen, question_id, raw

FOLDER = REAL / "kobo"
OWN_COLUMNS = {"start", "end", "_id", "_submission_time", "_validation_status", "_notes",
               "_status", "_tags", "_index"}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "symmetry", "unicellular", "header_rows"),
    [
        ("kpi_english_labels_hxl.csv", "What kind of symmetry", ("No", "Yes"), 2),
        ("kpi_spanish_labels_hxl.csv", "¿Qué tipo de simetría", ("No", "Sí"), 2),
        ("kpi_english_labels_no_hxl.csv", "What kind of symmetry", ("No", "Yes"), 1),
    ],
)
def test_kpi_exports_count_each_option_once(name, symmetry, unicellular, header_rows) -> None:
    path = FOLDER / name
    sheet = raw(path, sep=";")
    body = sheet.iloc[header_rows:]
    assert len(body) == 3
    # By hand: the 1/0 columns D, E, F beside the joined answer in C.
    ticks = {sheet.iloc[0, c].rsplit("/", 1)[1]: int((body[c] == "1").sum()) for c in (3, 4, 5)}
    assert list(ticks.values()) == [1, 2, 2]
    no, yes = unicellular

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.KOBO
    assert len(result.survey.frame) == 3  # the HXL row ("#symmetry") is not a response
    symmetry_q = instrument.question(question_id(instrument, symmetry))
    assert symmetry_q.kind == "multiple_choice"
    assert dict(chosen(result, symmetry_q.id)) == ticks
    descend = [q for q in instrument.questions if q.kind == "single_choice"]
    assert [dict(chosen(result, q.id)) for q in descend] == [{no: 2, yes: 1}]
    roles = {c.header: c.role for c in export.columns}
    assert roles["_uuid"] == "key"
    assert roles["_submitted_by"] == "personal"
    assert {h for h, r in roles.items() if r == "metadata"} >= OWN_COLUMNS
    # The 1/0 columns repeat the joined answer: set aside, so nobody is counted twice.
    assert all(roles[sheet.iloc[0, c]] == "metadata" for c in (3, 4, 5))
    assert len(export.answer_columns) == 4


def test_formpack_export_with_a_split_geopoint_is_kobo_and_keeps_places_out() -> None:
    path = FOLDER / "formpack_restaurant_profile_geopoint.csv"
    sheet = raw(path, sep=";")
    assert len(sheet) - 1 == 2
    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.KOBO
    assert len(result.survey.frame) == 2
    roles = {c.header: c.role for c in export.columns}
    place = ["lieu", "_lieu_latitude", "_lieu_longitude", "_lieu_altitude", "_lieu_precision"]
    assert [roles[h] for h in place] == ["personal"] * 5
    assert [c.header for c in export.answer_columns] == ["nom du restaurant",
                                                         "type de restaurant"]  # fmt: skip
