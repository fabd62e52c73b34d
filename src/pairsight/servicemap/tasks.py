"""Long work of the service mapping: reading and storing a feed.

`import_feed` is the whole import in one plain function (read the file or fetch the web
address page by page, triage, store) so that a background task can call it as it is. The
django-tasks framework is not on this branch yet: until it is, the import page calls it
directly; once it lands, the view enqueues a task whose body is this call.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from pairsight.assessments import queries as assessment_queries
from pairsight.assessments.audit import Actor
from pairsight.assessments.models import Assessment
from pairsight.servicemap import actions
from pairsight.servicemap.feed_url import DEFAULT_LIMITS, FetchLimits, read_feed_url
from pairsight.servicemap.models import ServiceSource
from pairsight.servicemap.oruk import FeedError, read_feed
from pairsight.servicemap.postcodes import PostcodesIo
from pairsight.servicemap.spreadsheet import read_spreadsheet

SPREADSHEET_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class FeedRequest:
    """What a person asked to import: a file's content and name, or a web address."""

    name: str
    content: bytes | None = None
    url: str = ""
    synthetic: bool = False


def import_feed(
    *,
    actor: Actor,
    assessment: Assessment,
    request: FeedRequest,
    limits: FetchLimits = DEFAULT_LIMITS,
) -> ServiceSource:
    """Read, triage and store one feed or spreadsheet; raises FeedError or ValidationError
    with a message for the person, and then nothing is stored."""
    if request.url:
        # Checked before the network is touched: a viewer never makes PAIRsight fetch anything.
        from pairsight.assessments import access
        from pairsight.assessments.models import Role

        access.require(actor, assessment, Role.EDITOR)
        read = read_feed_url(request.url, limits=limits)
        kind = ServiceSource.Kind.ORUK_URL
    elif request.name.lower().endswith(SPREADSHEET_SUFFIXES):
        read = read_spreadsheet(request.content or b"", request.name)
        kind = ServiceSource.Kind.SPREADSHEET
    else:
        read = read_feed(request.content or b"", request.name)
        kind = ServiceSource.Kind.ORUK_FILE
    return actions.import_services(
        actor=actor,
        assessment=assessment,
        kind=kind,
        source_name=request.url or request.name,
        read=read,
        synthetic=request.synthetic,
    )


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
