"""`pairsight web ...`: set up the database, load the demo, add people, and serve the app."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pairsight.django_setup import production as _production
from pairsight.django_setup import start_django as _django

web_app = typer.Typer(
    name="web",
    help="The PAIRsight web application.",
    no_args_is_help=True,
    add_completion=False,
)


def _setup_database(*, quiet: bool = True) -> None:
    from django.conf import settings
    from django.core.management import call_command

    verbosity = 0 if quiet else 1
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=verbosity)
    if _production():
        call_command("collectstatic", interactive=False, verbosity=verbosity)
    vendor = Path(settings.WEB_DIR) / "static" / "vendor" / "pairsight.css"
    if not vendor.exists():
        typer.echo(
            "Warning: the web assets have not been built. Run `make assets` "
            "(npm ci, then node scripts/build_assets.mjs).",
            err=True,
        )


def _load_demo() -> tuple[str, str, bool]:
    from pairsight.interviews.demo import add_demo_interviews
    from pairsight.population.demo import load_birmingham_demo
    from pairsight.recommendations.demo import add_demo_recommendations
    from pairsight.reports.demo import add_demo_narrative
    from pairsight.surveys.demo import add_demo_surveys

    demo = load_birmingham_demo(os.environ.get("PAIRSIGHT_DEMO_PASSWORD") or None)
    add_demo_surveys(demo.assessment)
    add_demo_interviews(demo.assessment)
    add_demo_narrative(demo.assessment)
    add_demo_recommendations(demo.assessment)
    return demo.username, demo.password, demo.created


@web_app.command()
def setup() -> None:
    """Create or update the database tables (and collect static files in production)."""
    _django()
    _setup_database(quiet=False)
    typer.echo("The database is ready.")


@web_app.command()
def demo() -> None:
    """Load the Birmingham 2022 demonstration assessment if it is missing; print its login."""
    _django()
    _setup_database()
    username, password, created = _load_demo()
    typer.echo(("Loaded" if created else "Found") + " the Birmingham 2022 demonstration.")
    typer.echo(f"Demo login: user {username}, password {password}")


@web_app.command()
def cleanup() -> None:
    """Remove uploaded files never imported (after a day) and old sign-in counts."""
    _django()
    from pairsight.web.cleanup import clean_up

    done = clean_up()
    typer.echo(
        f"Removed {done.uploads} uploaded file(s) never imported and "
        f"{done.sign_in_counts} old sign-in count(s)."
    )


@web_app.command()
def adduser(
    username: Annotated[str, typer.Argument(help="Sign-in name, usually an email address.")],
    name: Annotated[str, typer.Option(help="Full name.")] = "",
    email: Annotated[str, typer.Option(help="Email address.")] = "",
) -> None:
    """Add a person who can sign in and start assessments (asks for their password)."""
    _django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        typer.echo(f"{username} already exists.", err=True)
        raise typer.Exit(1)
    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = user_model(username=username, email=email or "", first_name=name)
    try:
        validate_password(password, user)
    except ValidationError as error:
        typer.echo("Password not accepted: " + " ".join(error.messages), err=True)
        raise typer.Exit(1) from None
    user.set_password(password)
    user.save()
    typer.echo(f"Added {username}. They can sign in and start an assessment.")


#: Pages answer in well under a second; long work runs in the worker. A request still going
#: after this long is stuck, and gunicorn restarts its process.
PAGE_TIMEOUT_SECONDS = 60


def _worker_command() -> list[str]:
    return [sys.executable, "-m", "django", "job_worker", "--no-reload", "--interval", "1"]


def _gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "pairsight.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        str(PAGE_TIMEOUT_SECONDS),
        "--graceful-timeout",
        "20",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Ask every process to stop (each finishes what it is doing), then make sure."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 30
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


#: A task worker that stops this many times in a row, each sooner than WORKER_MIN_LIFE_SECONDS
#: after its start, cannot run here (a broken setting, a missing table): stop, not loop.
WORKER_MIN_LIFE_SECONDS = 10.0
WORKER_QUICK_STOPS = 3


def _run_together(
    server: list[str], workers: list[list[str]], host: str, port: int, banner: Callable[[], None]
) -> int:
    """Start the web server and the task workers; stop them all when the server stops or on
    Ctrl+C. A task worker that dies (killed, out of memory) is started again: the new one's
    sweep fails the job it was running, and the queue goes on.

    The address is printed only once the server accepts connections.
    """
    web = subprocess.Popen(server)
    running = [(subprocess.Popen(w), w, time.monotonic()) for w in workers]
    quick_stops = [0 for _ in workers]

    def on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        while not _listening(host, port):
            if any(p.poll() is not None for p in [web] + [p for p, _, _ in running]):
                typer.echo("PAIRsight could not start: see the messages above.", err=True)
                return 1
            time.sleep(0.2)
        banner()
        while web.poll() is None:
            for n, (process, command, started) in enumerate(running):
                if process.poll() is None:
                    continue
                quick = time.monotonic() - started < WORKER_MIN_LIFE_SECONDS
                quick_stops[n] = quick_stops[n] + 1 if quick else 0
                if quick_stops[n] >= WORKER_QUICK_STOPS:
                    typer.echo(
                        f"The task worker stopped (status {process.returncode}) "
                        f"{WORKER_QUICK_STOPS} times just after it started: stopping PAIRsight.",
                        err=True,
                    )
                    return 1
                typer.echo(
                    f"The task worker stopped (status {process.returncode}): starting another.",
                    err=True,
                )
                running[n] = (subprocess.Popen(command), command, time.monotonic())
            time.sleep(0.5)
        typer.echo(
            f"The web server stopped (status {web.returncode}): stopping PAIRsight.", err=True
        )
        return 1
    except KeyboardInterrupt:
        typer.echo("\nStopping PAIRsight…")
        return 0
    finally:
        _stop([web] + [p for p, _, _ in running])


@web_app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(envvar="PORT", help="Port to listen on (PORT overrides).")
    ] = 8000,
    workers: Annotated[int, typer.Option(help="Gunicorn worker processes.")] = 2,
    task_workers: Annotated[
        int, typer.Option(help="Processes running background work (report builds, imports).")
    ] = 1,
    with_demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the Birmingham 2022 demo if missing.")
    ] = True,
) -> None:
    """Migrate, load the demo, and serve the app with gunicorn and a background worker."""
    _django()
    _setup_database()
    from pairsight.web.cleanup import clean_up

    clean_up()
    lines = [""]
    if with_demo:
        username, password, created = _load_demo()
        if created:
            lines.append("Loaded the Birmingham 2022 demonstration assessment.")
        lines.append(f"Demo login:  user {username}   password {password}")
        if not os.environ.get("PAIRSIGHT_DEMO_PASSWORD"):
            lines.append("(a new password each start; set PAIRSIGHT_DEMO_PASSWORD to choose one)")

    def banner() -> None:
        for line in lines:
            typer.echo(line)
        typer.echo(f"PAIRsight is running at http://{host}:{port}/  (press Ctrl+C to stop)")
        typer.echo("")
        sys.stdout.flush()

    # The children inherit the data folder, the settings module and the secret key file.
    code = _run_together(
        _gunicorn_command(host, port, workers),
        [_worker_command() for _ in range(max(1, task_workers))],
        host,
        port,
        banner,
    )
    raise typer.Exit(code)


@web_app.command()
def worker() -> None:
    """Run one more background worker (report builds, imports) beside `pairsight web serve`."""
    _django()
    from django.core.management import call_command

    call_command("job_worker", reload=False, interval=1)


def register(app: typer.Typer) -> None:
    app.add_typer(web_app, name="web")
