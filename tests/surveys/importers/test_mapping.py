"""Columns are matched to questions by text; a person's corrections are kept and reused."""

from __future__ import annotations

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.mapping import ColumnMapping, Target, propose_mapping
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.instruments import load_instrument

from ..known_answers import INSTRUMENT, QUESTION


def _forms(path, headers: list[str], rows: list[list[object]]):
    workbook = openpyxl.Workbook()
    workbook.active.append(["ID", "Start time", "Completion time", "Email", "Name", *headers])
    for n, row in enumerate(rows, start=1):
        workbook.active.append([n, None, None, None, None, *row])
    workbook.save(path)
    return path


def test_reworded_headers_still_find_their_questions(tmp_path):
    headers = [
        "What's your profession",  # apostrophe, no question mark
        "Which levels of need does your service work with?",  # "(Tick all that apply)" gone
        "How easy is it to understand how babies communicate?",  # one word changed
    ]
    export = read_export(
        _forms(tmp_path / "f.xlsx", headers, [["Midwife", "Universal;", "Very easy"]])
    )
    mapping = propose_mapping(export, INSTRUMENT)
    assert mapping.matched == {
        headers[0]: Target("role"),
        headers[1]: Target("levels"),
        headers[2]: Target("ease"),
    }
    assert all(75 <= m.score < 100 for m in mapping.matches)


def test_an_unrecognisable_header_is_left_for_the_user_with_a_guess(tmp_path):
    export = read_export(_forms(tmp_path / "f.xlsx", ["Q7", "Job"], [["Very easy", "Midwife"]]))
    mapping = propose_mapping(export, INSTRUMENT)
    assert mapping.unmatched == ["Q7", "Job"]
    corrected = mapping.override("Q7", "ease").override("Job", "role")
    result = import_responses(export, INSTRUMENT, mapping=corrected)
    assert result.responses.iloc[0][["ease", "role"]].tolist() == ["Very easy", "Midwife"]


def test_a_saved_mapping_is_reused_for_the_next_upload(tmp_path):
    first = read_export(_forms(tmp_path / "a.xlsx", ["Q7"], [["Very easy"]]))
    saved = propose_mapping(first, INSTRUMENT).override("Q7", "ease").to_json()
    second = _forms(tmp_path / "b.xlsx", ["Q7", QUESTION["role"]], [["Not sure", "Midwife"]])
    result = import_responses(second, INSTRUMENT, mapping=ColumnMapping.from_json(saved))
    assert result.mapping.match("Q7").confirmed
    assert result.responses.iloc[0][["ease", "role"]].tolist() == ["Not sure", "Midwife"]


def test_a_question_answers_one_column_only_so_an_override_moves_it(tmp_path):
    headers = [QUESTION["ease"], "How easy do you find it"]
    export = read_export(_forms(tmp_path / "f.xlsx", headers, [["Very easy", "Very difficult"]]))
    mapping = propose_mapping(export, INSTRUMENT)
    assert mapping.matched == {QUESTION["ease"]: Target("ease")}
    moved = mapping.override("How easy do you find it", "ease")
    assert moved.matched == {"How easy do you find it": Target("ease")}
    assert moved.match(QUESTION["ease"]).target is None


def test_mapping_survives_json(tmp_path):
    export = read_export(_forms(tmp_path / "f.xlsx", [QUESTION["role"], "Q9"], [["Midwife", "x"]]))
    mapping = propose_mapping(export, INSTRUMENT).override("Q9", "comment")
    again = ColumnMapping.from_json(mapping.to_json())
    assert again.matched == mapping.matched
    assert again.match("Q9").confirmed and not again.match(QUESTION["role"]).confirmed


def test_the_practitioner_template_matches_its_own_forms_list_headers(tmp_path):
    instrument = load_instrument("practitioners")
    headers = [q.text.strip() for q in instrument.questions if q.kind != "ranking"]
    export = read_export(_forms(tmp_path / "f.xlsx", headers, [["x"] * len(headers)]))
    mapping = propose_mapping(export, instrument)
    assert [t.question_id for t in mapping.matched.values()] == [
        q.id for q in instrument.questions if q.kind != "ranking"
    ]


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(
        [
            q
            for q in INSTRUMENT.questions
            if q.kind in ("single_choice", "scale", "number", "free_text")
        ]
    ),
    st.lists(st.sampled_from(["upper", "lower", "spaces", "keep"]), min_size=1, max_size=3),
)
def test_case_and_spacing_never_change_which_question_a_header_matches(question, edits):
    header = question.text
    for edit in edits:
        header = {
            "upper": header.upper(),
            "lower": header.lower(),
            "spaces": "  " + header.replace(" ", "   ") + " ",
            "keep": header,
        }[edit]
    export = read_export(f'"{header}"\nx\n'.encode(), "h.csv")
    mapping = propose_mapping(export, INSTRUMENT)
    (match,) = mapping.matches
    assert match.target == Target(question.id) and match.score == 100


def test_reworded_headings_match_on_their_text_and_the_options_in_their_answers() -> None:
    from pairsight.surveys.importers.detect import read_export
    from pairsight.surveys.importers.mapping import propose_mapping
    from pairsight.surveys.instruments.model import Instrument

    instrument = Instrument.model_validate(
        {
            "id": "w", "version": "1", "title": "Workforce", "source": "a test",
            "questions": [
                {"id": "profession", "kind": "single_choice",
                 "text": "What is your profession or job title?",
                 "options": ["Health visitor", "Midwife", "Nursery nurse", "GP"]},
                {"id": "service", "kind": "single_choice",
                 "text": "Which of these services do you mainly work for?",
                 "options": ["Health visiting", "Maternity", "Children's centre"]},
                {"id": "comments", "kind": "free_text", "text": "Anything else to add?"},
            ],
        }
    )  # fmt: skip
    rows = ["Profession,Service you work in,Bus route"]
    jobs = ["Health visitor", "Midwife", "Nursery nurse", "GP"]
    services = ["Health visiting", "Maternity", "Children's centre"]
    rows += [f"{jobs[n % 4]},{services[n % 3]},{n}" for n in range(12)]
    export = read_export(("\r\n".join(rows) + "\r\n").encode(), "reworded.csv")
    mapping = propose_mapping(export, instrument)
    assert {h: t.question_id for h, t in mapping.matched.items()} == {
        "Profession": "profession",
        "Service you work in": "service",
    }
    # A column whose answers are not options and whose heading is unrelated stays unmatched.
    assert mapping.unmatched == ["Bus route"]
