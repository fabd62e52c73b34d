"""The known answers written out in each survey tool's export layout, cell by cell.

Written here in the tests, independently of PAIRsight's own writer, from the tools'
documented layouts, so that an import is checked against the real shape of each export.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from ..known_answers import (
    EASE,
    EMAILS,
    IDS,
    IMPACT,
    LEVELS,
    NAMES,
    OTHER,
    PEOPLE,
    QUESTION,
    RANK_ITEMS,
    ROLES,
    STATEMENTS,
    answer,
    ranking_order,
)

Rows = list[list[object]]


def _blank(value: object) -> object:
    return "" if value is None else value


def _chosen(person: int) -> list[str]:
    return list(answer(person, "levels") or [])


def _role_or_typed(person: int) -> object:
    role = answer(person, "role")
    return answer(person, "role.other") if role == OTHER else role


def microsoft_forms() -> Rows:
    header = ["ID", "Start time", "Completion time", "Email", "Name"]
    header += [QUESTION["role"], QUESTION["levels"], QUESTION["ease"]]
    header += [f"{QUESTION['factors']}.{text}" for text in STATEMENTS.values()]
    header += [QUESTION["format"], QUESTION["age"], QUESTION["comment"]]
    rows: Rows = [header]
    for i in range(len(PEOPLE)):
        levels = [answer(i, "levels.other") if c == OTHER else c for c in _chosen(i)]
        order = ranking_order(i)
        rows.append(
            [int(IDS[i]), "1/10/22 9:00:00", "1/10/22 9:07:31", EMAILS[i], NAMES[i],
             _role_or_typed(i), "".join(f"{c};" for c in levels) or None, answer(i, "ease"),
             *(answer(i, f"factors.{s}") for s in STATEMENTS),
             "".join(f"{t};" for t in order) if order else None, answer(i, "age"),
             answer(i, "comment")]
        )  # fmt: skip
    return rows


def surveymonkey() -> Rows:
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1"]  # fmt: skip
    top = [*meta, QUESTION["role"], "", QUESTION["levels"], "", "", "", "", QUESTION["ease"],
           QUESTION["factors"], "", QUESTION["format"], "", "", QUESTION["age"],
           QUESTION["comment"]]  # fmt: skip
    second = [""] * len(meta) + ["Response", "Other (please specify)", *LEVELS,
              "Other (please specify)", "Response", *STATEMENTS.values(), *RANK_ITEMS.values(),
              "Response", "Open-Ended Response"]  # fmt: skip
    rows: Rows = [top, second]
    for i in range(len(PEOPLE)):
        role = answer(i, "role")
        chosen = _chosen(i)
        rows.append(
            [IDS[i], "4242", "01/10/2022 09:00:00", "01/10/2022 09:07:31", "192.0.2.1",
             EMAILS[i], NAMES[i], "", "",
             "" if role == OTHER else _blank(role), _blank(answer(i, "role.other")),
             *(level if level in chosen else "" for level in LEVELS),
             _blank(answer(i, "levels.other")), _blank(answer(i, "ease")),
             *(_blank(answer(i, f"factors.{s}")) for s in STATEMENTS),
             *(_blank(answer(i, f"format.{k}")) for k in RANK_ITEMS),
             _blank(answer(i, "age")), _blank(answer(i, "comment"))]
        )  # fmt: skip
    return rows


def qualtrics() -> Rows:
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
            "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
            "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
            "DistributionChannel", "UserLanguage"]  # fmt: skip
    codes = [*meta, "Q1", "Q1_4_TEXT", "Q2", "Q2_5_TEXT", "Q3", "Q4_1", "Q4_2", "Q5_1", "Q5_2",
             "Q5_3", "Q6", "Q7"]  # fmt: skip
    texts = [*meta, QUESTION["role"], f"{QUESTION['role']} - Other (please specify) - Text",
             QUESTION["levels"], f"{QUESTION['levels']} - Other (please specify) - Text",
             QUESTION["ease"], *(f"{QUESTION['factors']} - {t}" for t in STATEMENTS.values()),
             *(f"{QUESTION['format']} - {t}" for t in RANK_ITEMS.values()),
             QUESTION["age"], QUESTION["comment"]]  # fmt: skip
    import_ids = [json.dumps({"ImportId": c}) for c in codes]
    rows: Rows = [codes, texts, import_ids]
    for i in range(len(PEOPLE)):
        rows.append(
            ["2022-10-01 09:00:00", "2022-10-01 09:07:31", "IP Address", "192.0.2.1", "100",
             "451", "True", "2022-10-01 09:07:32", f"R_{IDS[i]}", "", NAMES[i], EMAILS[i], "",
             "52.48", "-1.89", "anonymous", "EN",
             _blank(answer(i, "role")), _blank(answer(i, "role.other")),
             ",".join(_chosen(i)), _blank(answer(i, "levels.other")), _blank(answer(i, "ease")),
             *(_blank(answer(i, f"factors.{s}")) for s in STATEMENTS),
             *(_blank(answer(i, f"format.{k}")) for k in RANK_ITEMS),
             _blank(answer(i, "age")), _blank(answer(i, "comment"))]
        )  # fmt: skip
    return rows


def _limesurvey_rank_cells(person: int, codes: bool) -> list[object]:
    order = ranking_order(person) or []
    items = list(RANK_ITEMS.values())
    return [
        (f"A{items.index(order[n]) + 1}" if codes else order[n]) if n < len(order) else ""
        for n in range(len(items))
    ]


def limesurvey(codes: bool) -> Rows:
    """Headings "code. text [sub]" with full answers, or bare codes with answer codes."""

    def head(code: str, text: str = "", sub: str = "") -> str:
        if codes:
            return code
        return f"{code}. {text}" + (f" [{sub}]" if sub else "")

    meta = [head("id", "Response ID"), head("submitdate", "Date submitted"),
            head("lastpage", "Last page"), head("startlanguage", "Start language"),
            head("seed", "Seed")]  # fmt: skip
    header = [*meta, head("role", QUESTION["role"]), head("role[other]", QUESTION["role"], "Other")]
    header += [
        head(f"levels[SQ00{n}]", QUESTION["levels"], level) for n, level in enumerate(LEVELS, 1)
    ]
    header += [head("levels[other]", QUESTION["levels"], "Other"), head("ease", QUESTION["ease"])]
    header += [
        head(f"factors[SQ00{n}]", QUESTION["factors"], t)
        for n, t in enumerate(STATEMENTS.values(), 1)
    ]
    header += [head(f"format[{n}]", QUESTION["format"], f"Rank {n}") for n in range(1, 4)]
    header += [head("age", QUESTION["age"]), head("comment", QUESTION["comment"])]
    rows: Rows = [header]

    def coded(value: object, labels: list[str]) -> object:
        if value is None:
            return ""
        return f"A{labels.index(str(value)) + 1}" if codes else value

    for i in range(len(PEOPLE)):
        role = answer(i, "role")
        role_cell = ("-oth-" if codes else "Other") if role == OTHER else coded(role, ROLES)
        rows.append(
            [IDS[i], "2022-10-01 09:07:31", "3", "en", "123456",
             role_cell, _blank(answer(i, "role.other")),
             *("Y" if level in _chosen(i) else "" for level in LEVELS),
             _blank(answer(i, "levels.other")), coded(answer(i, "ease"), EASE),
             *(coded(answer(i, f"factors.{s}"), IMPACT) for s in STATEMENTS),
             *_limesurvey_rank_cells(i, codes),
             _blank(answer(i, "age")), _blank(answer(i, "comment"))]
        )  # fmt: skip
    return rows


def redcap(labels: bool) -> Rows:
    """The raw export (variable names, codes, 1/0) or the labels export."""
    if labels:
        header = ["Record ID", "Survey Identifier", "Survey Timestamp", QUESTION["role"],
                  f"{QUESTION['role']} If other, please specify",
                  *(f"{QUESTION['levels']} (choice={level})" for level in LEVELS),
                  f"{QUESTION['levels']} (choice=Other)",
                  f"{QUESTION['levels']} If other, please specify", QUESTION["ease"],
                  *(f"{QUESTION['factors']} {t}" for t in STATEMENTS.values())]  # fmt: skip
    else:
        header = ["record_id", "redcap_survey_identifier", "roundtrip_survey_timestamp", "role",
                  "role_other", *(f"levels___{n}" for n in range(1, 6)), "levels_other", "ease",
                  "factors_cuddles", "factors_screens"]  # fmt: skip
    header += ["format_course", "format_online", "format_elearning", "age", "comment"]
    header += ["Complete?" if labels else "roundtrip_survey_complete"]
    rows: Rows = [header]
    ticked, unticked = ("Checked", "Unchecked") if labels else ("1", "0")

    def coded(value: object, options: list[str]) -> object:
        if value is None:
            return ""
        if labels:
            return "Other" if value == OTHER else value
        return str(len(options) + 1 if value == OTHER else options.index(str(value)) + 1)

    for i in range(len(PEOPLE)):
        chosen = _chosen(i)
        rows.append(
            [IDS[i], EMAILS[i], "2022-10-01 09:07:31", coded(answer(i, "role"), ROLES),
             _blank(answer(i, "role.other")),
             *(ticked if level in chosen else unticked for level in [*LEVELS, OTHER]),
             _blank(answer(i, "levels.other")), coded(answer(i, "ease"), EASE),
             *(coded(answer(i, f"factors.{s}"), IMPACT) for s in STATEMENTS),
             *(_blank(answer(i, f"format.{k}")) for k in RANK_ITEMS),
             _blank(answer(i, "age")), _blank(answer(i, "comment")),
             "Complete" if labels else "2"]
        )  # fmt: skip
    return rows


def _kobo_name(label: str) -> str:
    """Kobo's form builder names an option from its label: lower case, underscores."""
    name = "".join(ch if ch.isalnum() else "_" for ch in label.lower())
    while "__" in name:
        name = name.replace("__", "_")
    return name.strip("_")


