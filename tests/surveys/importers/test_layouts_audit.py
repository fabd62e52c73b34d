"""Layouts from the issue's list that the other tests did not cover, written here as the
tools write them (synthetic: nobody answered these). Expected values are counted by hand
from the rows below."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from pairsight.surveys import commands as survey_commands
from pairsight.surveys.commands import register
from pairsight.surveys.importers.export import ExportFormat

from .synthetic_files import csv_bytes, inferred


def test_kobo_select_multiple_with_true_false_columns_inside_a_group() -> None:
    content = csv_bytes(
        "start,end,visit/transport,visit/transport/ambulance,visit/transport/bicycle,"
        "visit/transport/car,visit/age,_id,_uuid,_submission_time,_index",
        "2020-01-01,2020-01-01,ambulance bicycle,True,True,False,34,1,a,2020-01-01,1",
        "2020-01-02,2020-01-02,car,False,False,True,28,2,b,2020-01-02,2",
        "2020-01-03,2020-01-03,bicycle car,False,True,True,41,3,c,2020-01-03,3",
    )
    export, instrument, result = inferred(content)
    assert export.format is ExportFormat.KOBO
    assert [c.header for c in export.answer_columns] == ["visit/transport", "visit/age"]
    transport, age = instrument.questions
    assert transport.kind == "multiple_choice"
    chosen = [o for answer in result.survey.frame[transport.id] for o in answer]
    # By hand: ambulance 1, bicycle 2, car 2.
    assert {o: chosen.count(o) for o in set(chosen)} == {"ambulance": 1, "bicycle": 2, "car": 2}
    assert age.kind == "number"
    assert result.survey.frame[age.id].tolist() == [34, 28, 41]


def test_qualtrics_legacy_v_columns_with_ip_and_location_left_out() -> None:
    content = csv_bytes(
        "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2,LocationLatitude,LocationLongitude",
        "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,"
        "StartDate,EndDate,Finished,How old is your baby?,Anything else?,LocationLatitude,"
        "LocationLongitude",
        "R_1,Default,Anon,,,1.2.3.4,0,2016-01-01 10:00,2016-01-01 10:05,1,3 months,No,52.4,-1.9",
        "R_2,Default,Anon,,,1.2.3.5,0,2016-01-02 10:00,2016-01-02 10:05,1,6 months,,52.5,-1.8",
        "R_3,Default,Anon,,,1.2.3.6,0,2016-01-03 10:00,2016-01-03 10:05,1,6 months,,52.6,-1.7",
    )
    export, instrument, result = inferred(content)
    assert export.format is ExportFormat.QUALTRICS
    assert len(result.survey.frame) == 3  # the question-text row is a header, not a response
    assert [c.header for c in export.answer_columns] == ["How old is your baby?", "Anything else?"]
    personal = {c.header for c in export.columns if c.role == "personal"}
    assert {"IPAddress", "LocationLatitude", "LocationLongitude", "EmailAddress"} <= personal


def test_identifier_columns_and_small_number_columns_with_na_and_dont_know() -> None:
    content = csv_bytes(
        "ID,Column A,participant_id,How many visits?,Was it helpful?",
        "1,1,P-01,3,Yes",
        "2,2,P-02,N/A,No",
        "3,3,P-03,2,Yes",
        "4,4,P-04,Don't know,Yes",
    )
    export, instrument, result = inferred(content)
    assert [q.text for q in instrument.questions] == ["How many visits?", "Was it helpful?"]
    visits = instrument.questions[0]
    # Two numbers and two "no number" answers: a number question, never free text.
    assert visits.kind == "number"
    assert set(visits.missing) == {"N/A", "Don't know"}
    assert result.survey.frame[visits.id].dropna().tolist() == [3, 2]
    assert result.ok


def test_limesurvey_numeric_array_with_na_is_numbers_and_never_refused() -> None:
    content = csv_bytes(
        "id,submitdate,lastpage,startlanguage,Q1[SQ001],Q1[SQ002],Q1[SQ003]",
        "1,2021-03-01,2,en,3,3,5",
        "2,2021-03-02,2,en,1,2,N/A",
        "3,2021-03-03,2,en,2,1,3",
        "4,2021-03-04,2,en,5,5,5",
    )
    export, instrument, result = inferred(content)
    assert export.format is ExportFormat.LIMESURVEY
    assert result.ok
    assert [q.kind for q in instrument.questions] == ["number"] * 3
    # By hand, the third item: 5, (N/A), 3, 5.
    assert result.survey.frame[instrument.questions[2].id].dropna().tolist() == [5, 3, 5]


def test_old_surveymonkey_without_an_id_with_dates_options_and_open_ended() -> None:
    content = csv_bytes(
        "StartDate,EndDate,Which services do you use?,,,How old is your baby?,Anything else?",
        ",,Health visiting,Children's centre,GP,Response,Open-Ended Response",
        "2016-01-04,2016-01-04,Health visiting,,GP,3 months,More groups",
        "2016-01-05,2016-01-05,,Children's centre,,6 months,",
        "2016-01-06,2016-01-06,Health visiting,Children's centre,,3 months,Evening groups",
    )
    export, instrument, result = inferred(content)
    assert export.format is ExportFormat.SURVEYMONKEY
    assert len(result.survey.frame) == 3
    services = instrument.questions[0]
    assert services.kind == "multiple_choice"  # the first respondent gave two
    chosen = [o for answer in result.survey.frame[services.id] for o in answer]
    assert {o: chosen.count(o) for o in set(chosen)} == {
        "Health visiting": 2,
        "Children's centre": 2,
        "GP": 1,
    }
    assert all("Response" not in (c.sublabel or "") for c in export.answer_columns)


LINK = "[link=https://example.org]click[/link] [bold]x[/bold]"


def test_link_markup_in_answers_prints_as_written_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Wide enough that the answer is never wrapped, whatever width an earlier test left.
    monkeypatch.setattr(survey_commands, "console", Console(width=400))
    path = tmp_path / "synthetic.csv"
    # A choice between two answers, one of them written in Rich's link and style markup.
    rows = [["Which one?"]] + [[LINK if n % 2 else "Plain"] for n in range(12)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    app = typer.Typer()
    register(app)

    def run(*args: str) -> str:
        result = CliRunner().invoke(
            app, ["survey", "analyse", str(path), *args], env={"COLUMNS": "400"}
        )
        assert result.exit_code == 0 and result.exception is None, result.output
        return result.output

    assert LINK in run()
    assert json.dumps(LINK)[1:-1] in json.dumps(json.loads(run("--format", "json")))
    cells = {c for row in csv.reader(io.StringIO(run("--format", "csv"))) for c in row}
    assert LINK in cells
