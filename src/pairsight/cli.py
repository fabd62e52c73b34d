"""The `pairsight` command: one Typer app, one sub-command module per workstream."""

from __future__ import annotations

import typer

from pairsight.assessments.commands import register as register_assessments
from pairsight.interviews.commands import register as register_interviews
from pairsight.officialdata.commands import register as register_official_data
from pairsight.population.commands import register as register_population
from pairsight.recommendations.commands import register as register_recommendations
from pairsight.reports.commands import register as register_reports
from pairsight.servicemap.commands import register as register_services
from pairsight.surveys.commands import register as register_surveys
from pairsight.web.commands import register as register_web

app = typer.Typer(
    name="pairsight",
    help="Parent-infant relationship (PAIR) needs assessment for a local area.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each workstream adds its own commands; a new workstream adds one line here.
register_population(app)
register_official_data(app)
register_recommendations(app)
register_reports(app)
register_surveys(app)
register_services(app)
register_interviews(app)
register_web(app)
register_assessments(app)


def main() -> None:
    app()
