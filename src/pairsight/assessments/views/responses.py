"""What every page of the workspace answers with: form errors in place, and downloads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header


def apply_errors(form: object, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = field if field in form.fields else None  # type: ignore[attr-defined]
            for message in errors:
                form.add_error(target, message)  # type: ignore[attr-defined]
    else:
        for message in error.messages:
            form.add_error(None, message)  # type: ignore[attr-defined]


def download_response(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A file to save: every download of every app is answered through this one helper.

    The file name goes through Django's own header builder, so text in it (a title, a
    version) can never add a parameter of its own to the header.
    """
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response
