from __future__ import annotations

from fractions import Fraction

from pairsight.servicemap.matrix import build_matrix, matrix_rows
from pairsight.servicemap.register import Classification, Focus, Level

W, A, S = Focus.WIDER, Focus.ADDITIONAL, Focus.SPECIALISED
U, T, ST, SP = Level.UNIVERSAL, Level.TARGETED, Level.STATUTORY, Level.SPECIALIST


def c(levels: tuple[Level, ...], focus: Focus | None) -> Classification:
    return Classification(levels=levels, focus=focus)


# Birmingham-like: six services, four non-specialised and two with an additional focus.
SERVICES = [
    c((U,), W),
    c((U,), W),
    c((U, T), W),
    c((T,), W),
    c((T,), A),
    c((ST, SP), A),
    c((), W),  # not classified: no level
]


def test_counts_by_level_and_focus() -> None:
    m = build_matrix(SERVICES)
    assert m.services == 6 and m.unclassified == 1
    # By hand: universal 3 wider; targeted 2 wider + 1 additional; statutory and specialist
    # 1 additional each (the last service works at both levels).
    assert m.counts[U] == {W: 3, A: 0, S: 0}
    assert m.counts[T] == {W: 2, A: 1, S: 0}
    assert m.counts[ST] == {W: 0, A: 1, S: 0}
    assert m.counts[SP] == {W: 0, A: 1, S: 0}
    assert m.by_focus == {W: 4, A: 2, S: 0}


def test_shares_count_each_service_once() -> None:
    m = build_matrix(SERVICES)
    assert m.share(W) == Fraction(2, 3) and m.share(A) == Fraction(1, 3)
    assert (
        m.headline()
        == "6 services: 67% non-specialised (wider aims), 33% additional parent-infant focus"
    )
    assert matrix_rows(m)[-1] == ("Share of services", "67%", "33%", "0%", "100%")


def test_an_empty_register_says_so() -> None:
    m = build_matrix([])
    assert m.headline() == "No services classified yet" and m.share(W) is None
