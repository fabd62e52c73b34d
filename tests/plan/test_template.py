"""The template plan spans six months from the chosen start and covers every workstream."""

from __future__ import annotations

import datetime

from pairsight.plan.template import WORKSTREAMS, template_plan


def test_the_template_runs_six_months_from_the_start() -> None:
    start = datetime.date(2026, 1, 5)
    plan = template_plan(start)
    assert plan[0].due == start
    # 26 weeks after 5 January 2026, counted on the calendar: 6 July 2026.
    assert max(m.due for m in plan) == datetime.date(2026, 7, 6)
    assert [m.due for m in plan] == sorted(m.due for m in plan)


def test_every_workstream_has_a_milestone_and_consultation_comes_before_the_report() -> None:
    plan = template_plan(datetime.date(2026, 1, 5))
    assert {m.workstream for m in plan} == {value for value, _ in WORKSTREAMS}
    consulted = next(m.due for m in plan if "Consultation" in m.title)
    published = next(m.due for m in plan if "published" in m.title)
    assert consulted < published
