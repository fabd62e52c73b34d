"""Long work of the service mapping: reading, triaging and storing a feed.

From the pages an import runs in the worker: `start_feed_import` stores what the person gave
(a file's content or a web address) and queues `run_feed_import`; the worker fetches the
feed page by page (only now, because a person asked), reads it, triages every service and
stores them in one transaction, or nothing. `cancel_feed_import` stops it before it stores;
a job whose worker died is failed by `expire_stale_feed_imports`, called by the pages.

`import_feed` is the same import in the foreground, for `pairsight services import`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django_tasks import task

from pairsight.assessments import access
from pairsight.assessments import queries as assessment_queries
from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import Actor, display_name, record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.servicemap import actions
from pairsight.servicemap.feed_url import DEFAULT_LIMITS, FetchLimits, read_feed_url
from pairsight.servicemap.models import FeedImport, ServiceSource
from pairsight.servicemap.oruk import FeedError, FeedRead, read_feed
from pairsight.servicemap.postcodes import PostcodesIo
from pairsight.servicemap.spreadsheet import read_spreadsheet
from pairsight.servicemap.triage import triage

SPREADSHEET_SUFFIXES = (".csv", ".xlsx")
STEPS = 3


@dataclass(frozen=True)
class FeedRequest:
    """What a person asked to import: a file's content and name, or a web address."""

    name: str
    content: bytes | None = None
    url: str = ""
    synthetic: bool = False


def _request_of(job: FeedImport) -> FeedRequest:
    content = None if job.content is None else bytes(job.content)
    return FeedRequest(name=job.name, content=content, url=job.url, synthetic=job.synthetic)


def fetch_limits() -> FetchLimits:
    """The limits of a fetch; the timeout can be set (`PAIRSIGHT_FEED_TIMEOUT_SECONDS`)."""
    timeout = getattr(settings, "PAIRSIGHT_FEED_TIMEOUT_SECONDS", None)
    if timeout is None:
        return DEFAULT_LIMITS
    return FetchLimits(
        timeout_seconds=float(timeout),
        max_bytes_per_page=DEFAULT_LIMITS.max_bytes_per_page,
        max_pages=DEFAULT_LIMITS.max_pages,
        per_page=DEFAULT_LIMITS.per_page,
    )


def read_request(
    *,
    actor: Actor,
    assessment: Assessment,
    request: FeedRequest,
    limits: FetchLimits,
    on_page: Callable[[int], None] | None = None,
) -> tuple[FeedRead, str]:
    """The services a request holds and the kind of source; raises FeedError."""
    if request.url:
        # Checked before the network is touched: a viewer never makes PAIRsight fetch anything.
        access.require(actor, assessment, Role.EDITOR)
        return read_feed_url(
            request.url, limits=limits, on_page=on_page
        ), ServiceSource.Kind.ORUK_URL
    if request.name.lower().endswith(SPREADSHEET_SUFFIXES):
        return read_spreadsheet(
            request.content or b"", request.name
        ), ServiceSource.Kind.SPREADSHEET
    return read_feed(request.content or b"", request.name), ServiceSource.Kind.ORUK_FILE


def import_feed(
    *,
    actor: Actor,
    assessment: Assessment,
    request: FeedRequest,
    limits: FetchLimits = DEFAULT_LIMITS,
) -> ServiceSource:
    """Read, triage and store one feed or spreadsheet; raises FeedError or ValidationError
    with a message for the person, and then nothing is stored."""
    read, kind = read_request(actor=actor, assessment=assessment, request=request, limits=limits)
    return actions.import_services(
        actor=actor,
        assessment=assessment,
        kind=kind,
        source_name=request.url or request.name,
        read=read,
        synthetic=request.synthetic,
    )


@transaction.atomic
def start_feed_import(*, actor: User, assessment: Assessment, request: FeedRequest) -> FeedImport:
    """Queue the import of a file or web address; the worker fetches, reads and stores it."""
    access.require(actor, assessment, Role.EDITOR)
    expire_stale_feed_imports(assessment)
    running = FeedImport.objects.filter(assessment=assessment, state__in=jobs.ACTIVE).first()
    if running is not None:
        raise ValidationError(
            {
                "feed": f"{running.name} is being imported (started by "
                f"{running.requested_by_name}). Wait for it to finish, or cancel it."
            }
        )
    try:
        with transaction.atomic():
            job = FeedImport.objects.create(
                assessment=assessment,
                name=(request.url or request.name)[:500],
                url=request.url[:2000],
                content=None if request.url else (request.content or b""),
                synthetic=request.synthetic,
                requested_by=actor,
                requested_by_name=display_name(actor),
            )
    except IntegrityError:
        # Another person's import started between the check above and this one.
        raise ValidationError(
            {"feed": "Another import has just started. Wait for it to finish."}
        ) from None
    record_change(
        actor=actor,
        assessment=assessment,
        action="services import queued",
        object_type="service import job",
        object_id=job.pk,
        summary=f"Started importing services from {job.name}",
        after={"source": job.name, "web address": bool(job.url)},
    )
    jobs.enqueue(job, run_feed_import)
    return job


