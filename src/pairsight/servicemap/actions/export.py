"""The register as a file (ORUK JSON, CSV, XLSX); every download is in the audit trail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.audit import Actor, record_export
from pairsight.assessments.models import Assessment, Role
from pairsight.servicemap import queries
from pairsight.servicemap.exports import oruk_json, register_csv, register_xlsx

EXPORTS = {
    "oruk": ("Open Referral UK JSON", "application/json", "json"),
    "csv": ("CSV", "text/csv; charset=utf-8", "csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


@transaction.atomic
def export_register(*, actor: Actor, assessment: Assessment, file_format: str) -> bytes:
    """The services on the map as a file; the download is recorded in the audit trail."""
    access.require(actor, assessment, Role.VIEWER)
    if file_format not in EXPORTS:
        raise ValidationError({"format": f"{file_format!r} is not one of {', '.join(EXPORTS)}."})
    records = [s.record() for s in queries.mapped_services(assessment)]
    body: bytes
    if file_format == "oruk":
        body = oruk_json(records).encode("utf-8")
    elif file_format == "csv":
        body = ("\ufeff" + register_csv(records)).encode("utf-8")
    else:
        body = register_xlsx(records)
    record_export(
        actor=actor,
        assessment=assessment,
        what=f"the service register ({len(records)} services)",
        file_format=EXPORTS[file_format][0],
        object_type="service register",
        object_id=assessment.pk,
        detail={"services": len(records)},
    )
    return body
