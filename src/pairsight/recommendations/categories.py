"""The default category list of a recommendations register.

Birmingham's 2022 needs assessment grouped its 38 recommendations into these nine
categories (the summary in the shared reference folder lists them). A team edits its own
list; these are where it starts. "FTB" is Birmingham's Forward Thinking Birmingham service.
"""

from __future__ import annotations

BIRMINGHAM_CATEGORIES: tuple[str, ...] = (
    "Improving the connectedness and inter-agency knowledge of current services supporting "
    "the parent-infant relationship",
    "Improving access to current services (supporting Right Help Right Time)",
    "Co-ordinating first 1001 days provision to create a parent-infant relationships system",
    "Training the workforce",
    "Strengthening identification and assessment of parent-infant relationship difficulties",
    "Developing universal services",
    "Specific to FTB (current provision)",
    "FTB and wider services/commissioners: creating specialised parent-infant relationship support",
    "Raising public awareness of the importance of the parent-infant relationship",
)
