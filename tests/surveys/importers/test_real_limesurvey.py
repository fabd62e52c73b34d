"""LimeSurvey "Export results to R" data files from limonaid's tests
(tests/surveys/real/limesurvey/). Expected values are plain pandas sums on the file,
checked by eye against the rows, written before the importer ran."""

from __future__ import annotations

from pairsight.surveys.importers.export import ExportFormat

from .real_corpus import REAL, analysed, chosen, question_id, raw

FOLDER = REAL / "limesurvey"


def _own(header: str) -> bool:
    """LimeSurvey's own columns, told by hand from the headings."""
    return header.startswith(("{", "Group time:", "Question time:", "filecount - ")) or (
        header
        in {
            "Response ID",
            "Date submitted",
            "Last page",
            "Start language",
            "Seed",
            "Date started",
            "Date last action",
            "Total time",
        }  # fmt: skip
    )


def test_amsterdam_survey_multiple_choice_boxes_and_own_columns() -> None:
    path = FOLDER / "limonaid_survey_100001_R_data_file.csv"
    sheet = raw(path)
    headings, body = sheet.iloc[0], sheet.iloc[1:]
    assert len(body) == 3
    stay = [c for c in sheet if headings[c].startswith("Where are you planning to stay? [")]
    # Ten boxes and the [Other] text box; 1 when ticked.
    assert len(stay) == 11
    ticks = {headings[c][len("Where are you planning to stay? [") : -1]: int((body[c] == "1").sum())
             for c in stay[:-1]}  # fmt: skip
    assert {k: v for k, v in ticks.items() if v} == {
        "Friends or family": 2,
        "Couchsurfing": 1,
        "House swap": 1,
    }
    expected_answers = sum(not _own(h) for h in headings)

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.LIMESURVEY
    assert len(result.survey.frame) == 3
    lodging = instrument.question(question_id(instrument, "Where are you planning to stay?"))
    assert lodging.kind == "multiple_choice" and len(lodging.options) == 10
    assert {k: v for k, v in chosen(result, lodging.id).items() if v} == {
        "Friends or family": 2,
        "Couchsurfing": 1,
        "House swap": 1,
    }
    # Equations, timings and upload counts are LimeSurvey's, never questions.
    assert len(export.answer_columns) == expected_answers
    assert not any(_own(c.header) for c in export.answer_columns)


def test_resilience_survey_responses_options_and_timings() -> None:
    path = FOLDER / "limonaid_survey_998192_R_data_file.csv"
    sheet = raw(path)
    headings, body = sheet.iloc[0], sheet.iloc[1:]
    assert len(body) == 7
    consent = body[8][body[8] != ""].value_counts().to_dict()
    assert consent == {"yes": 5, "no": 1}
    boxes = (12, 13, 14, 15)
    education = {headings[c].rsplit("[", 1)[1].rstrip("]"): int((body[c] == "1").sum())
                 for c in boxes}  # fmt: skip
    assert list(education.values()) == [1, 2, 2, 0]
    timings = [h for h in headings if h.startswith(("Group time:", "Question time:"))]
    assert len(timings) == 19

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.LIMESURVEY
    assert len(result.survey.frame) == 7
    assert chosen(result, question_id(instrument, "Please read the points below")) == consent
    educations = instrument.question(question_id(instrument, "Which educations"))
    assert educations.kind == "multiple_choice"
    assert {o.label: chosen(result, educations.id)[o.label] for o in educations.options} == (
        education
    )
    assert not any(_own(c.header) for c in export.answer_columns)
    assert len(export.answer_columns) == sum(not _own(h) for h in headings)


def test_a_ranking_written_one_column_per_position_is_one_ranking() -> None:
    path = FOLDER / "limonaid_survey_998192_R_data_file.csv"
    sheet = raw(path)
    headings, body = sheet.iloc[0], sheet.iloc[1:]
    positions = [c for c in sheet if "[Rank " in headings[c]]
    assert len(positions) == 5
    filled = body[positions][(body[positions] != "").any(axis=1)]
    first = filled[positions[0]].value_counts().to_dict()
    mean_rank = {
        item: sum(n + 1 for row in filled[positions].itertuples(index=False)
                  for n, cell in enumerate(row) if cell == item) / len(filled)
        for item in set(filled[positions].to_numpy().ravel()) - {""}
    }  # fmt: skip

    export, instrument, result = analysed(path)
    movies = instrument.question(question_id(instrument, "What are the best movies"))
    assert movies.kind == "ranking"
    assert sorted(i.text for i in movies.items) == sorted(mean_rank)
    frame = result.survey.frame
    by_text = {i.text: i.id for i in movies.items}
    for item, expected in mean_rank.items():
        column = frame[f"{movies.id}.{by_text[item]}"]
        assert column.mean() == expected
        assert int((column == 1).sum()) == first.get(item, 0)
