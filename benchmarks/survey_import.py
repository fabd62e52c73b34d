"""Benchmark: import and analyse a large Microsoft Forms export, against the fastest reader.

Generates a Forms-layout workbook (ID, Start time, Completion time, Email, Name, then 60
question columns; default 20,000 responses), then measures in separate processes, so that
each peak memory is its own, each side at least three times in turn (the median is reported):

- baseline: `pandas.read_excel(engine="calamine")` of the file and nothing else (python-
  calamine, the fastest reader an analyst could pick today);
- for comparison: PAIRsight's own sheet reader alone, and `pandas.read_excel` with openpyxl;
- PAIRsight: read (with the file limits of core/containers.py), detect the format, match the
  columns, validate every answer, build the typed responses, and analyse every question
  (with a breakdown by one question).

Prints time, peak memory (max resident set size) and the ratio of each to the baseline.
Target: the whole import and analysis within 1.5x the time of the calamine read alone.
Exits 1 if not.

    .venv/bin/python benchmarks/survey_import.py              # 20,000 responses
    .venv/bin/python benchmarks/survey_import.py --rows 100000  # the largest export seen
    .venv/bin/python benchmarks/survey_import.py --rows 5000    # a quick run
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np

TARGET_RATIO = 1.5
RUNS = 3
QUESTIONS = 60
AGREE = ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree",
         "Somewhat agree", "Strongly agree", "Not sure"]  # fmt: skip
JOBS = ["Health visitor", "Midwife", "Nursery nurse", "Family support worker", "Social worker",
        "Perinatal mental health practitioner", "Psychologist", "GP"]  # fmt: skip
OPTIONS = ["Refer to another service", "Seek advice from a colleague", "Discuss in supervision",
           "Offer support myself", "Signpost to other support", "Not sure what to do"]  # fmt: skip
ITEMS = ["Face-to-face course", "Live online session", "E-learning", "Shadowing"]


def instrument_spec() -> dict[str, Any]:
    """60 questions, one column each: the mix a long workforce survey has."""
    questions: list[dict[str, Any]] = []
    kinds = (["single"] * 20 + ["scale"] * 15 + ["multiple"] * 10 + ["number"] * 5
             + ["text"] * 5 + ["ranking"] * 3 + ["other"] * 2)  # fmt: skip
    for n, kind in enumerate(kinds, start=1):
        qid, text = f"q{n:02d}", f"Question {n}: how would you answer this {kind} question?"
        base = {"id": qid, "text": text}
        if kind == "single":
            questions.append({**base, "kind": "single_choice", "options": JOBS})
        elif kind == "other":
            questions.append({**base, "kind": "single_choice", "options": JOBS[:4], "other": True})
        elif kind == "scale":
            scale = {"labels": AGREE[:5], "neutral": AGREE[2], "off_scale": AGREE[5:]}
            questions.append({**base, "kind": "scale", "scale": scale})
        elif kind == "multiple":
            questions.append({**base, "kind": "multiple_choice", "options": OPTIONS})
        elif kind == "number":
            questions.append(
                {**base, "kind": "number", "minimum": 0, "maximum": 500, "integer": True}
            )
        elif kind == "text":
            questions.append({**base, "kind": "free_text"})
        else:
            items = [{"id": f"i{i}", "text": t} for i, t in enumerate(ITEMS)]
            questions.append({**base, "kind": "ranking", "items": items})
    return {"id": "benchmark", "version": "1", "title": "Benchmark survey", "questions": questions}


def _joined(mask: int) -> str:
    """A Forms multiple-choice cell: the chosen options, each followed by ";"."""
    return "".join(o + ";" for i, o in enumerate(OPTIONS) if mask >> i & 1)


def _letters(position: int) -> str:
    letters, number = "", position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def generate(path: Path, rows: int, seed: int) -> None:
    """Write the workbook's XML directly: openpyxl would take minutes for 6 million cells."""
    rng = np.random.default_rng(seed)
    spec = instrument_spec()
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        return strings.setdefault(text, len(strings))

    headers = ["ID", "Start time", "Completion time", "Email", "Name"] + [
        q["text"] for q in spec["questions"]
    ]
    columns: list[list[str | None]] = []  # per column: a cell's XML minus its reference
    for q in spec["questions"]:
        if q["kind"] in ("single_choice", "scale"):
            labels = (
                q["options"] if "options" in q else q["scale"]["labels"] + q["scale"]["off_scale"]
            )
            if q.get("other"):
                labels = [*labels, "Dietitian", "Paramedic"]  # typed "Other" answers
            cells = [f't="s"><v>{shared(label)}</v>' for label in labels]
            picks = rng.integers(0, len(cells), rows)
            column: list[str | None] = [cells[i] for i in picks]
        elif q["kind"] == "multiple_choice":
            masks = rng.integers(1, 2 ** len(OPTIONS), rows)
            combos = {m: f't="s"><v>{shared(_joined(m))}</v>' for m in range(1, 2 ** len(OPTIONS))}
            column = [combos[int(m)] for m in masks]
        elif q["kind"] == "ranking":
            orders = [rng.permutation(len(ITEMS)) for _ in range(24)]
            cells = [f't="s"><v>{shared("".join(ITEMS[i] + ";" for i in o))}</v>' for o in orders]
            column = [cells[i] for i in rng.integers(0, len(cells), rows)]
        elif q["kind"] == "number":
            column = [f"><v>{v}</v>" for v in rng.integers(0, 500, rows)]
        else:
            column = [
                f't="s"><v>{shared(f"Free comment {i} about the service")}</v>' if keep else None
                for i, keep in enumerate(rng.random(rows) < 0.3)
            ]
        skipped = rng.random(rows) < 0.05
        columns.append([None if s else c for c, s in zip(column, skipped, strict=True)])
    letters = [_letters(i) for i in range(len(headers))]
    header_ids = [shared(h) for h in headers]
    shared(""), shared("anonymous")
    start = datetime.datetime(2024, 1, 8) - datetime.datetime(1899, 12, 30)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(SHEET_HEAD.encode())
            head = "".join(
                f'<c r="{letters[i]}1" t="s"><v>{sid}</v></c>' for i, sid in enumerate(header_ids)
            )
            sheet.write(f'<row r="1">{head}</row>'.encode())
            anonymous = strings["anonymous"]
            for r in range(rows):
                n = r + 2
                when = start.days + r / 1440
                parts = [
                    f'<row r="{n}"><c r="A{n}"><v>{r + 1}</v></c>',
                    f'<c r="B{n}" s="1"><v>{when:.6f}</v></c>',
                    f'<c r="C{n}" s="1"><v>{when + 0.005:.6f}</v></c>',
                    f'<c r="D{n}" t="s"><v>{anonymous}</v></c>',
                ]
                for i, column in enumerate(columns):
                    cell = column[r]
                    if cell is not None:
                        parts.append(f'<c r="{letters[i + 5]}{n}" {cell}</c>')
                parts.append("</row>")
                sheet.write("".join(parts).encode())
            sheet.write(b"</sheetData></worksheet>")
        table = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>',
        )


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="'
    'application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
    'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
    'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="'
    'worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yy h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)
