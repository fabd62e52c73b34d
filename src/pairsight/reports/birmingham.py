"""The demonstration report: Birmingham's 2022 population figures, rebuilt by PAIRsight.

Only figures from Birmingham's published summary are used; everything else a real
assessment would add (services, surveys, interviews) is left out rather than invented.
"""

from __future__ import annotations

import datetime

from pairsight.core.disclosure import DisclosureRule
from pairsight.core.document import Report, Section, Status
from pairsight.population import birmingham
from pairsight.population.estimate import estimate
from pairsight.population.section import need_section

TITLE = "Parent-infant relationship needs assessment"

DEMO_NOTICE = (
    "Demonstration report. The population figures reproduce Birmingham's 2022 needs "
    "assessment (Nuttall & Mitchell Meades, 27 April 2022) from its published summary. "
    "Any workforce or parents' survey findings in it come from SYNTHETIC responses, "
    "generated to match the proportions the summary reports: they are not real survey "
    "responses. Service mapping and interviews are not included."
)

DEMO_NEXT_STEPS = (
    "Check the number of children under two against the latest ONS mid-year estimates.",
    "Agree the pathway split with the steering group: it is a local assumption with no "
    "published source.",
    "Confirm how many families existing specialised services see each year.",
    "Add the service mapping, workforce and parents' views to complete the assessment.",
)


def demo_sections() -> tuple[Section, ...]:
    need = estimate(birmingham.birmingham_2022_inputs())
    return (need_section(need, capacity_source=birmingham.SOURCE),)


def demo_report(
    *,
    date: datetime.date | None = None,
    status: Status = Status.DRAFT,
    disclosure: DisclosureRule = DisclosureRule.NHS,
) -> Report:
    return Report(
        title=TITLE,
        subtitle="Population need for parent-infant relationship support",
        area=birmingham.AREA_NAME,
        date=date or datetime.date.today(),
        sections=demo_sections(),
        status=status,
        disclosure=disclosure,
        next_steps=DEMO_NEXT_STEPS,
        data_notice=DEMO_NOTICE,
    )
