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
    address = [h for h in headings if h.startswith("Please enter your address [")]
    assert len(address) == 4  # street, number, postal code, city

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.LIMESURVEY
    assert len(result.survey.frame) == 7
    assert chosen(result, question_id(instrument, "Please read the points below")) == consent
    # Where someone lives is personal: kept out of the analysis.
    assert {c.header for c in export.columns if c.role == "personal"} == set(address)
    educations = instrument.question(question_id(instrument, "Which educations"))
    assert educations.kind == "multiple_choice"
    assert {o.label: chosen(result, educations.id)[o.label] for o in educations.options} == (
        education
    )
    assert not any(_own(c.header) for c in export.answer_columns)
    assert len(export.answer_columns) == sum(not _own(h) for h in headings) - len(address)


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


def test_published_unit_test_survey_choices_boxes_and_an_email_question() -> None:
    path = FOLDER / "sealuzh_unit_test_quality_results_survey.csv"
    sheet = raw(path)
    headings, body = sheet.iloc[0], sheet.iloc[1:]
    assert len(body) == 70
    assert body[5].value_counts().to_dict() == {"Yes": 67, "No": 3}
    assert body[133][body[133] != ""].value_counts().to_dict() == {
        "Bachelor´s degree": 28,
        "Master´s degree": 17,
        "High school degree or equivalent": 12,
        "Doctorate": 8,
        "Other": 4,
    }
    employment = {headings[c].rsplit("[", 1)[1].rstrip("]"): int((body[c] == "Yes").sum())
                  for c in (135, 136, 137, 138)}  # fmt: skip
    assert employment == {
        "Student": 15,
        "Researcher": 6,
        "Professional Developer (paid)": 55,
        "Professional Developer (voluntary)": 1,
    }
    email = headings[145]
    assert "please leave your email" in email and set(body[145]) == {"anonymized"}

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.LIMESURVEY
    assert len(result.survey.frame) == 70
    assert chosen(result, question_id(instrument, "In addition to analyzing")) == {
        "Yes": 67,
        "No": 3,
    }
    work = instrument.question(question_id(instrument, "Employment: What is your current"))
    assert work.kind == "multiple_choice"
    assert {o.label: chosen(result, work.id)[o.label] for o in work.options} == employment
    # The e-mail for the prize draw is personal: never a question, whatever it holds.
    assert export.column(email.strip()).role == "personal"
    assert not any(h.startswith("{") for h in (c.header for c in export.answer_columns))


def test_published_german_export_with_only_answer_columns() -> None:
    path = FOLDER / "pfeiffer_digital_twins_results_german.csv"
    sheet = raw(path, sep=";")
    headings, body = sheet.iloc[0], sheet.iloc[1:]
    assert len(body) == 96 and headings[0] == "Antwort ID"
    background = [c for c in sheet if headings[c].startswith("Welchen fachlichen Hintergrund")]
    assert len(background) == 7  # six boxes and the [Sonstiges] ("Other") text
    ticks = {headings[c].rsplit("[", 1)[1].rstrip("]"): int((body[c] == "Ja").sum())
             for c in background[:-1]}  # fmt: skip
    assert (ticks["Maschinenbau"], ticks["Elektrotechnik"], ticks["Informatik"]) == (12, 24, 55)
    simulates = body[8][body[8] != ""].value_counts().to_dict()
    assert simulates == {
        "Stimme eher zu": 22,
        "Stimme vollständig zu": 18,
        "Stimme eher nicht zu": 9,
        "Stimme gar nicht zu": 2,
    }

    export, instrument, result = analysed(path)
    assert export.format is ExportFormat.LIMESURVEY
    assert export.column("Antwort ID").role == "key"
    assert len(result.survey.frame) == 96
    field = instrument.question(question_id(instrument, "Welchen fachlichen Hintergrund"))
    assert field.kind == "multiple_choice" and field.other
    assert {o.label: chosen(result, field.id)[o.label] for o in field.options} == ticks
    cps = "Er simuliert das zugehörige Cyber-physische System (CPS)."
    (statement,) = [q.id for q in instrument.questions if q.text.endswith(cps)]
    assert chosen(result, statement) == simulates