def kobo() -> Rows:
    group = "survey"
    header = ["start", "end", f"{group}/role", f"{group}/role_other", f"{group}/levels"]
    header += [f"{group}/levels/{_kobo_name(level)}" for level in [*LEVELS, "Other"]]
    header += [f"{group}/levels_other", f"{group}/ease", f"{group}/factors_cuddles",
               f"{group}/factors_screens", f"{group}/format_course", f"{group}/format_online",
               f"{group}/format_elearning", f"{group}/age", f"{group}/comment", "_id", "_uuid",
               "_submission_time", "_validation_status", "_index"]  # fmt: skip
    rows: Rows = [header]

    def name(value: object) -> object:
        if value is None:
            return ""
        return "other" if value == OTHER else _kobo_name(str(value))

    for i in range(len(PEOPLE)):
        chosen = _chosen(i)
        rows.append(
            ["2022-10-01T09:00:00.000+01:00", "2022-10-01T09:07:31.000+01:00",
             name(answer(i, "role")), _blank(answer(i, "role.other")),
             " ".join(str(name(c)) for c in chosen),
             *("1" if level in chosen else "0" for level in [*LEVELS, OTHER]),
             _blank(answer(i, "levels.other")), name(answer(i, "ease")),
             *(name(answer(i, f"factors.{s}")) for s in STATEMENTS),
             *(_blank(answer(i, f"format.{k}")) for k in RANK_ITEMS),
             _blank(answer(i, "age")), _blank(answer(i, "comment")),
             str(9000 + i), f"5f1c2d3e-0000-4000-8000-00000000{IDS[i]}", "2022-10-01T08:07:32",
             "", str(i + 1)]
        )  # fmt: skip
    return rows


