"""A web process loads every page's code and the chart renderer as it starts."""

from __future__ import annotations

import os
import subprocess
import sys


def test_the_wsgi_application_starts_with_every_page_and_the_renderer_loaded() -> None:
    probe = (
        "import sys\n"
        "import pairsight.web.wsgi\n"
        "from pairsight.core import charts\n"
        "loaded = [m for m in ('pairsight.surveys.views.findings', "
        "'pairsight.reports.views', 'altair') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "pairsight.web.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == "pairsight.surveys.views.findings,pairsight.reports.views,altair"
    )
