"""What a web process does once as it starts, so the first person to open a page does not
wait for it: import every page's code (and with it pandas and Altair) and start the chart
renderer. gunicorn's workers do this as they boot, before they take requests."""

from __future__ import annotations

import logging

from django.urls import get_resolver

from pairsight.core.charts import start_renderer

logger = logging.getLogger(__name__)


def warm_up() -> None:
    # Reading the URL patterns imports every view module; an error there should stop the
    # process now rather than greet the first person.
    get_resolver().url_patterns  # noqa: B018
    try:
        start_renderer()
    except ValueError:
        # Pages without charts still serve; a chart page will report the renderer's error.
        logger.exception("The chart renderer did not start")
