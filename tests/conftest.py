"""Shared test fixtures: Django (pytest-django), the PostgreSQL pass, and a browser.

`make test` runs the suite on SQLite, then runs the tests that use the database again on
PostgreSQL with `PAIRSIGHT_TEST_DATABASE=postgresql` and `DATABASE_URL` set (.ci/run starts
the server). Browser tests drive Debian's Chromium through Playwright; there is one browser
per test process and one live server, and screenshots go to artefacts/ (git-ignored).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed: on a loaded two-core CI machine a single example
# can take longer than hypothesis' 200 ms default deadline without anything being wrong.
settings.register_profile("pairsight", deadline=None)
settings.load_profile("pairsight")

# Playwright's synchronous API keeps an event loop in the main thread; the ORM calls that
# tests make between browser steps are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[1]
ARTEFACTS = REPO / "artefacts"
#: Every screenshot is taken a second time at a phone's width.
NARROW = 375
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}
POSTGRES_PASS = os.environ.get("PAIRSIGHT_TEST_DATABASE", "").lower() == "postgresql"
# In CI nothing the suite needs may be missing: a skip there hides a test that never ran, so it
# fails instead. Only a skip that says the test belongs to the other database pass is allowed.
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
OTHER_PASS = "Not in this pass:"
# An optional extra (pip install .[semantic]) brings a model of its own; the rest of
# PAIRsight works without it, and CI does not install it. Its tests say so and skip.
OPTIONAL_EXTRA = "Optional extra not installed:"


def _missing_service(message: str) -> None:
    """Leave the PostgreSQL pass: quietly on a laptop, as a failure in CI."""
    if IN_CI:
        pytest.exit(f"PostgreSQL is required in CI and is missing: {message}", returncode=1)
    pytest.exit(f"PostgreSQL pass skipped: {message}", returncode=0)


def _uses_database(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & DATABASE_FIXTURES) or item.get_closest_marker("django_db") is not None


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Real password hashing takes a large fraction of a second by design; tests make many
    # accounts. The hashing itself is Django's and is tested there.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run inside the call that queues them, so a page test sees the work
    # done; tests of the worker itself (tests/assessments/test_tasks.py) start a real one.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PAIRSIGHT_JOB_HEARTBEAT_SECONDS = 0
    # Backups made from the web are files: never in the working copy's data folder.
    settings.PAIRSIGHT_BACKUPS_DIR = Path(tempfile.mkdtemp(prefix="pairsight-test-backups-"))
    # Uploaded transcripts wait in a private folder: never the checkout's var/ in a test.
    settings.PAIRSIGHT_INTERVIEW_UPLOADS_DIR = Path(tempfile.mkdtemp(prefix="interview-uploads-"))
    # Likewise an uploaded recommendations register waiting for the worker, and built reports.
    settings.PAIRSIGHT_RECOMMENDATION_UPLOADS_DIR = Path(
        tempfile.mkdtemp(prefix="recommendation-uploads-")
    )
    settings.PAIRSIGHT_REPORTS_DIR = Path(tempfile.mkdtemp(prefix="pairsight-test-reports-"))
    if not POSTGRES_PASS:
        return
    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        _missing_service("DATABASE_URL does not name a PostgreSQL database.")
    import psycopg

    try:
        psycopg.connect(
            dbname=database["NAME"],
            user=database["USER"] or None,
            password=database["PASSWORD"] or None,
            host=database["HOST"] or None,
            port=database["PORT"] or None,
            connect_timeout=5,
        ).close()
    except psycopg.Error as error:
        _missing_service(f"cannot connect ({error}).")
    # A test database name of this run's own, so that two runs on one server never share
    # (and lock) each other's tables; pytest-django adds the worker's suffix.
    run = getattr(config, "workerinput", {}).get("testrunuid") or uuid.uuid4().hex
    database.setdefault("TEST", {})["NAME"] = f"test_{database['NAME']}_{run[:8]}"


def _in_postgres_pass(item: pytest.Item) -> bool:
    # Browser tests stay in the SQLite pass: a page is the same HTML whichever database
    # serves it, and the queries behind every page run again here through the view tests.
    uses_browser = "browser" in set(getattr(item, "fixturenames", ()))
    # Who may open or post to each address, for every address and kind of person, is decided
    # in Python before any query that could differ; the matrix runs once, on SQLite.
    any_database = item.get_closest_marker("any_database") is not None
    return _uses_database(item) and not uses_browser and not any_database


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not POSTGRES_PASS:
        return
    keep = [item for item in items if _in_postgres_pass(item)]
    dropped = [item for item in items if not _in_postgres_pass(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = keep


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"pairsight: database tests on {engine}"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """On SQLite, test in a database file, as production runs.

    Django's default in-memory test database shares one cache between connections, where
    a second writer is refused at once ("database table is locked") instead of waiting
    its turn; tests that run real threads against the database need the file's locking.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True)
