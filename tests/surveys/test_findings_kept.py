"""The survey findings page is kept until the assessment's data changes: responses stored by
an import job in the worker show on the next load."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pairsight.surveys.responses import SurveyResponses

from .test_tasks import queue_import
from .test_views import signed_in, text_of, upload

pytestmark = pytest.mark.django_db


def test_responses_stored_by_an_import_job_show_on_the_next_load(
    team: Any,
    workforce: Any,
    practitioners: SurveyResponses,
    forms_export: Callable[..., bytes],
    run_worker: Callable[[], None],
) -> None:
    client = signed_in(team.viewer)
    url = f"/assessments/{team.assessment.pk}/surveys/workforce/findings/"
    before = text_of(client.get(url))
    assert text_of(client.get(url)) == before  # kept, and the same
    assert "89" not in before

    editor = signed_in(team.editor)
    upload(editor, workforce, forms_export(practitioners))
    queue_import(editor, workforce, run_worker)
    run_worker()

    after = text_of(signed_in(team.viewer).get(url))
    assert after != before
    assert "89 responses" in after or "89 people" in after, after[:2000]