@transaction.atomic
def retry_feed_import(*, actor: User, job: FeedImport) -> FeedImport:
    """Import again what a failed or cancelled import was given."""
    access.require(actor, job.assessment, Role.EDITOR)
    if not job.can_retry:
        raise ValidationError({"feed": "This import cannot be tried again: start a new one."})
    request = _request_of(job)
    again = start_feed_import(actor=actor, assessment=job.assessment, request=request)
    # The new job holds the content now; one copy is enough.
    FeedImport.objects.filter(pk=job.pk).update(content=None)
    return again


@transaction.atomic
def cancel_feed_import(*, actor: User, job: FeedImport) -> FeedImport:
    """Stop an import: at once if it is waiting, before it stores anything if running."""
    access.require(actor, job.assessment, Role.EDITOR)
    if jobs.request_cancel(job):
        _record_cancelled(job, actor)
    return job


def _record_cancelled(job: FeedImport, actor: Actor) -> None:
    record_change(
        actor=actor,
        assessment=job.assessment,
        action="services import cancelled",
        object_type="service import job",
        object_id=job.pk,
        summary=f"Cancelled the import of {job.name}: nothing was stored",
        after={"source": job.name},
    )


def fail_feed_import(job: FeedImport, reason: str, *, bad_feed: bool = False) -> None:
    """Record (and audit) an import that stored nothing, unless it already ended.

    A feed that cannot be read is not kept (nothing of it is stored; trying it again would
    fail again); a job whose worker died keeps it, to be tried again.
    """
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        if bad_feed:
            locked.content = None
            locked.save(update_fields=["content"])
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        record_change(
            actor=locked.requested_by,
            assessment=job.assessment,
            action="services import failed",
            object_type="service import job",
            object_id=job.pk,
            summary=f"Could not import {job.name}: nothing was stored. {reason}"[:2000],
            after={"source": job.name},
        )
    job.refresh_from_db()


def expire_stale_feed_imports(assessment: Assessment) -> list[FeedImport]:
    """Mark failed (and audit) an import whose worker has stopped."""
    return jobs.expire_stale(FeedImport.objects.filter(assessment=assessment), fail_feed_import)


@task()
def run_feed_import(job_id: int) -> None:
    """Import a queued feed (`start_feed_import` queues it)."""
    jobs.run_job(
        FeedImport,
        job_id,
        starting="Starting",
        work=_import,
        on_failure=fail_feed_import,
        on_cancel=_cancelled,
    )


def _import(job: FeedImport) -> None:
    actor = job.requested_by
    if actor is None:
        fail_feed_import(job, "the person who asked for it no longer has an account.")
        return
    request = _request_of(job)

    def fetching(number: int) -> None:
        jobs.report_progress(FeedImport, job.pk, f"Fetching page {number} of the feed", 1, STEPS)

    jobs.report_progress(
        FeedImport, job.pk, "Fetching the feed" if job.url else "Reading the file", 1, STEPS
    )
    try:
        # The long part, outside any transaction: other people's saves go on meanwhile.
        read, kind = read_request(
            actor=actor,
            assessment=job.assessment,
            request=request,
            limits=fetch_limits(),
            on_page=fetching if job.url else None,
        )
        count = len(read.services)
        jobs.report_progress(FeedImport, job.pk, f"Triaging {count:,} services", 2, STEPS)
        proposals = triage(read.services)
        # The last moment a cancel is honoured: from here the services are stored.
        jobs.report_progress(FeedImport, job.pk, f"Storing {count:,} services", 3, STEPS)
        with transaction.atomic():
            locked = jobs.locked_if_active(job)
            if locked is None:
                return
            source = actions.import_services(
                actor=actor,
                assessment=job.assessment,
                kind=kind,
                source_name=job.name,
                read=read,
                synthetic=job.synthetic,
                proposals=proposals,
            )
            locked.source = source
            locked.services_read = source.services_read
            locked.services_added = source.services_added
            locked.services_updated = source.services_updated
            locked.services_proposed = source.services_proposed
            locked.content = None
            locked.step = locked.steps = STEPS
            locked.save()
            jobs.finish(locked, jobs.JobState.SUCCEEDED)
    except FeedError as error:
        fail_feed_import(job, str(error), bad_feed=True)
    except ValidationError as error:
        fail_feed_import(job, " ".join(error.messages), bad_feed=True)
    except (PermissionDenied, Http404) as error:
        fail_feed_import(job, f"{display_name(actor)} may no longer import services ({error}).")


def _cancelled(job: FeedImport) -> None:
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.CANCELLED)
        _record_cancelled(locked, job.requested_by)


def postcodes_io() -> PostcodesIo:
    """postcodes.io with its answers cached in the data folder (asked once per postcode)."""
    return PostcodesIo(cache_file=settings.DATA_DIR / "cache" / "postcodes-io.json")


def import_for_command(*, assessment_id: int, username: str, request: FeedRequest) -> ServiceSource:
    """`pairsight services import`: the same import, every refusal as one FeedError message."""
    try:
        assessment = assessment_queries.assessment_by_id(assessment_id)
        member = assessment_queries.member_by_username(assessment, username)
        return import_feed(actor=member, assessment=assessment, request=request)
    except LookupError as error:
        raise FeedError(str(error)) from None
    except ValidationError as error:
        raise FeedError(" ".join(error.messages)) from None
    except (PermissionDenied, Http404) as error:
        raise FeedError(f"--user {username}: {error}") from None
