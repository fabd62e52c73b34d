"""Every file of the real corpus: read with its tool named, the right respondents and no
error, from Python and from `pairsight survey analyse`; and a real file with reworded
headings matched with the two lists of the matching screen in agreement."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pairsight.surveys.commands import register
from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.export import ExportFormat
from pairsight.surveys.importers.mapping import propose_mapping
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.inference import infer_instrument

from .real_corpus import CORPUS, REAL, RealFile, analysed

IDS = [f"{f.path.parent.name}/{f.path.name}" for f in CORPUS]


def test_corpus_lists_every_file_and_has_three_per_tool_at_least() -> None:
    on_disk = {p for p in REAL.glob("*/*.csv")}
    assert on_disk == {f.path for f in CORPUS}
    tools = [f.tool for f in CORPUS]
    for tool in (ExportFormat.SURVEYMONKEY, ExportFormat.KOBO, ExportFormat.QUALTRICS,
                 ExportFormat.REDCAP, ExportFormat.LIMESURVEY):  # fmt: skip
        assert tools.count(tool) >= 3, tool
    for folder in {p.parent for p in on_disk}:
        assert (folder / "LICENCE").exists()
        assert (folder / "SOURCE.md").exists() or (folder / "SOURCE").exists()


@pytest.mark.parametrize("real", CORPUS, ids=IDS)
def test_every_file_reads_with_its_tool_and_respondents(real: RealFile) -> None:
    export, instrument, result = analysed(real.path)
    assert export.format is real.tool
    assert len(result.survey.frame) == real.respondents
    assert result.ok, result.problems[:3]
    # Nobody's address, e-mail or IP address is ever a question.
    personal = {c.header for c in export.columns if c.role == "personal"}
    assert not personal & {c.header for c in export.answer_columns}


@pytest.fixture(scope="module")
def cli():  # type: ignore[no-untyped-def]
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["survey", *map(str, args)])


@pytest.mark.parametrize("real", CORPUS, ids=IDS)
def test_survey_analyse_reads_every_file_without_a_traceback(cli, real: RealFile) -> None:  # type: ignore[no-untyped-def]
    table = cli("analyse", real.path)
    assert table.exit_code == 0, table.output
    assert table.exception is None
    assert f"{real.respondents} responses" in " ".join(table.output.split())
    data = json.loads(cli("analyse", real.path, "--format", "json").output)
    assert data["source"] == f"{real.path.name} ({real.tool.label} export)"
    assert data["responses"] == real.respondents
    rows = list(csv.reader(io.StringIO(cli("analyse", real.path, "-f", "csv").output)))
    assert len(rows) > 1


REWORDED = {
    "How do you like your steak prepared?": "How steak is cooked",
    "Household Income": "Income band",
    "Location (Census Region)": "Census region you live in",
}


def test_reworded_headings_of_a_real_file_match_and_both_lists_agree(tmp_path: Path) -> None:
    original = REAL / "surveymonkey" / "fivethirtyeight_steak_risk.csv"
    questionnaire, _ = infer_instrument(read_export(original))
    text = original.read_bytes().decode("latin-1")
    for heading, reworded in REWORDED.items():
        assert heading in text
        text = text.replace(heading, reworded, 1)
    path = tmp_path / "steak_reworded.csv"
    path.write_bytes(text.encode("latin-1"))

    export = read_export(path)
    mapping = propose_mapping(export, questionnaire)
    by_text = {q.text: q.id for q in questionnaire.questions}
    matched = {h: t.question_id for h, t in mapping.matched.items()}
    for heading, reworded in REWORDED.items():
        assert matched[reworded] == by_text[heading]  # found by the options in its answers
    result = import_responses(export, questionnaire, mapping=mapping, strict=False)
    # The screen's two lists: questions a column feeds, and questions not in the file.
    fed = set(matched.values())
    missing = set(result.questions_not_in_file)
    assert not fed & missing
    assert fed | missing == {q.id for q in questionnaire.questions}
    assert len(result.responses) == 550
