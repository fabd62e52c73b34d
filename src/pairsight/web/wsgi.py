"""WSGI entry point: `gunicorn pairsight.web.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pairsight.web.settings")

application = get_wsgi_application()

from pairsight.web.warm import warm_up  # noqa: E402  (needs the settings loaded above)

warm_up()
