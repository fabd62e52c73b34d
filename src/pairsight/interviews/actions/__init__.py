"""Writes for interviews: one function per use case, each checking the actor's role first,
in a transaction, and recording one audit event.

Transcripts are the most sensitive data PAIRsight holds: only redacted text is stored, and
every read of a transcript is recorded too (`read_transcript`). The use cases live in one
module per idea; this package offers them all under one name.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from pairsight.interviews.actions.codebook import (
    add_category,
    delete_theme,
    export_codebook,
    import_codebook,
    save_theme,
)
from pairsight.interviews.actions.coding import (
    change_excerpt,
    code_answer,
    code_excerpt,
    merge_coding,
    remove_excerpt,
    uncode_answer,
)
from pairsight.interviews.actions.imports import (
    accept_transcript_import,
    cancel_transcript_import,
    start_transcript_import,
)
from pairsight.interviews.actions.transcripts import (
    MAX_PSEUDONYM,
    add_participant,
    delete_transcript,
    read_transcript,
    search_transcripts,
    store_transcript,
)

#: What a use case raises when it refuses: callers outside Django (the commands) catch these.
REFUSED = (PermissionDenied, Http404, ValidationError)

__all__ = [
    "MAX_PSEUDONYM",
    "REFUSED",
    "accept_transcript_import",
    "add_category",
    "add_participant",
    "cancel_transcript_import",
    "change_excerpt",
    "code_answer",
    "code_excerpt",
    "delete_theme",
    "delete_transcript",
    "export_codebook",
    "import_codebook",
    "merge_coding",
    "read_transcript",
    "remove_excerpt",
    "save_theme",
    "search_transcripts",
    "start_transcript_import",
    "store_transcript",
    "uncode_answer",
]
