from fractions import Fraction
from pathlib import Path

import pytest

from pairsight.population import AttachmentClass, Pathway, PresetError, load_split
from pairsight.population.split import edited_split


def test_birmingham_split_is_the_default_and_a_local_assumption():
    split = load_split()
    assert split.name == "birmingham-2022"
    assert split.source.local_assumption
    assert "No published source" in split.source.citation
    assert split.shares[AttachmentClass.INSECURE] == {
        Pathway.INSECURE_UNLIKELY_TO_ACCESS: Fraction(20, 30),
        Pathway.TARGETED: Fraction(8, 30),
        Pathway.SHORTER_TERM_PAIR: Fraction(2, 30),
    }
    assert split.shares[AttachmentClass.DISORGANISED] == {
        Pathway.DISORGANISED_SOCIAL_CARE: Fraction(13, 20),
        Pathway.LONGER_TERM_PAIR: Fraction(7, 20),
    }


def test_a_split_row_that_does_not_add_up_is_rejected_with_its_line(tmp_path: Path):
    text = (
        "name: x\ntitle: X\nsource:\n  citation: local\nsplit:\n  secure:\n    universal: 1\n"
        "  insecure:\n    targeted: '0.5'\n    shorter_term_pair: '0.4'\n"
        "  disorganised:\n    longer_term_pair: 1\n"
    )
    path = tmp_path / "split.yaml"
    path.write_text(text)
    with pytest.raises(PresetError, match=r"split.yaml, line 8: the insecure shares add up to 0.9"):
        load_split(path)


def test_an_unknown_pathway_is_named(tmp_path: Path):
    path = tmp_path / "split.yaml"
    path.write_text(
        "name: x\ntitle: X\nsource:\n  citation: local\nsplit:\n  secure:\n    universl: 1\n"
    )
    with pytest.raises(PresetError, match="line 7: unknown pathway 'universl'"):
        load_split(path)


def test_an_edited_split_is_labelled_local_and_validated():
    base = load_split()
    changed = edited_split(
        base, {AttachmentClass.DISORGANISED: {Pathway.LONGER_TERM_PAIR: Fraction(1)}}
    )
    assert changed.source.local_assumption and "edited" in changed.title
    with pytest.raises(PresetError, match="disorganised shares add up to 0.5"):
        edited_split(
            base, {AttachmentClass.DISORGANISED: {Pathway.LONGER_TERM_PAIR: Fraction(1, 2)}}
        )
