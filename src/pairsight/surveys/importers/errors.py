"""What goes wrong in an import, said so that the user can find it in their spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass

#: How many problems an error message spells out before summarising the rest.
LISTED = 20


@dataclass(frozen=True)
class ImportProblem:
    """One answer (or column) that cannot be taken as it is.

    `row` is the spreadsheet row as the user sees it in Excel; `column` its letter.
    """

    message: str
    row: int | None = None
    column: str | None = None
    header: str | None = None
    value: str | None = None
    question_id: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            header = f" ({_short(self.header)})" if self.header else ""
            where.append(f"column {self.column}{header}")
        prefix = ", ".join(where)
        return f"{prefix[:1].upper()}{prefix[1:]}: {self.message}" if prefix else self.message


class SurveyImportError(ValueError):
    """The file cannot be imported; nothing from it has been stored.

    The message is one clear sentence (or a short list) naming what and where; `problems`
    holds every problem found, for a page that lists them all.
    """

    def __init__(self, message: str, problems: list[ImportProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


def problems_message(name: str, problems: list[ImportProblem]) -> str:
    count = len(problems)
    if count == 1:
        return f"{name}, {str(problems[0])[:1].lower()}{str(problems[0])[1:]} Nothing was imported."
    noun = "answer does" if count == 1 else "answers do"
    lines = [f"{name}: {count} {noun} not fit the questionnaire, so nothing was imported."]
    lines += [f"- {p}" for p in problems[:LISTED]]
    if count > LISTED:
        lines.append(f"- and {count - LISTED} more")
    return "\n".join(lines)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"
