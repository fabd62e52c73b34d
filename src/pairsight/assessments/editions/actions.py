"""The editions' use cases: publish an edition, start the next one from it.

Publishing records what the edition showed (every finding and comparable fact the
workstreams offer, frozen by key) and the files it had built; from then on nothing of it
may change (see `editions/access.py`). The next edition is a copy of the published one made
with the backup's machinery (new IDs, same area, the same team), its workstreams marked
"carried from edition N" until their data first changes.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pairsight.assessments import backup
from pairsight.assessments.access import require
from pairsight.assessments.audit import display_name, record_change
from pairsight.assessments.editions.queries import why_no_next_edition
from pairsight.assessments.models import (
    Assessment,
    EditionRecord,
    Membership,
    Role,
)
from pairsight.core import comparable


def _same_title(typed: str, title: str) -> bool:
    return " ".join(typed.split()) == " ".join(title.split())


#: What these use cases raise for input they refuse (a mistyped name; no next edition yet),
#: for the command line, which catches it without importing Django itself.
INVALID = ValidationError


@transaction.atomic
def publish_edition(
    *, actor: User | None, assessment: Assessment, confirm_title: str
) -> EditionRecord:
    """Freeze the assessment as a published edition, with a copy of everything it showed."""
    require(actor, assessment, Role.LEAD)
    if not _same_title(confirm_title, assessment.title):
        raise ValidationError(
            {"confirm_title": f"Type the assessment's name exactly as shown: {assessment.title}"}
        )
    now = timezone.now()
    evidence = [e.frozen() for e in comparable.everything(assessment)]
    files = [
        {"name": name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        for name, path in backup.stored_files(assessment)
    ]
    record = EditionRecord.objects.create(
        assessment=assessment,
        published_at=now,
        published_by=actor,
        published_by_name=display_name(actor),
        evidence=evidence,
        rows=backup.row_counts(assessment),
        report_files=files,
    )
    Assessment.objects.filter(pk=assessment.pk).update(published_at=now)
    assessment.published_at = now
    record_change(
        actor=actor,
        assessment=assessment,
        action="edition published",
        object_type="assessment",
        object_id=assessment.pk,
        summary=f"Published edition {assessment.edition}: it can no longer be changed",
        after={"edition": assessment.edition, "findings": len(evidence), "files": len(files)},
    )
    return record


@transaction.atomic
def start_next_edition(*, actor: User, assessment: Assessment) -> Assessment:
    """The next edition: a copy of the published one that the team brings up to date."""
    require(actor, assessment, Role.LEAD, changes_edition=False)
    problem = why_no_next_edition(assessment)
    if problem:
        raise ValidationError({"assessment": problem})
    edition = Assessment.objects.create(
        title=assessment.title,
        area=assessment.area,
        start_year=assessment.start_year,
        end_year=assessment.end_year,
        is_demo=assessment.is_demo,
        created_by=actor,
        edition=assessment.edition + 1,
        previous_edition=assessment,
    )
    team = list(assessment.memberships.all())
    Membership.objects.bulk_create(
        Membership(
            assessment=edition,
            user_id=m.user_id,
            role=Role.LEAD if m.user_id == actor.pk else m.role,
        )
        for m in team
    )
    # The dashboard's headlines come with the rows (they are part of every backup).
    rows = backup.carry_forward(assessment, edition)
    carried = {app: {"from_edition": assessment.edition, "rows": n} for app, n in rows.items()}
    Assessment.objects.filter(pk=edition.pk).update(carried=carried)
    edition.carried = carried
    record_change(
        actor=actor,
        assessment=edition,
        action="edition started",
        object_type="assessment",
        object_id=edition.pk,
        summary=f"Started edition {edition.edition} from published edition {assessment.edition}",
        after={"previous_edition": assessment.pk, "carried": carried, "team": len(team)},
    )
    return edition
