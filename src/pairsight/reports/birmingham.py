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
from pairsight.reports.narrative import EXECUTIVE_SUMMARY, KEY_MESSAGES, Written, with_narrative

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


#: The demonstration's narrative: an example of what a team writes, labelled as such
#: wherever it shows. Its figures are live: they come from the report's own key figures.
DEMO_EXECUTIVE_SUMMARY = """\
About {{ figure:specialised_need }} children under two in Birmingham are likely to need \
specialised parent-infant relationship (PAIR) support. Existing services see about \
{{ figure:capacity }} families a year, which leaves {{ figure:unmet_need }} without \
specialised help.

The estimate starts from {{ figure:children_under_two }} children under two and the \
high-adversity attachment distribution that Birmingham's 2022 assessment used. How children \
divide between pathways is a local assumption with no published source, so the steering \
group needs to agree it before decisions rest on these figures.

We recommend that the board:

- agrees the pathway split and the estimate it leads to
- asks commissioners to plan specialised PAIR support against the unmet need
- keeps the assessment up to date as new population figures are published
"""

DEMO_KEY_MESSAGES = """\
- {{ figure:unmet_need }} families need specialised PAIR support that existing services \
cannot offer.
- Nearly half of Birmingham's children aged two and under live in the most deprived 10% of \
neighbourhoods in England, where need is likely to be higher.
- The survey findings in this demonstration come from synthetic responses: they are not \
evidence about Birmingham.
"""


def demo_narrative() -> dict[str, Written]:
    return {
        EXECUTIVE_SUMMARY: Written(DEMO_EXECUTIVE_SUMMARY, is_example=True),
        KEY_MESSAGES: Written(DEMO_KEY_MESSAGES, is_example=True),
    }


def demo_sections() -> tuple[Section, ...]:
    need = estimate(birmingham.birmingham_2022_inputs())
    return with_narrative((need_section(need),), demo_narrative())


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
