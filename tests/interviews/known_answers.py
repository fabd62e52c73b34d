"""Published worked examples of agreement statistics, with their sources."""

from __future__ import annotations

# Krippendorff K (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania, departmental paper 43. Section C: four
# observers, twelve units, nominal values with missing data ("." here as None);
# published alpha (nominal) = 0.743.
KRIPPENDORFF_2011_C = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}
KRIPPENDORFF_2011_C_ALPHA = 0.743

# The same paper, section A: two observers, ten units, binary data; published alpha 0.095.
KRIPPENDORFF_2011_A = {
    "A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
}
KRIPPENDORFF_2011_A_ALPHA = 0.095

# Cohen's kappa, Wikipedia "Cohen's kappa" (worked example, 50 grant proposals read by two
# readers: both yes 20, A yes B no 5, A no B yes 10, both no 15): kappa = 0.40. And the
# article's "same percentages, different numbers" pair of tables: (45, 15, 25, 15) gives
# 0.1304 and (25, 35, 5, 35) gives 0.2593. Cells are (yes-yes, yes-no, no-yes, no-no).
COHEN_TABLES = [
    ((20, 5, 10, 15), 0.40),
    ((45, 15, 25, 15), 0.1304),
    ((25, 35, 5, 35), 0.2593),
]


def pairs_from_table(cells: tuple[int, int, int, int]) -> list[tuple[bool, bool]]:
    both, first_only, second_only, neither = cells
    return (
        [(True, True)] * both
        + [(True, False)] * first_only
        + [(False, True)] * second_only
        + [(False, False)] * neither
    )
