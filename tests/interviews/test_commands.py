"""`pairsight interviews ...`: the JSON shapes the issue gives, tables, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from pairsight.interviews.codebook import BIRMINGHAM_2022_CATEGORIES, from_qdc
from pairsight.interviews.commands import register
from tests.interviews.conftest import TRANSCRIPT_TEXT
from tests.interviews.known_answers import KRIPPENDORFF_2011_C, KRIPPENDORFF_2011_C_ALPHA

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def cli() -> Any:
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["interviews", *map(str, args)])


def test_redact_json_lists_proposals_with_kind_text_and_offsets(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "p1.txt"
    path.write_text(TRANSCRIPT_TEXT, encoding="utf-8")
    result = cli("redact", path, "--format", "json")
    assert result.exit_code == 0, result.output
    proposals = json.loads(result.output)["proposals"]
    found = {(p["kind"], p["text"]) for p in proposals}
    assert ("phone", "07700 900123") in found
    assert ("date_of_birth", "14 March 2021") in found
    assert ("name", "Aisha") in found
    for p in proposals:
        assert TRANSCRIPT_TEXT[p["start"] : p["end"]] == p["text"]


def test_redact_table_escapes_markup_in_the_file(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "p1.txt"
    path.write_text("Interviewer: e-mail me at [bold]x@example.org", encoding="utf-8")
    result = cli("redact", path)
    assert result.exit_code == 0, result.output
    assert "x@example.org" in result.output


def test_redact_a_missing_file_says_so(cli: Any, tmp_path: Path) -> None:
    result = cli("redact", tmp_path / "none.txt")
    assert result.exit_code == 2
    assert "none.txt" in result.output


def _agreement_csv(tmp_path: Path) -> Path:
    lines = ["unit,coder,code"]
    for coder, values in KRIPPENDORFF_2011_C.items():
        for unit, value in enumerate(values, start=1):
            if value is not None:
                lines.append(f"u{unit},{coder},{value}")
    path = tmp_path / "codes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_agreement_json_has_alpha_and_themes(cli: Any, tmp_path: Path) -> None:
    result = cli("agreement", _agreement_csv(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["alpha"] == pytest.approx(KRIPPENDORFF_2011_C_ALPHA, abs=0.001)
    # Four coders: a code gets kappa only where exactly two coders used it; none did.
    assert body["themes"] == []


def test_agreement_kappa_per_code_with_two_coders(cli: Any, tmp_path: Path) -> None:
    # By hand: code x, units 1-4. A: 1,2  B: 1,3 -> (1,1),(1,0),(0,1),(0,0): kappa 0.
    path = tmp_path / "two.csv"
    path.write_text(
        "unit,coder,code\n1,A,x\n1,B,x\n2,A,x\n2,B,y\n3,A,y\n3,B,x\n4,A,y\n4,B,y\n",
        encoding="utf-8",
    )
    body = json.loads(cli("agreement", path, "--format", "json").output)
    assert [(t["code"], t["kappa"]) for t in body["themes"]] == [("x", 0.0), ("y", 0.0)]


def test_agreement_with_a_bad_row_names_it(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("unit,coder,code\n1,A,x\n2,,x\n", encoding="utf-8")
    result = cli("agreement", path)
    assert result.exit_code == 2
    assert "Row 3: the coder column is empty" in result.output


def test_export_the_starter_codebook_and_import_it_back(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "starter.qdc"
    result = cli("export", "--out", out)
    assert result.exit_code == 0, result.output
    assert [c.name for c in from_qdc(out.read_bytes()).categories] == list(
        BIRMINGHAM_2022_CATEGORIES
    )
    listed = cli("import", FIXTURES / "taguette_codebook.qdc")
    assert listed.exit_code == 0, listed.output
    assert "fear of judgement" in listed.output and "3 themes" in listed.output


@pytest.mark.django_db
def test_import_into_an_assessment_needs_an_editor(cli: Any, team: Any) -> None:
    from pairsight.interviews.models import Theme

    qdc = FIXTURES / "taguette_codebook.qdc"
    refused = cli(
        "import", qdc, "--assessment", team.assessment.pk, "--user", "viewer@example.nhs.uk"
    )
    assert refused.exit_code == 2
    assert Theme.objects.count() == 0
    done = cli("import", qdc, "--assessment", team.assessment.pk, "--user", "editor@example.nhs.uk")
    assert done.exit_code == 0, done.output
    assert Theme.objects.filter(category__assessment=team.assessment).count() == 3
