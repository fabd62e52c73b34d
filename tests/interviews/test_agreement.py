"""Agreement statistics against published worked examples (within 0.001)."""

from __future__ import annotations

import pytest

from pairsight.interviews.agreement import (
    AgreementError,
    Coding,
    agreement,
    cohen_kappa,
    krippendorff_alpha_nominal,
    read_codings,
)
from tests.interviews.known_answers import (
    COHEN_TABLES,
    KRIPPENDORFF_2011_A,
    KRIPPENDORFF_2011_A_ALPHA,
    KRIPPENDORFF_2011_C,
    KRIPPENDORFF_2011_C_ALPHA,
    pairs_from_table,
)


def _by_unit(table: dict[str, list[int | None]]) -> dict[str, dict[str, object]]:
    units: dict[str, dict[str, object]] = {}
    for coder, values in table.items():
        for index, value in enumerate(values, start=1):
            if value is not None:
                units.setdefault(f"u{index}", {})[coder] = value
    return units


@pytest.mark.parametrize(
    ("table", "published"),
    [
        (KRIPPENDORFF_2011_C, KRIPPENDORFF_2011_C_ALPHA),
        (KRIPPENDORFF_2011_A, KRIPPENDORFF_2011_A_ALPHA),
    ],
    ids=["four-observers-missing-data", "two-observers-binary"],
)
def test_alpha_matches_krippendorffs_worked_examples(
    table: dict[str, list[int | None]], published: float
) -> None:
    alpha = krippendorff_alpha_nominal(_by_unit(table))
    assert alpha == pytest.approx(published, abs=0.001)


@pytest.mark.parametrize(("cells", "published"), COHEN_TABLES)
def test_kappa_matches_published_examples(
    cells: tuple[int, int, int, int], published: float
) -> None:
    assert cohen_kappa(pairs_from_table(cells)) == pytest.approx(published, abs=0.001)


def test_kappa_is_undefined_when_both_coders_never_use_the_code() -> None:
    assert cohen_kappa([(False, False)] * 5) is None


def test_codes_per_theme_from_a_coding_file() -> None:
    # Two coders, four excerpts; worked by hand for "barriers": coder A applied it to
    # u1, u2; B to u1, u3. Units both coded: u1..u4. Pairs (A,B): (1,1),(1,0),(0,1),(0,0):
    # po = 0.5, pe = 0.5*0.5 + 0.5*0.5 = 0.5, kappa = 0.
    rows = [
        ("u1", "A", "barriers"),
        ("u1", "B", "barriers"),
        ("u2", "A", "barriers"),
        ("u2", "B", "covid"),
        ("u3", "A", "covid"),
        ("u3", "B", "barriers"),
        ("u4", "A", "covid"),
        ("u4", "B", "covid"),
    ]
    result = agreement(Coding(*row) for row in rows)
    kappas = {theme.code: theme.kappa for theme in result.themes}
    assert kappas["barriers"] == pytest.approx(0.0, abs=1e-9)
    assert kappas["covid"] == pytest.approx(0.0, abs=1e-9)
    assert result.coders == ("A", "B")
    # One code each per unit, so alpha is the nominal alpha of A=[b,b,c,c], B=[b,c,b,c]:
    # coincidences b-b 2, c-c 2, b-c 2, c-b 2 over n=8; De = (4*4*2)/7; Do = 4;
    # alpha = 1 - 4 / (32/7) = 1 - 7/8 = 0.125.
    assert result.alpha == pytest.approx(0.125, abs=1e-9)


def test_read_codings_names_the_row_with_an_empty_cell() -> None:
    with pytest.raises(AgreementError, match="Row 3: the coder column is empty"):
        read_codings("unit,coder,code\nu1,A,x\nu2,,x\n")


def test_read_codings_names_missing_columns() -> None:
    with pytest.raises(AgreementError, match="no column code"):
        read_codings("unit,coder\nu1,A\n")
