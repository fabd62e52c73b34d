from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pairsight.population import AttachmentClass, PresetError, list_presets, load_preset
from pairsight.population.presets import Convention, preset_names


def test_at_least_the_four_design_presets_ship():
    assert {"standard", "high-adversity", "low-risk", "preschool-meta-analysis"} <= set(
        preset_names()
    )


@pytest.mark.parametrize("name", preset_names())
def test_every_shipped_preset_validates_and_cites_a_source(name):
    preset = load_preset(name)
    assert preset.source.citation
    assert preset.version >= 1
    for distribution in preset.scenarios.values():
        assert sum((distribution.share(c) for c in AttachmentClass), Fraction(0)) == 1


def test_design_figures():
    standard = load_preset("standard")
    assert standard.share_range(AttachmentClass.SECURE) == (Fraction("0.55"), Fraction("0.60"))
    assert standard.share_range(AttachmentClass.INSECURE) == (Fraction("0.25"), Fraction("0.30"))
    assert standard.central.disorganised == Fraction("0.15")
    high = load_preset("high-adversity")
    assert (high.central.secure, high.central.insecure, high.central.disorganised) == (
        Fraction("0.5"),
        Fraction("0.3"),
        Fraction("0.2"),
    )
    assert high.convention is Convention.PER_YEAR_AS_PUBLISHED
    meta = load_preset("preschool-meta-analysis")
    assert meta.central.disorganised == Fraction("0.215")
    assert "Deneault" in meta.source.citation


def test_low_risk_keeps_the_published_figures_beside_the_derived_shares():
    preset = load_preset("low-risk")
    assert preset.published is not None
    assert preset.published.secure == Fraction("0.65")
    assert preset.central.disorganised == Fraction("0.15")
    assert preset.central.secure / preset.central.insecure == Fraction(65, 30)
    assert "110%" in preset.description


def test_list_presets_returns_every_preset():
    assert [p.name for p in list_presets()] == preset_names()


BAD_SHARE = """\
name: broken
version: 1
title: Broken
source:
  citation: Somebody (2020)
scenarios:
  central:
    secure: "0.5"
    insecure: "0.3"
    disorganised: "0.1"
"""


def test_a_preset_whose_shares_do_not_add_up_is_rejected_with_name_and_line(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text(BAD_SHARE)
    with pytest.raises(PresetError) as error:
        load_preset(path)
    message = str(error.value)
    assert "broken.yaml, line 7" in message
    assert "central" in message and "0.9" in message


def test_a_share_that_is_not_a_number_names_its_line(tmp_path: Path):
    path = tmp_path / "words.yaml"
    path.write_text(BAD_SHARE.replace('"0.1"', "a tenth"))
    with pytest.raises(PresetError, match=r"words.yaml, line 10: 'a tenth' is not a share"):
        load_preset(path)


def test_malformed_yaml_is_rejected_with_its_line(tmp_path: Path):
    path = tmp_path / "malformed.yaml"
    path.write_text("name: x\nscenarios: [unclosed\n")
    with pytest.raises(PresetError, match=r"malformed.yaml, line \d"):
        load_preset(path)


def test_a_missing_source_is_rejected(tmp_path: Path):
    path = tmp_path / "nosource.yaml"
    path.write_text(BAD_SHARE.replace("source:\n  citation: Somebody (2020)\n", ""))
    with pytest.raises(PresetError, match="'source' is missing"):
        load_preset(path)


def test_unknown_preset_name_lists_the_choices():
    with pytest.raises(PresetError, match="unknown preset 'nope'; choose one of high-adversity"):
        load_preset("nope")


shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)


def _write_preset(
    folder: Path, secure: Fraction, insecure: Fraction, disorganised: Fraction
) -> Path:
    path = folder / "generated.yaml"
    path.write_text(
        BAD_SHARE.replace('"0.5"', f'"{secure}"')
        .replace('"0.3"', f'"{insecure}"')
        .replace('"0.1"', f'"{disorganised}"')
    )
    return path


@st.composite
def shares_adding_to_one(draw: st.DrawFn) -> tuple[Fraction, Fraction, Fraction]:
    secure = draw(shares)
    insecure = draw(st.fractions(min_value=0, max_value=1 - secure, max_denominator=1000))
    return secure, insecure, 1 - secure - insecure


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shares=shares_adding_to_one())
def test_any_preset_whose_shares_add_to_one_loads_exactly(
    tmp_path: Path, shares: tuple[Fraction, Fraction, Fraction]
):
    secure, insecure, disorganised = shares
    preset = load_preset(_write_preset(tmp_path, secure, insecure, disorganised))
    assert (preset.central.secure, preset.central.insecure, preset.central.disorganised) == shares


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secure=shares, insecure=shares, disorganised=shares)
def test_any_preset_whose_shares_miss_one_is_rejected_with_its_name_and_line(
    tmp_path: Path, secure: Fraction, insecure: Fraction, disorganised: Fraction
):
    assume(secure + insecure + disorganised != 1)
    path = _write_preset(tmp_path, secure, insecure, disorganised)
    with pytest.raises(PresetError, match=r"generated.yaml, line 7: the shares of 'central'"):
        load_preset(path)
