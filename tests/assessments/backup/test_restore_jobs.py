"""A restore from the web, run by a real worker process: killed with SIGKILL while it restores,
it is failed by the next worker's sweep with nothing half-stored, and a retry restores it."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

from tests.assessments.test_tasks import (  # noqa: F401  (fixtures)
    DEMO,
    STALE_SECONDS,
    data,
    demo_folder,
    django,
    row,
    wait_for,
    workers,
)

QUEUE = (
    DEMO
    + """
from pathlib import Path
from pairsight.assessments.backup import backup_assessment, restore_jobs
from pairsight.assessments.models import RestoreJob
path = Path(FOLDER) / "demo.zip"
if not path.exists():
    backup_assessment(actor=lead, assessment=assessment, out=path)
job = restore_jobs.start_restore(actor=lead, file_name="demo.zip", chunks=[path.read_bytes()])
print(json.dumps(job.pk))
"""
)
JOB = "SELECT state, step, error_reason, restored_id FROM assessments_restorejob WHERE id = ?"
ASSESSMENTS = "SELECT count(*) FROM assessments_assessment"
RESPONSES = "SELECT count(*) FROM surveys_response"


def _queue(data: Path, folder: Path) -> int:  # noqa: F811
    job: int = django(data, f"FOLDER = {str(folder)!r}\n" + QUEUE)
    return job


def test_a_restore_whose_worker_is_killed_stores_nothing_and_a_retry_restores_it(
    data: Path,  # noqa: F811
    workers: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    assessments, responses = row(data, ASSESSMENTS)[0], row(data, RESPONSES)[0]
    job = _queue(data, tmp_path)
    uploads = list((data / "backups" / "restores").iterdir())
    assert len(uploads) == 1 and uploads[0].stat().st_mode & 0o077 == 0, "kept privately"
    assert row(data, JOB, job)[0] == "queued", "nothing restored inside the request"

    worker = workers()
    wait_for(lambda: row(data, JOB, job)[:2] == ("running", 1), 120, "the restore to run")
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed = time.monotonic()
    if row(data, JOB, job)[0] == "running":
        workers()
        wait_for(lambda: row(data, JOB, job)[0] == "failed", 60, "the sweep to fail it")
        assert STALE_SECONDS <= time.monotonic() - killed < 60
        assert "the worker running it stopped" in row(data, JOB, job)[2]
        failed = "SELECT summary FROM assessments_auditevent WHERE action = 'restore failed'"
        assert "the worker running it stopped" in row(data, failed)[0]
        # Nothing half-stored: no new assessment, no responses of one; the upload is kept.
        assert row(data, ASSESSMENTS) == (assessments,)
        assert row(data, RESPONSES) == (responses,)
        assert uploads[0].exists(), "kept to try again"
        text = django(
            data,
            DEMO
            + """
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(lead)
print(json.dumps(client.get("/assessments/restore/").content.decode()))
""",
        )
        assert "demo.zip could not be restored" in text and "Try restoring demo.zip again" in text
        retried = django(
            data,
            DEMO
            + f"""
from pairsight.assessments.backup import restore_jobs
from pairsight.assessments.models import RestoreJob
old = RestoreJob.objects.get(pk={job})
print(json.dumps(restore_jobs.retry_restore(actor=lead, job=old).pk))
""",
        )
    else:
        # The restore finished in the moment before the kill: retry is not needed, but the
        # upload must have gone with the success.
        retried = job
        workers()
    wait_for(lambda: row(data, JOB, retried)[0] in {"succeeded", "failed"}, 300, "the retry")
    state, _, reason, restored = row(data, JOB, retried)
    assert (state, reason) == ("succeeded", "")
    assert row(data, ASSESSMENTS) == (assessments + 1,)
    assert row(data, RESPONSES) == (responses * 2,), "every response of the demo, once more"
    assert not uploads[0].exists(), "the upload goes once restored"
    title = row(data, "SELECT title FROM assessments_assessment WHERE id = ?", restored)[0]
    assert title.endswith("(restored)")
