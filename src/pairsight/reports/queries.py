"""Reads for the report: the assessment's report as it stands, and its builds and files."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from pairsight.assessments import tasks as jobs
from pairsight.assessments.editions.report import edition_changes_section
from pairsight.assessments.models import Assessment, AuditEvent
from pairsight.core.disclosure import DisclosureRule
from pairsight.core.document import Report, Section, Status
from pairsight.interviews.report import interviews_report_section
from pairsight.plan.report import plan_section
from pairsight.population import birmingham as birmingham_figures
from pairsight.population.queries import chosen_scenario, estimate_for
from pairsight.population.report import population_section
from pairsight.population.split import Pathway
from pairsight.recommendations.report import recommendations_section
from pairsight.reports.birmingham import DEMO_NEXT_STEPS, DEMO_NOTICE
from pairsight.reports.build import FORMATS, ReportFormat
from pairsight.reports.models import Narrative, ReportBuild, ReportSettings
from pairsight.reports.narrative import (
    EXECUTIVE_SUMMARY,
    KEY_MESSAGES,
    FigureChange,
    LiveFigure,
    Written,
    changes,
    live_figures,
    with_narrative,
)
from pairsight.servicemap.gaps import PathwayNeed
from pairsight.servicemap.report import services_section
from pairsight.surveys.report import parents_section, workforce_section


def pathway_need(assessment: Assessment) -> PathwayNeed | None:
    """The chosen population estimate's pathway counts, for the service map's capacity.

    Worked out here, above both workstreams, so that neither imports the other.
    """
    scenario = chosen_scenario(assessment)
    need = estimate_for(scenario) if scenario is not None else None
    if need is None:
        return None
    return PathwayNeed(
        targeted=need.row(Pathway.TARGETED).count.value,
        shorter_term_pair=need.row(Pathway.SHORTER_TERM_PAIR).count.value,
        longer_term_pair=need.row(Pathway.LONGER_TERM_PAIR).count.value,
        source=f"the population need estimate {scenario.name!r}" if scenario else "",
        unit=need.unit,
    )


def service_mapping_section(assessment: Assessment) -> Section:
    return services_section(assessment, pathway_need(assessment))


#: Each workstream's section of the report, in reading order. A workstream adds its
#: `report.py` function here; the renderers never change.
SECTION_BUILDERS: list[Callable[[Assessment], Section]] = [
    population_section,
    service_mapping_section,
    interviews_report_section,
    workforce_section,
    parents_section,
    recommendations_section,
    plan_section,
]

fragments = caches["fragments"]

GENERIC_DEMO_NOTICE = "Demonstration assessment: its figures are not a real area's assessment."


def report_settings(assessment: Assessment) -> ReportSettings:
    """The assessment's report settings; the defaults (unsaved) until someone changes them."""
    found = ReportSettings.objects.filter(assessment=assessment).first()
    return found or ReportSettings(assessment=assessment)


def assessment_sections(assessment: Assessment) -> tuple[Section, ...]:
    """The workstreams' own sections, without the team's narrative (and, in a later
    edition, what changed since the previous one)."""
    changes = edition_changes_section(assessment)
    own = tuple(build(assessment) for build in SECTION_BUILDERS)
    return own + ((changes,) if changes is not None else ())


def narratives(assessment: Assessment) -> dict[str, Narrative]:
    return {n.part: n for n in Narrative.objects.filter(assessment=assessment)}


def report_figures(assessment: Assessment) -> dict[str, LiveFigure]:
    """The figures the narrative can cite, with their values now."""
    return live_figures(assessment_sections(assessment))


@dataclass(frozen=True)
class NarrativePart:
    """One part of the report the team writes, as the editor lists it."""

    part: str
    title: str
    hint: str
    narrative: Narrative | None
    changed: tuple[FigureChange, ...]

    @property
    def text(self) -> str:
        return self.narrative.text if self.narrative is not None else ""


