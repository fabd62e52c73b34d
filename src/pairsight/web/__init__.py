"""The Django project: settings, root URLs, sign-in, base templates and static assets."""
