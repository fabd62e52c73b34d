"""`pairsight web ...`: set up the database, load the demo, add people, and serve the app."""

from __future__ import annotations

import os
import sys
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
    from pairsight.population.demo import load_birmingham_demo
    from pairsight.recommendations.demo import add_demo_recommendations
    from pairsight.surveys.demo import add_demo_surveys

    demo = load_birmingham_demo(os.environ.get("PAIRSIGHT_DEMO_PASSWORD") or None)
    add_demo_surveys(demo.assessment)
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


@web_app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(envvar="PORT", help="Port to listen on (PORT overrides).")
    ] = 8000,
    workers: Annotated[int, typer.Option(help="Gunicorn worker processes.")] = 2,
    with_demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the Birmingham 2022 demo if missing.")
    ] = True,
) -> None:
    """Migrate, load the demo, print the demo login and serve the app with gunicorn."""
    _django()
    _setup_database()
    address = f"http://{host}:{port}/"
    typer.echo("")
    if with_demo:
        username, password, created = _load_demo()
        if created:
            typer.echo("Loaded the Birmingham 2022 demonstration assessment.")
        typer.echo(f"Demo login:  user {username}   password {password}")
        if not os.environ.get("PAIRSIGHT_DEMO_PASSWORD"):
            typer.echo("(a new password each start; set PAIRSIGHT_DEMO_PASSWORD to choose one)")
    typer.echo(f"PAIRsight is running at {address}  (press Ctrl+C to stop)")
    typer.echo("")
    sys.stdout.flush()
    arguments = [
        sys.executable,
        "-m",
        "gunicorn",
        "pairsight.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    os.execv(sys.executable, arguments)


def register(app: typer.Typer) -> None:
    app.add_typer(web_app, name="web")