def narrative_parts(
    assessment: Assessment, sections: tuple[Section, ...] | None = None
) -> list[NarrativePart]:
    """The executive summary, the key messages and a commentary for each section."""
    sections = sections if sections is not None else assessment_sections(assessment)
    figures = live_figures(sections)
    stored = narratives(assessment)
    wanted = [
        (
            EXECUTIVE_SUMMARY,
            "Executive summary",
            "What the assessment found and what it recommends, for a board to read first.",
        ),
        (
            KEY_MESSAGES,
            "Key messages",
            "Three to five short points, written as a list.",
        ),
    ] + [
        (
            section.key,
            f"Commentary: {section.heading}",
            "What these figures mean for the area, shown at the start of the section.",
        )
        for section in sections
    ]
    parts = []
    for part, title, hint in wanted:
        narrative = stored.get(part)
        moved = changes(narrative.cited, figures) if narrative is not None else []
        parts.append(NarrativePart(part, title, hint, narrative, tuple(moved)))
    return parts


def assessment_report(
    assessment: Assessment,
    *,
    status: Status = Status.DRAFT,
    disclosure: DisclosureRule | None = None,
    date: datetime.date | None = None,
) -> Report:
    """The assessment's report from what is stored now, ready for `build_report`."""
    demo = assessment.is_demo
    birmingham_demo = demo and assessment.area.ons_code == birmingham_figures.AREA_CODE
    notice = DEMO_NOTICE if birmingham_demo else ""
    if demo and not notice:
        notice = GENERIC_DEMO_NOTICE
    return Report(
        title=assessment.title,
        subtitle=f"Conception to age two · assessment period {assessment.period}",
        area=assessment.area.name,
        date=date or timezone.localdate(),
        sections=with_narrative(
            assessment_sections(assessment),
            {part: Written(n.text, n.is_example) for part, n in narratives(assessment).items()},
        ),
        status=status,
        disclosure=disclosure or report_settings(assessment).rule,
        next_steps=DEMO_NEXT_STEPS if birmingham_demo else (),
        data_notice=notice,
    )


def fingerprint(report: Report) -> str:
    """A digest of what the report says, whatever its date or draft status.

    Two reports with the same fingerprint show the same figures, text and sources under the
    same disclosure rule; every value in a report is plain and immutable, so its `repr` is
    a faithful, stable description.
    """
    content = (
        report.title,
        report.subtitle,
        report.area,
        report.sections,
        report.disclosure,
        report.next_steps,
        report.data_notice,
        report.authors,
    )
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()


def current_fingerprint(assessment: Assessment) -> str:
    """The fingerprint of the report as the assessment stands now.

    Working it out means gathering every section, so it is kept per process until the
    assessment changes: every change is written to the audit trail, so the latest audit
    entry (with the assessment's own creation time, as IDs can be reused) marks its state.
    """
    latest = (
        AuditEvent.objects.filter(assessment=assessment).order_by("-id").values("id", "at").first()
    )
    key = "report-fingerprint:" + ":".join(
        str(part)
        for part in (
            assessment.pk,
            assessment.created_at.isoformat(),
            latest["id"] if latest else "",
            latest["at"].isoformat() if latest else "",
        )
    )
    found = fragments.get(key)
    if found is None:
        found = fingerprint(assessment_report(assessment))
        fragments.set(key, found, timeout=3600)
    return str(found)


def is_stale(build: ReportBuild, now: datetime.datetime | None = None) -> bool:
    """An active build whose worker has stopped beating, or that no worker has taken."""
    return bool(jobs.stale_reason(build, now))


