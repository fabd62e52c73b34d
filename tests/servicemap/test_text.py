"""Feed text made plain: markup removed by Ammonia, lines and spaces tidied (worked by hand)."""

from __future__ import annotations

import pytest

from pairsight.servicemap.text import clean_html, clean_many, label, plain_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Baby group</p><p>Tuesdays</p>", "Baby group\nTuesdays"),
        ("<ul><li>Feeding</li><li>Sleep</li></ul>", "• Feeding\n• Sleep"),
        ('<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p>', "Hi there"),
        ("<script>alert(1)</script><style>p{}</style>Safe", "Safe"),
        ("<!-- note --><b>Bold</b> &amp; <i>it</i>", "Bold & it"),
        ("&lt;img src=x&gt; as text", "<img src=x> as text"),
        # A paragraph end and the source's own line end: one blank line, as between paragraphs.
        ("<p>a&nbsp;&nbsp;b</p>\r\n<p>c</p>", "a b\n\nc"),
        ("Line one<br>Line two<br />Line three", "Line one\nLine two\nLine three"),
        ("<p>5 < 6 and 7 > 3</p>", "5 < 6 and 7 > 3"),
        (None, ""),
    ],
)
def test_markup_is_removed_and_the_text_still_reads(html: str | None, text: str) -> None:
    assert clean_html(html) == text


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("  Stay   and\tplay  ", "Stay and play"),
        ("a\x00b\u200bc", "a b c"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("para one\n\n\n\npara two", "para one\n\npara two"),
        ("\u3000wide\u2003spaces\xa0here ", "wide spaces here"),
        ("already tidy", "already tidy"),
    ],
)
def test_plain_text_removes_control_characters_and_runs_of_spaces(raw: str, tidy: str) -> None:
    assert plain_text(raw) == tidy


def test_many_texts_are_cleaned_in_order_on_threads() -> None:
    texts = [f"<p>Service {n}</p>" for n in range(500)]
    assert clean_many(texts) == [f"Service {n}" for n in range(500)]


def test_audience_hierarchies_are_spaced_evenly() -> None:
    assert label(" Parents>Grandparents ") == "Parents > Grandparents"


def test_a_repeated_text_reads_the_same_each_time_and_in_order() -> None:
    # Feeds repeat descriptions (one per branch of a service): each copy is cleaned alike.
    texts: list[object] = ["<p>Baby group</p>", None, "<b>Bumps</b>", "<p>Baby group</p>", 7]
    assert clean_many(texts) == ["Baby group", "", "Bumps", "Baby group", "7"]
    many: list[object] = [f"<p>Service {n % 3}</p>" for n in range(300)]
    assert clean_many(many) == [f"Service {n % 3}" for n in range(300)]