def plain() -> Rows:
    """A hand-made spreadsheet: question headers, "[part]" for grids and rankings, no IDs.

    Answers are written the way people type them: odd case and extra spaces.
    """
    header = [QUESTION["role"], f"{QUESTION['role']} [Other]", QUESTION["levels"],
              f"{QUESTION['levels']} [Other]", QUESTION["ease"],
              *(f"{QUESTION['factors']} [{t}]" for t in STATEMENTS.values()),
              *(f"{QUESTION['format']} [{t}]" for t in RANK_ITEMS.values()),
              QUESTION["age"], QUESTION["comment"]]  # fmt: skip
    rows: Rows = [header]
    for i in range(len(PEOPLE)):
        role = answer(i, "role")
        levels = [c.upper() if n % 2 else f"  {c.lower()} " for n, c in enumerate(_chosen(i))]
        rows.append(
            ["" if role == OTHER else f" {str(_blank(role)).upper()}  ",
             _blank(answer(i, "role.other")), ";".join(levels) + (";" if levels else ""),
             _blank(answer(i, "levels.other")), str(_blank(answer(i, "ease"))).lower(),
             *(_blank(answer(i, f"factors.{s}")) for s in STATEMENTS),
             *(_blank(answer(i, f"format.{k}")) for k in RANK_ITEMS),
             _blank(answer(i, "age")), _blank(answer(i, "comment"))]
        )  # fmt: skip
    return rows


def write_xlsx(rows: Rows, path: Path, blank_rows_after: tuple[int, ...] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for index, row in enumerate(rows):
        sheet.append([None if cell == "" else cell for cell in row])
        if index in blank_rows_after:
            sheet.append([])
    workbook.save(path)
    return path


def write_csv(
    rows: Rows,
    path: Path,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    trailing_delimiter: bool = False,
    blank_rows_after: tuple[int, ...] = (),
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for index, row in enumerate(rows):
        writer.writerow(
            ["" if cell is None else cell for cell in row] + ([""] if trailing_delimiter else [])
        )
        if index in blank_rows_after:
            buffer.write("\r\n")
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