def current_build(assessment: Assessment) -> ReportBuild | None:
    """The report people read and download: the latest build that succeeded."""
    return (
        ReportBuild.objects.filter(assessment=assessment, state=ReportBuild.State.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .first()
    )


def latest_build(assessment: Assessment) -> ReportBuild | None:
    builds = ReportBuild.objects.filter(assessment=assessment)
    return builds.order_by("-requested_at", "-id").first()


def builds_signature(assessment: Assessment) -> tuple[tuple[Any, ...], ...]:
    """Every build's state and progress, which move without changing the assessment's data."""
    return tuple(
        ReportBuild.objects.filter(assessment=assessment)
        .order_by("id")
        .values_list("id", "state", "status", "step", "message", "finished_at")
    )


def active_build(assessment: Assessment) -> ReportBuild | None:
    """The build queued or running now, if it has not been interrupted."""
    build = (
        ReportBuild.objects.filter(assessment=assessment, state__in=ReportBuild.ACTIVE)
        .order_by("-requested_at", "-id")
        .first()
    )
    return build if build is not None and not is_stale(build) else None


def last_published_build(assessment: Assessment) -> ReportBuild | None:
    return (
        ReportBuild.objects.filter(
            assessment=assessment,
            state=ReportBuild.State.SUCCEEDED,
            status=ReportBuild.Status.PUBLISHED,
        )
        .order_by("-finished_at", "-id")
        .first()
    )


def reports_folder(assessment_id: int) -> Path:
    """Where an assessment's built reports are kept (one folder per successful build)."""
    return Path(settings.PAIRSIGHT_REPORTS_DIR) / f"assessment-{assessment_id}"


def build_folder(build: ReportBuild) -> Path:
    return reports_folder(build.assessment_id) / f"build-{build.pk}"


@dataclass(frozen=True)
class BuiltFile:
    format: ReportFormat
    path: Path
    size: int

    @property
    def name(self) -> str:
        return self.format.name

    @property
    def details(self) -> str:
        """The file type, unless the label already says it, and the size: "DOCX, 94 KB"."""
        kind = self.format.suffix.lstrip(".").upper()
        return self.size_text if kind in self.format.label.upper() else f"{kind}, {self.size_text}"

    @property
    def size_text(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"


def built_files(build: ReportBuild) -> list[BuiltFile]:
    """The files of a successful build, in the order of `FORMATS`."""
    folder = build_folder(build)
    found = []
    for name, fmt in FORMATS.items():
        entry = build.files.get(name)
        if entry:
            found.append(BuiltFile(fmt, folder / entry["name"], int(entry["size"])))
    return found


def built_file(build: ReportBuild, format_name: str) -> BuiltFile | None:
    return next((f for f in built_files(build) if f.name == format_name), None)


def download_name(build: ReportBuild, format_name: str) -> str:
    """For example pairsight-report-E08000025-2025-03-14-draft.pdf."""
    code = build.assessment.area.ons_code
    suffix = FORMATS[format_name].suffix
    return f"pairsight-report-{code}-{build.report_date.isoformat()}-{build.status}{suffix}"


@dataclass(frozen=True)
class ReportState:
    """Everything the report page shows about the assessment's report."""

    settings: ReportSettings
    #: The report people read and download now (the latest successful build).
    current: ReportBuild | None
    files: list[BuiltFile]
    #: A build queued or running now.
    active: ReportBuild | None
    #: The latest build, when it failed or was interrupted after the current one.
    failed: ReportBuild | None
    published: ReportBuild | None
    #: The stored data (or the disclosure rule) has changed since the current report was built.
    out_of_date: bool

    @property
    def can_publish(self) -> bool:
        """There is a draft, built from the data as it is now, and nothing is building."""
        return (
            self.current is not None
            and not self.current.is_published
            and not self.out_of_date
            and self.active is None
        )


def report_state(assessment: Assessment) -> ReportState:
    current = current_build(assessment)
    latest = latest_build(assessment)
    failed = None
    ended = (ReportBuild.State.FAILED, ReportBuild.State.CANCELLED)
    if latest is not None and (latest.state in ended or is_stale(latest)):
        failed = latest
    out_of_date = current is not None and current.fingerprint != current_fingerprint(assessment)
    return ReportState(
        settings=report_settings(assessment),
        current=current,
        files=built_files(current) if current is not None else [],
        active=active_build(assessment),
        failed=failed,
        published=last_published_build(assessment),
        out_of_date=out_of_date,
    )