def _empty_cache(request: pytest.FixtureRequest) -> None:
    """Start every test with an empty database cache.

    The cache table is not a model, so neither rollback nor flush empties it between
    tests that commit (live-server tests).
    """
    if not (set(request.fixturenames) & DATABASE_FIXTURES):
        return
    blocker = request.getfixturevalue("django_db_blocker")
    from django.core.cache import cache, caches

    with blocker.unblock():
        cache.clear()
    # Rendered page parts are keyed by row ids, which another test's database reuses.
    caches["fragments"].clear()


@pytest.fixture
def queued_tasks(settings: Any) -> None:
    """Tasks are stored in the database as in production, and left for a worker to run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker(queued_tasks: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    """`run_worker()`: a worker takes every queued task and runs it, as in production.

    It runs inside the test's transaction, on the test's connection: the worker's habit of
    dropping connections it finds outside autocommit (right for a worker process, whose
    database may have closed them) would close the test's own, so it is left out here. The
    tests with real worker processes (tests/assessments/test_tasks.py) keep it.
    """
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> None:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    return run


@pytest.fixture
def worker_thread(queued_tasks: None, live_server: Any) -> Iterator[None]:
    """A worker beside the live server (a thread: they share the in-memory test database)."""
    import threading

    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    stop = threading.Event()

    def work() -> None:
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-tests",
            excluded_queue_names=[],
        )
        try:
            while not stop.wait(0.2):
                worker.running = True
                try:
                    # The worker's own poll takes an exclusive lock, which the shared
                    # in-memory test database refuses to the server's requests at once
                    # (a file database waits): look for work with a plain read first.
                    if DBTaskResult.objects.ready().exists():
                        worker.run()
                except Exception:  # the database was busy: poll again
                    logging.getLogger(__name__).exception("The test worker's poll failed")
        finally:
            connection.close()

    thread = threading.Thread(target=work, name="task-worker", daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=120)


# Browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class BrowserPage:
    """A Playwright page that records console errors (content-security-policy violations
    among them) and saves screenshots to artefacts/."""

    def __init__(self, page: Any, base_url: str, test_name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name)
        self._console: list[str] = []
        page.on(
            "console",
            lambda message: self._console.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: self._console.append(str(error)))
        # The HTTP status of the page now shown (the last document loaded in the main frame).
        self.document_status: int | None = None
        page.on("response", self._note_document)

    def _note_document(self, response: Any) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.document_status = response.status

    @property
    def console_errors(self) -> list[str]:
        """Errors in the browser console, content-security-policy violations among them.

        htmx logs a request it cancels on purpose (a newer update replaced it) as an
        error pair, htmx:afterRequest then htmx:sendAbort; those are left out.
        """
        errors = list(self._console)
        for _ in range(sum(e.startswith("htmx:sendAbort") for e in errors)):
            errors.remove(next(e for e in errors if e.startswith("htmx:sendAbort")))
            cancelled = next((e for e in errors if e.startswith("htmx:afterRequest")), None)
            if cancelled is not None:
                errors.remove(cancelled)
        return errors

    def forget_console_errors(self, starting: str) -> None:
        """Drop errors a test caused on purpose (a page that answers 404 logs one)."""
        self._console = [e for e in self._console if not e.startswith(starting)]

    def take_console_errors(self) -> list[str]:
        """The console errors since the last call, so each page answers for its own."""
        errors = self.console_errors
        self._console = []
        return errors

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def open(self, path: str) -> Any:
        return self.page.goto(self.base_url + path)

    def screenshot_as(self, name: str) -> Path:
        """Save the page as it looks at 1280 px wide and on a 375 px phone screen."""
        folder = ARTEFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.test_name}--{name}.png"
        # caret="initial": hiding the caret leaves style attributes on inputs, which htmx
        # copies onto updated content and the content security policy then refuses.
        self.page.screenshot(path=str(path), full_page=True, caret="initial")
        size = self.page.viewport_size
        if size is not None and size["width"] > NARROW:
            self.page.set_viewport_size({"width": NARROW, "height": size["height"]})
            try:
                self.page.screenshot(
                    path=str(folder / f"{self.test_name}--{name}--{NARROW}px.png"),
                    full_page=True,
                    caret="initial",
                )
            finally:
                self.page.set_viewport_size(size)
        return path

    def sign_in(self, username: str, password: str) -> None:
        self.open("/sign-in/")
        self.page.get_by_label("Email address or username").fill(username)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()

    def axe_violations(self, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
        """Serious and critical accessibility problems axe-core finds on the current page."""
        if not AXE.exists():
            pytest.skip("axe-core is not installed: run npm ci")
        # Evaluated through the DevTools protocol, so the page's CSP does not block it.
        self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        results = self.page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in results["violations"]
            if v["impact"] in impacts
        ]


@pytest.fixture
def browser_page(
    browser: Any, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[BrowserPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    wrapped = BrowserPage(page, live_server.url, request.node.name)
    for old in (ARTEFACTS / "screenshots").glob(f"{wrapped.test_name}--*.png"):
        old.unlink()
    yield wrapped
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        wrapped.screenshot_as("failure")
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        longrepr = report.longrepr
        reason = str(longrepr[2]) if isinstance(longrepr, tuple) else str(longrepr)
        if not reason.removeprefix("Skipped: ").startswith((OTHER_PASS, OPTIONAL_EXTRA)):
            report.outcome = "failed"
            report.longrepr = (
                f"Skipped in CI, where nothing the suite needs may be missing: {reason}"
            )
    return report


# People and assessments ----------------------------------------------------------------

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def make_user(db: None) -> Any:
    from django.contrib.auth import get_user_model

    def make(username: str, *, name: str = "", password: str = PASSWORD) -> Any:
        return get_user_model().objects.create_user(
            username=username,
            email=username if "@" in username else "",
            first_name=name,
            password=password,
        )

    return make


class Team:
    """An assessment with one member in each role (a consultee too), and someone who is not a
    member."""

    def __init__(self, make_user: Any) -> None:
        from pairsight.assessments import actions
        from pairsight.assessments.models import Role

        self.lead = make_user("lead@example.nhs.uk", name="Lena Lead")
        self.editor = make_user("editor@example.nhs.uk", name="Eddie Editor")
        self.viewer = make_user("viewer@example.nhs.uk", name="Vera Viewer")
        self.outsider = make_user("outsider@example.nhs.uk", name="Otto Outsider")
        self.consultee = make_user("consultee@example.org", name="Cora Consultee")
        self.assessment = actions.create_assessment(
            user=self.lead,
            title="Testshire needs assessment 2025",
            area_name="Testshire",
            ons_code="E06000099",
            start_year=2025,
        )
        for user, role in (
            (self.editor, Role.EDITOR),
            (self.viewer, Role.VIEWER),
            (self.consultee, Role.CONSULTEE),
        ):
            actions.add_member(
                actor=self.lead,
                assessment=self.assessment,
                email=user.email,
                full_name=user.first_name,
                role=role,
            )


@pytest.fixture
def team(make_user: Any) -> Team:
    return Team(make_user)


@pytest.fixture
def client_for(client: Any) -> Any:
    """`client_for(user)`: the Django test client signed in as that person."""

    def sign_in(user: Any) -> Any:
        client.force_login(user)
        return client

    return sign_in


DEMO_PASSWORD = "demo-password-for-tests"


@pytest.fixture
def demo(db: None) -> Any:
    from pairsight.population.demo import load_birmingham_demo

    return load_birmingham_demo(DEMO_PASSWORD)


# A server that must not be called ------------------------------------------------------


_RECORDER = """
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = open(sys.argv[1], "a", buffering=1, encoding="utf-8")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        log.write(self.path + "\\n")
        body = b"p { color: red }"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


class RecordingServer:
    """A web server on 127.0.0.1 that records every request made to it: the tests of the
    document renderers check that hostile text makes them fetch nothing.

    It runs in a process of its own: a renderer that holds the interpreter lock while it
    fetches (vl-convert does) would otherwise wait for ever on a server thread."""

    def __init__(self, folder: Path) -> None:
        import subprocess
        import sys

        self._log = folder / "requests.log"
        self._log.touch()
        self._process = subprocess.Popen(
            [sys.executable, "-c", _RECORDER, str(self._log)], stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        self.url = f"http://127.0.0.1:{self._process.stdout.readline().strip()}"

    @property
    def hits(self) -> list[str]:
        return self._log.read_text(encoding="utf-8").splitlines()

    def close(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)


@pytest.fixture
def recording_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RecordingServer]:
    server = RecordingServer(tmp_path_factory.mktemp("recording-server"))
    yield server
    server.close()
