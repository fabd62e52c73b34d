"""Writes for the report: the disclosure setting, building, publishing, and recording downloads.

A build goes in two steps so that the page can show its progress: `start_build` records it
(queued) and queues the task, and the worker's `run_build` renders every format into a
folder of its own, saving progress as it goes. Only when every format has been written
does the build become the assessment's current report; a failure records why and leaves
the previous report exactly as it was.
"""

from pairsight.reports.actions.builds import (
    build_now,
    cancel_build,
    expire_stale,
    fail_stale,
    run_build,
    start_build,
)
from pairsight.reports.actions.downloads import export_report, record_download
from pairsight.reports.actions.settings import MAX_NARRATIVE, save_narrative, set_disclosure

__all__ = [
    "expire_stale",
    "fail_stale",
    "start_build",
    "cancel_build",
    "run_build",
    "build_now",
    "record_download",
    "export_report",
    "set_disclosure",
    "MAX_NARRATIVE",
    "save_narrative",
]
