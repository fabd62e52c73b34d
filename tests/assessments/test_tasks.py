"""Background work with real processes: a worker killed with SIGKILL in the middle of a report
build and of a survey import, and an upload parsed while another assessment saves.

Each test runs on a SQLite file of its own (a copy of the demo), as `pairsight web serve`
does; the worker and the "web" side are separate processes. The stale threshold is set to
three seconds and the workers' sweep to half a second, so that "failed within a minute"
is checked in seconds: the worker started in place of the killed one marks its job failed
before anybody opens a page.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

PAIRSIGHT = Path(sys.executable).with_name("pairsight")
STALE_SECONDS = 3
ROWS = 5000


def _environment(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAIRSIGHT_")}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "PAIRSIGHT_DATA_DIR": str(data),
            "DJANGO_SETTINGS_MODULE": "pairsight.web.settings",
            "PAIRSIGHT_SECRET_KEY": "tests-of-the-worker",
            "PAIRSIGHT_JOB_HEARTBEAT_SECONDS": "0.5",
            "PAIRSIGHT_JOB_STALE_SECONDS": str(STALE_SECONDS),
            "PAIRSIGHT_JOB_SWEEP_SECONDS": "0.5",
        }
    )
    return env


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo loaded, made once and copied for each test."""
    data = tmp_path_factory.mktemp("demo-data")
    result = subprocess.run(
        [str(PAIRSIGHT), "web", "demo"],
        env=_environment(data),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic workforce export with thousands of rows: it takes seconds to read."""
    from pairsight.surveys.exports import write_msforms_xlsx
    from pairsight.surveys.synthetic import practitioner_responses

    sample = practitioner_responses()
    frame = pd.concat([sample.frame] * (ROWS // len(sample.frame) + 1), ignore_index=True)
    big = dataclasses.replace(sample, frame=frame.iloc[:ROWS])
    return write_msforms_xlsx(big, tmp_path_factory.mktemp("export") / "big.xlsx")


@pytest.fixture
def data(demo_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "var"
    shutil.copytree(demo_folder, copy)
    return copy


def django(data: Path, code: str) -> Any:
    """Run `code` in a process of its own with Django set up; return what it prints (JSON)."""
    script = "import django, json\ndjango.setup()\n" + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_environment(data),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def workers(data: Path) -> Iterator[Any]:
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "django",
                "job_worker",
                "--no-reload",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
            env=_environment(data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def row(data: Path, sql: str, *params: Any) -> Any:
    with sqlite3.connect(data / "pairsight.sqlite3", timeout=30) as db:
        return db.execute(sql, params).fetchone()


def wait_for(condition: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError(f"gave up waiting for {what}")


DEMO = """
from pairsight.assessments.models import Assessment, Membership
assessment = Assessment.objects.get(is_demo=True)
lead = Membership.objects.filter(assessment=assessment, role="lead").first().user
"""

PAGE = (
    DEMO
    + """
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(lead)
text = client.get(PATH.format(a=assessment.pk)).content.decode()
"""
)


def test_a_report_build_whose_worker_is_killed_fails_within_a_minute_and_can_be_retried(
    data: Path, workers: Any
) -> None:
    build = django(
        data,
        DEMO
        + """
from pairsight.reports import actions
print(json.dumps(actions.start_build(actor=lead, assessment=assessment).pk))
""",
    )
    worker = workers()
    # Killed while it renders the formats (step 1 onwards), before it finishes.
    query = "SELECT state, step FROM reports_reportbuild WHERE id = ?"
    wait_for(lambda: row(data, query, build) in {("running", 1), ("running", 2)}, 120, "the build")
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed = time.monotonic()
    assert row(data, query, build)[0] == "running", "nobody has noticed yet"

    # No page is opened: the worker started in its place sweeps the dead one's build.
    workers()
    wait_for(lambda: row(data, query, build)[0] == "failed", 60, "the sweep to fail the build")
    assert STALE_SECONDS <= time.monotonic() - killed < 60
    text = django(data, "PATH = '/assessments/{a}/report/'" + PAGE + "print(json.dumps(text))")
    assert "The last build failed" in text
    assert "the worker running it stopped before it finished" in text
    assert row(data, "SELECT state FROM reports_reportbuild WHERE id = ?", build) == ("failed",)
    # Nothing half-stored: no successful build, no files of the killed one.
    assert row(data, "SELECT count(*) FROM reports_reportbuild WHERE state = 'succeeded'") == (0,)
    assessment_id = row(data, "SELECT assessment_id FROM reports_reportbuild WHERE id = ?", build)
    assert not (data / "reports" / str(assessment_id[0]) / f"build-{build}").exists()
    failed = row(
        data,
        "SELECT actor_name, summary FROM assessments_auditevent WHERE action = ?",
        "report build failed",
    )
    assert "the worker running it stopped" in failed[1]

    # Try again: a new worker builds it.
    again = django(
        data,
        DEMO
        + """
from pairsight.reports import actions
print(json.dumps(actions.start_build(actor=lead, assessment=assessment).pk))
""",
    )
    # The worker that swept builds it (minutes on a loaded 2-core machine).
    ended = "SELECT state, error_reason FROM reports_reportbuild WHERE id = ?"
    wait_for(lambda: row(data, ended, again)[0] in {"succeeded", "failed"}, 420, "the retry")
    assert row(data, ended, again) == ("succeeded", "")
    text = django(
        data, "PATH = '/assessments/{a}/report/preview/'" + PAGE + "print(json.dumps(text))"
    )
    assert "2,420" in text and "2,760" in text


def test_an_import_whose_worker_is_killed_stores_nothing_and_can_be_retried(
    data: Path, workers: Any, big_export: Path
) -> None:
    queued = django(
        data,
        DEMO
        + f"""
from pathlib import Path
from pairsight.surveys import actions, tasks
from pairsight.surveys.models import Response, Survey
survey = Survey.objects.get(assessment=assessment, kind="workforce")
content = Path({str(big_export)!r}).read_bytes()
upload = actions.upload_export(actor=lead, survey=survey, file_name="big.xlsx", content=content)
job = tasks.start_import(actor=lead, upload=upload)
print(json.dumps([job.pk, survey.pk, Response.objects.filter(survey=survey).count()]))
""",
    )
    job, survey, before = queued
    worker = workers()
    query = "SELECT state, message FROM surveys_surveyimport WHERE id = ?"
    wait_for(
        lambda: row(data, query, job) == ("running", "Reading and checking every row"),
        120,
        "the import to be reading",
    )
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed = time.monotonic()

    workers()
    wait_for(lambda: row(data, query, job)[0] == "failed", 60, "the sweep to fail the import")
    assert STALE_SECONDS <= time.monotonic() - killed < 60
    failed = "SELECT summary FROM assessments_auditevent WHERE action = 'survey import failed'"
    assert "the worker running it stopped" in row(data, failed)[0]
    path = f"'/assessments/{{a}}/surveys/workforce/importing/{job}/'"
    text = django(data, f"PATH = {path}" + PAGE + "print(json.dumps(text))")
    assert "The import failed: nothing was imported" in text
    assert "the worker running it stopped before it finished" in text
    count = "SELECT count(*) FROM surveys_response WHERE survey_id = ?"
    assert row(data, count, survey) == (before,), "nothing half-stored"
    assert row(data, "SELECT count(*) FROM surveys_pendingupload") == (1,), "the file is kept"

    retried = django(
        data,
        DEMO
        + f"""
from pairsight.surveys import tasks
from pairsight.surveys.models import SurveyImport
upload = SurveyImport.objects.get(pk={job}).upload
print(json.dumps(tasks.start_import(actor=lead, upload=upload).pk))
""",
    )
    wait_for(
        lambda: (
            row(data, "SELECT state FROM surveys_surveyimport WHERE id = ?", retried)
            in {("succeeded",), ("failed",)}
        ),
        300,
        "the retried import",
    )
    assert row(data, "SELECT state, added FROM surveys_surveyimport WHERE id = ?", retried) == (
        "succeeded",
        ROWS,
    )
    assert row(data, count, survey) == (before + ROWS,)


def test_an_upload_parsed_in_one_assessment_never_blocks_a_save_in_another(
    data: Path, big_export: Path
) -> None:
    """Both processes succeed, and no save waits for the parse to end."""
    django(
        data,
        DEMO
        + """
from pairsight.assessments import actions
actions.create_assessment(user=lead, title="Second", area_name="Elsewhere", ons_code="E06000098",
                          start_year=2025)
print(json.dumps(True))
""",
    )
    env = _environment(data)
    parse = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import django, json, time\ndjango.setup()\n"
            + textwrap.dedent(DEMO)
            + textwrap.dedent(f"""
from pathlib import Path
from pairsight.surveys import actions
from pairsight.surveys.models import Survey
survey = Survey.objects.get(assessment=assessment, kind="workforce")
content = Path({str(big_export)!r}).read_bytes()
start = time.time()
upload = actions.upload_export(actor=lead, survey=survey, file_name="big.xlsx", content=content)
# Read three times over: the upload itself now only stores the bytes, and one read of the
# file is quick enough on a quiet machine for the window to hold too few saves to judge by.
for _ in range(3):
    actions.read_upload(upload)
print(json.dumps([start, time.time()]))
"""),
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    saves = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import django, json, time, sys\ndjango.setup()\n"
            + textwrap.dedent(f"""
from pairsight.assessments.models import Assessment, Membership
from pairsight.reports.actions import set_disclosure
second = Assessment.objects.get(title="Second")
lead = Membership.objects.get(assessment=second, role="lead").user
timings = []
for n in range(10_000):
    start = time.time()
    set_disclosure(actor=lead, assessment=second, disclosure="off" if n % 2 == 0 else "nhs")
    timings.append([start, time.time() - start])
    if Path({str(data / "stop")!r}).exists():
        break
    time.sleep(0.05)
print(json.dumps(timings))
""").replace(
                "from pairsight.assessments.models",
                "from pathlib import Path\nfrom pairsight.assessments.models",
            ),
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    parse_out, _ = parse.communicate(timeout=300)
    (data / "stop").touch()
    saves_out, _ = saves.communicate(timeout=120)
    assert parse.returncode == 0 and saves.returncode == 0
    began, ended = json.loads(parse_out.strip().splitlines()[-1])
    timings = json.loads(saves_out.strip().splitlines()[-1])
    during = [took for at, took in timings if began <= at <= ended]
    assert len(during) >= 3, "saves were made while the file was parsed"
    # A save that had to wait for the parse would take about as long as the parse itself.
    assert max(during) < (ended - began) / 2, (max(during), ended - began)


def test_the_sweep_fails_only_jobs_whose_heartbeat_stopped_and_audits_them(
    team: Any, settings: Any
) -> None:
    """What every worker runs every few seconds, on its own, with no page opened."""
    import datetime

    from django.utils import timezone

    from pairsight.assessments import tasks as jobs
    from pairsight.assessments.backup import jobs as backup_jobs
    from pairsight.assessments.models import AuditEvent, BackupJob

    settings.PAIRSIGHT_JOB_STALE_SECONDS = 50
    now = timezone.now()

    def job(state: str, beat_seconds_ago: float) -> BackupJob:
        return BackupJob.objects.create(
            assessment=team.assessment,
            requested_by=team.lead,
            requested_by_name="Lena Lead",
            state=state,
            heartbeat_at=now - datetime.timedelta(seconds=beat_seconds_ago),
        )

    dead, beating, finished = job("running", 51), job("running", 40), job("succeeded", 3600)
    assert backup_jobs.fail_backup in jobs._WATCHED.values()
    assert [j.pk for j in jobs.sweep()] == [dead.pk]
    states = dict(BackupJob.objects.values_list("pk", "state"))
    assert states == {dead.pk: "failed", beating.pk: "running", finished.pk: "succeeded"}
    dead.refresh_from_db()
    assert dead.error_reason.startswith("the worker running it stopped before it finished")
    [audit] = AuditEvent.objects.filter(action="backup failed")
    assert audit.object_id == str(dead.pk) and "the worker running it stopped" in audit.summary
    assert jobs.sweep() == [], "a failed job is failed once"