SHEET_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
    "<sheetData>"
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def child(mode: str, path: Path) -> None:
    """One measurement in this process; prints its result as JSON.

    Modules are loaded before the clock starts in both runs: the work is timed, not imports.
    """
    import pandas as pd

    from pairsight.surveys.analysis import analyse
    from pairsight.surveys.importers.pipeline import import_responses
    from pairsight.surveys.instruments import Instrument

    instrument = Instrument.model_validate(instrument_spec())
    started = time.perf_counter()
    if mode in ("calamine", "openpyxl"):
        frame = pd.read_excel(path, engine=mode)
        detail = f"{frame.shape[0]:,} rows × {frame.shape[1]} columns"
    elif mode == "reader":
        from pairsight.surveys.importers.files import read_grid

        grid = read_grid(path)
        detail = f"{grid.cells.shape[0]:,} rows × {grid.cells.shape[1]} columns"
    else:
        # As the import job calls it (the upload's bytes and name), then the analysis the
        # findings page makes, with every choice question broken down by the first.
        result = import_responses(path.read_bytes(), instrument, name=path.name)
        analysis = analyse(result.survey, by="q01")
        detail = (
            f"{len(result.responses):,} responses, {len(analysis.items)} questions analysed, "
            f"{len(analysis.crosstabs)} breakdowns, {len(result.problems)} problems"
        )
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), "detail": detail}))


def measure(mode: str, path: Path) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        sys.exit(f"{mode} run failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000, help="responses (default 20,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file", type=Path, help="keep the generated workbook here and reuse it")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each side (at least 3)")
    parser.add_argument("--quick", action="store_true", help="leave out the slow openpyxl read")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.runs = max(args.runs, 3)
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.file or Path(folder) / f"forms-{args.rows}.xlsx"
        started = time.perf_counter()
        if not path.exists():
            generate(path, args.rows, args.seed)
            size = path.stat().st_size / 2**20
            print(
                f"Generated {path.name}: {args.rows:,} responses × {QUESTIONS} questions, "
                f"{size:.1f} MB in {time.perf_counter() - started:.1f} s"
            )
        modes = ["calamine", "reader", "pipeline"] + ([] if args.quick else ["openpyxl"])
        # In rounds, one run of each side after another, so that a busy spell on a shared
        # machine slows every side alike rather than all the runs of one.
        runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
        for _ in range(args.runs):
            for mode in modes:
                runs[mode].append(measure(mode, path))
    median = {mode: _median(results) for mode, results in runs.items()}
    baseline = median["calamine"]
    names = {
        "calamine": "pandas.read_excel, calamine (baseline)",
        "reader": "PAIRsight's sheet reader alone",
        "openpyxl": "pandas.read_excel, openpyxl",
        "pipeline": "PAIRsight import + full analysis",
    }
    print(f"Median of {args.runs} runs each.")
    print(f"{'':42}{'time':>10}{'peak memory':>14}{'ratio':>9}")
    for mode, run in median.items():
        print(
            f"{names[mode]:42}{run['seconds']:>9.2f}s{run['peak_mb']:>11.0f} MB"
            f"{run['seconds'] / baseline['seconds']:>8.2f}x"
        )
    print(f"baseline: {baseline['detail']}")
    print(f"PAIRsight: {median['pipeline']['detail']}")
    ratio = median["pipeline"]["seconds"] / baseline["seconds"]
    met = ratio <= TARGET_RATIO
    verdict = "met" if met else "NOT met"
    print(
        f"Target: import and analysis within {TARGET_RATIO:g}x the calamine read alone "
        f"({ratio:.2f}x): {verdict}."
    )
    sys.exit(0 if met else 1)


def _median(results: list[dict[str, Any]]) -> dict[str, Any]:
    ordered = sorted(results, key=lambda r: r["seconds"])
    return ordered[len(ordered) // 2]


if __name__ == "__main__":
    main()
