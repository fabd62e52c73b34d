from __future__ import annotations

from pairsight.servicemap.gaps import MappedService
from pairsight.servicemap.register import Classification, Focus, Level
from pairsight.servicemap.support_map import SMALLEST, support_map


def test_services_sit_in_their_level_and_focus_with_specialist_at_the_top() -> None:
    layout = support_map(
        [
            MappedService(
                "b group",
                Classification(levels=(Level.UNIVERSAL, Level.TARGETED), focus=Focus.WIDER),
            ),
            MappedService("A clinic", Classification(levels=(Level.UNIVERSAL,), focus=Focus.WIDER)),
            MappedService(
                "PIP team", Classification(levels=(Level.SPECIALIST,), focus=Focus.SPECIALISED)
            ),
            MappedService("New", Classification()),
        ]
    )
    assert [row[0].level for row in layout.rows] == [
        Level.SPECIALIST,
        Level.STATUTORY,
        Level.TARGETED,
        Level.UNIVERSAL,
    ]
    assert layout.rows[0][2].names == ("PIP team",)
    assert layout.rows[3][0].names == ("A clinic", "b group")
    assert layout.rows[2][0].names == ("b group",)
    assert layout.unclassified == ("New",)
    assert layout.type_size == 10.0


def test_type_gets_smaller_and_names_sit_side_by_side_as_cells_fill() -> None:
    many = [
        MappedService(f"Service {n}", Classification(levels=(Level.UNIVERSAL,), focus=Focus.WIDER))
        for n in range(400)
    ]
    # By hand: 20 names at 10 pt take 20 x 12.5 = 250 pt; with the three one-line rows and
    # padding, 327.5 pt of the 620 there are.
    assert (support_map(many[:20]).type_size, support_map(many[:20]).columns) == (10.0, 1)
    # 60 names: 60 x 10.6 = 637.5 pt at 8.5 pt in one column is too tall; two columns fit.
    assert (support_map(many[:60]).type_size, support_map(many[:60]).columns) == (8.5, 2)
    crowded = support_map(many)
    assert crowded.type_size == SMALLEST and not crowded.fits
