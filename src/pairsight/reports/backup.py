"""The report's part of an assessment's backup: its settings, builds and built files."""

from __future__ import annotations

from typing import Any

from pairsight.assessments.backup import register
from pairsight.reports.models import Narrative, ReportBuild, ReportSettings
from pairsight.reports.queries import reports_folder


def _renamed(relative: str, new_ids: dict[Any, dict[int, int]]) -> str:
    """build-12/report.pdf becomes build-<the restored build's ID>/report.pdf."""
    folder, _, rest = relative.partition("/")
    if folder.startswith("build-") and folder[6:].isdigit():
        return f"build-{new_ids[ReportBuild][int(folder[6:])]}/{rest}"
    return relative


register("reports", ReportSettings, ReportBuild, Narrative, folder=reports_folder, rename=_renamed)
