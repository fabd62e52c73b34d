"""Recording each download of a built report, and exporting it from the command line."""

from __future__ import annotations

from pathlib import Path

from pairsight.assessments.access import require
from pairsight.assessments.audit import Actor, record_export
from pairsight.assessments.models import Assessment, Role
from pairsight.core.document import Status
from pairsight.reports import queries
from pairsight.reports.build import FORMATS, Progress, build_report
from pairsight.reports.models import ReportBuild


def record_download(*, actor: Actor, build: ReportBuild, format_name: str) -> None:
    require(actor, build.assessment, Role.VIEWER)
    record_export(
        actor=actor,
        assessment=build.assessment,
        what=f"the {build.get_status_display().lower()} report",
        file_format=FORMATS[format_name].label,
        object_type="report",
        object_id=build.pk,
        detail={
            "status": build.status,
            "disclosure": build.disclosure,
            "report_date": build.report_date.isoformat(),
        },
    )


def export_report(
    *,
    actor: Actor,
    assessment: Assessment,
    formats: tuple[str, ...],
    out: Path,
    progress: Progress | None = None,
) -> dict[str, Path]:
    """Build the assessment's report into `out` (the command line) and audit the export.

    The report is marked published only when the lead has published it and nothing has
    changed since; otherwise it is a draft. Raises `ReportBuildError` if a format fails.
    """
    require(actor, assessment, Role.VIEWER)
    report_settings = queries.report_settings(assessment)
    current = queries.current_build(assessment)
    draft_report = queries.assessment_report(assessment, disclosure=report_settings.rule)
    published = (
        current is not None
        and current.is_published
        and current.fingerprint == queries.fingerprint(draft_report)
    )
    report = queries.assessment_report(
        assessment,
        status=Status.PUBLISHED if published else Status.DRAFT,
        disclosure=report_settings.rule,
    )
    paths = build_report(report, formats, out, progress=progress)
    status = "published" if published else "draft"
    record_export(
        actor=actor,
        assessment=assessment,
        what=f"the {status} report (command line)",
        file_format=", ".join(FORMATS[name].label for name in paths),
        object_type="report",
        detail={
            "status": status,
            "disclosure": report_settings.disclosure,
            "formats": list(paths),
            "folder": str(Path(out).resolve()),
        },
    )
    return paths
