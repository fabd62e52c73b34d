"""Codebooks: REFI-QDA and CSV round trips, Taguette's files, the starter codebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairsight.interviews.codebook import (
    BIRMINGHAM_2022_CATEGORIES,
    Category,
    Codebook,
    CodebookError,
    Theme,
    from_csv,
    from_qdc,
    starter_codebook,
    to_csv,
    to_qdc,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _sample() -> Codebook:
    return Codebook(
        (
            Category(
                "Barriers for families",
                "What stops families asking for help",
                (
                    Theme(
                        "Fear of judgement",
                        "Worry that professionals will judge the parent",
                        "I didn't want them to think I couldn't cope",
                        "#D5281B",
                    ),
                    Theme("Not knowing where to go", "No clear route to help"),
                ),
            ),
            Category("Impacts of covid", themes=(Theme("Phone contacts", example="=cmd"),)),
            Category('"Think Family"'),
        )
    )


def test_refi_qda_export_then_import_is_identical() -> None:
    codebook = _sample()
    assert from_qdc(to_qdc(codebook)) == codebook


def test_csv_export_then_import_keeps_every_theme() -> None:
    codebook = _sample()
    again = from_csv(to_csv(codebook))
    assert [c.name for c in again.categories] == [c.name for c in codebook.categories]
    assert [(t.name, t.definition, t.colour, t.guid) for t in again.themes()] == [
        (t.name, t.definition, t.colour, t.guid) for t in codebook.themes()
    ]


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    assert "\n" + "Impacts of covid,Phone contacts,,'=cmd," in to_csv(_sample())


def test_a_codebook_written_by_taguette_imports() -> None:
    codebook = from_qdc((FIXTURES / "taguette_codebook.qdc").read_bytes())
    assert codebook.origin == "Taguette 1.4.1"
    assert [c.name for c in codebook.categories] == ["Uncategorised"]
    assert [t.name for t in codebook.themes()] == [
        "barriers",
        "fear of judgement",
        "interesting.bright",
    ]
    assert codebook.themes()[0].guid == "2C1C3F4E-4A8B-5D5F-9A0B-7E0B2A4F6C11"


def test_nested_codes_deeper_than_themes_are_named_by_path() -> None:
    qdc = (
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        b'<Code guid="A" name="Barriers" isCodable="true">'
        b'<Code guid="B" name="Stigma" isCodable="true">'
        b'<Code guid="C" name="From family" isCodable="true"/></Code></Code>'
        b"</Codes></CodeBook>"
    )
    codebook = from_qdc(qdc)
    assert [t.name for t in codebook.themes()] == ["Stigma", "Stigma / From family"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<notxml", "Not a REFI-QDA codebook"),
        (b"<Project xmlns='urn:QDA-XML:project:1.0'/>", "root element is 'Project'"),
        (
            b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="X"/></Codes>'
            b"</CodeBook>",
            "guid X",
        ),
    ],
)
def test_bad_qdc_files_say_what_is_wrong(content: bytes, message: str) -> None:
    with pytest.raises(CodebookError, match=message):
        from_qdc(content)


def test_entities_in_a_qdc_are_not_expanded() -> None:
    qdc = (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        b'<Code guid="A" name="T" isCodable="true"><Description>&x;</Description></Code>'
        b"</Codes></CodeBook>"
    )
    codebook = from_qdc(qdc)
    assert "root:" not in codebook.themes()[0].definition


def test_csv_without_a_category_column_is_refused() -> None:
    with pytest.raises(CodebookError, match="no 'category' column"):
        from_csv("theme\nA\n")


def test_csv_row_with_an_empty_category_names_the_line() -> None:
    with pytest.raises(CodebookError, match="Line 3: the category is empty"):
        from_csv("category,theme\nA,B\n,C\n")


def test_starter_codebook_has_the_categories_of_birminghams_summary() -> None:
    names = [c.name for c in starter_codebook().categories]
    assert names == list(BIRMINGHAM_2022_CATEGORIES)
    assert "Barriers for families" in names and '"Think Family"' in names
    assert starter_codebook().themes() == ()
