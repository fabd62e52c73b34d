"""A questionnaire guessed from an export, for looking at any file without setting one up.

Each answer column's kind is inferred from its values: numbers, a known agreement or
ease scale, answers joined with the export's separator (multiple choice), a few repeated
answers (single choice), or free text. Columns that one tool splits per option or
statement (SurveyMonkey, Qualtrics, LimeSurvey, REDCap) are put back together first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd

from pairsight.surveys.answer_text import identifier, normalise
from pairsight.surveys.importers.answers import CHECKED, UNCHECKED
from pairsight.surveys.importers.export import Export, SourceColumn, cell_text
from pairsight.surveys.importers.mapping import (
    OTHER,
    RANK_PREFIX,
    ColumnMapping,
    ColumnMatch,
    Target,
)
from pairsight.surveys.importers.surveymonkey import one_answer_spread
from pairsight.surveys.instruments.model import Instrument

OFF_SCALE = ("Not sure", "Don't know", "Not applicable", "Prefer not to say")
#: Ordered scales people use, most negative first, with their usual neutral point.
KNOWN_SCALES: tuple[tuple[tuple[str, ...], str | None], ...] = (
    (
        (
            "Strongly disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Strongly agree",
        ),
        "Neither agree nor disagree",
    ),  # noqa: E501
    (
        ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"),
        "Neither agree nor disagree",
    ),  # noqa: E501
    (
        (
            "Strongly disagree",
            "Tend to disagree",
            "Neither agree nor disagree",
            "Tend to agree",
            "Strongly agree",
        ),
        "Neither agree nor disagree",
    ),  # noqa: E501
    (
        (
            "Very difficult",
            "Somewhat difficult",
            "Neither easy nor difficult",
            "Somewhat easy",
            "Very easy",
        ),
        "Neither easy nor difficult",
    ),  # noqa: E501
    (
        (
            "Very difficult",
            "Fairly difficult",
            "Neither easy nor difficult",
            "Fairly easy",
            "Very easy",
        ),
        "Neither easy nor difficult",
    ),  # noqa: E501
    (
        ("Very difficult", "Difficult", "Neither easy nor difficult", "Easy", "Very easy"),
        "Neither easy nor difficult",
    ),  # noqa: E501
    (
        ("Very negative", "Somewhat negative", "No impact", "Somewhat positive", "Very positive"),
        "No impact",
    ),  # noqa: E501
    (
        ("Very negative", "Negative", "Neither positive nor negative", "Positive", "Very positive"),
        "Neither positive nor negative",
    ),  # noqa: E501
    (
        (
            "Very dissatisfied",
            "Dissatisfied",
            "Neither satisfied nor dissatisfied",
            "Satisfied",
            "Very satisfied",
        ),
        "Neither satisfied nor dissatisfied",
    ),  # noqa: E501
    (
        ("Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely", "Very likely"),
        "Neither likely nor unlikely",
    ),  # noqa: E501
    (("Not at all confident", "Not very confident", "Fairly confident", "Very confident"), None),
    (("Never", "Rarely", "Sometimes", "Often", "Always"), "Sometimes"),
    (("Very poor", "Poor", "Fair", "Good", "Excellent"), "Fair"),
)
_MAX_OPTIONS = 25
_MAX_MISSING_FORMS = 5
#: Headings of columns that say which response a row is, not what it answered.
_IDENTIFIER = re.compile(
    r"^((participant|record|respondent|response|case|subject|submission|interview|unique|"
    r"study)[ _-]?(id|number|no|code|ref)|id|row|row (number|no))$"
)
#: Headings a spreadsheet or pandas gives a column that had none ("Column A", "Unnamed: 0").
_NO_NUMBER = frozenset(
    {"n/a", "na", "not applicable", "don't know", "dont know", "do not know", "not sure",
     "prefer not to say", "-", "unknown"}
)  # fmt: skip
_NO_HEADING = re.compile(r"^(column [a-z]{1,3}|unnamed: ?\d+|index|#|)$")
_KOBO_NAME = re.compile(r"^[a-z0-9_]+$")


def infer_instrument(export: Export, title: str | None = None) -> tuple[Instrument, ColumnMapping]:
    """A questionnaire that fits the export's columns, and the mapping onto it."""
    taken: set[str] = set()
    questions: list[dict[str, Any]] = []
    matches: list[ColumnMatch] = []
    for group in _groups(export.answer_columns):
        for question, targets in _infer(export, group, taken):
            questions.append(question)
            matches += [ColumnMatch(c.header, t, 100.0, confirmed=True) for c, t in targets]
    if not questions:
        questions.append({"id": "no_answers", "kind": "free_text", "text": "No answers"})
    instrument = Instrument.model_validate(
        {
            "id": "inferred",
            "version": "inferred",
            "title": title or f"Questions inferred from {export.name}",
            "source": f"Inferred by PAIRsight from the columns of {export.describe()}.",
            "questions": questions,
        }
    )
    return instrument, ColumnMapping(instrument.id, instrument.version, tuple(matches))


def _groups(columns: list[SourceColumn]) -> list[list[SourceColumn]]:
    """Consecutive columns sharing a question label and each carrying a part label."""
    groups: list[list[SourceColumn]] = []
    for column in columns:
        last = groups[-1] if groups else None
        if (
            last is not None
            and column.sublabel is not None
            and last[0].sublabel is not None
            and normalise(last[0].label) == normalise(column.label)
        ):
            last.append(column)
        else:
            groups.append([column])
    return groups


def _texts(export: Export, column: SourceColumn) -> pd.Series:
    values = export.body[column.position].dropna()
    texts = values.map(cell_text).str.strip()
    return texts[texts != ""]


Inferred = tuple[dict[str, Any], list[tuple[SourceColumn, Target]]]


def _infer(export: Export, group: list[SourceColumn], taken: set[str]) -> list[Inferred]:
    if len(group) > 1:
        combined = _combined(export, group, taken)
        if combined is not None:
            return [combined]
    found = []
    for column in group:
        question = _single_column(export, column, taken)
        if question is not None:
            found.append((question, [(column, Target(question["id"]))]))
    return found


def _combined(export: Export, group: list[SourceColumn], taken: set[str]) -> Inferred | None:
    """One question from columns that a tool split per option, statement or item."""
    first = group[0]
    others = [c for c in group if c.is_other]
    group = [c for c in group if not c.is_other]
    parts = [c.sublabel or c.header for c in group]
    seen = [set(_texts(export, c).map(normalise)) for c in group]
    values = set().union(*seen)
    if all(v in CHECKED | UNCHECKED or v == normalise(p) for v, p in _pairs(seen, parts)):
        qid = identifier(first.label, taken)
        question: dict[str, Any] = {
            "id": qid,
            "kind": "single_choice"
            if one_answer_spread(export, group, parts)
            else "multiple_choice",
            "text": first.label,
            "options": parts,
            "other": bool(others),
        }
        targets = [(c, Target(qid, p)) for c, p in zip(group, parts, strict=True)]
        return question, targets + [(c, Target(qid, OTHER)) for c in others[:1]]
    if others:
        return None  # an "Other" box beside statements or items: leave each column to itself
    by_position = _ranked_positions(export, group, parts, taken)
    if by_position is not None:
        return by_position
    ids: set[str] = set()
    items = [{"id": identifier(p, ids), "text": p} for p in parts]
    ranks = {str(n) for n in range(1, len(group) + 1)}
    if values and values <= ranks and _distinct_per_response(export, group):
        qid = identifier(first.label, taken)
        question = {"id": qid, "kind": "ranking", "text": first.label, "items": items}
        return question, [(c, Target(qid, i["id"])) for c, i in zip(group, items, strict=True)]
    scale = _known_scale(values)
    if scale is not None:
        qid = identifier(first.label, taken)
        question = {"id": qid, "kind": "rating_grid", "text": first.label, "scale": scale,
                    "statements": items}  # fmt: skip
        return question, [(c, Target(qid, i["id"])) for c, i in zip(group, items, strict=True)]
    return None


_RANK_POSITION = re.compile(r"rank (\d{1,2})")


def _ranked_positions(
    export: Export, group: list[SourceColumn], parts: Sequence[str], taken: set[str]
) -> Inferred | None:
    """A ranking written one column per position, each cell the item put there (LimeSurvey's
    "[Rank 1]", "[Rank 2]"…): the items are the answers seen, each placed once per response."""
    positions = []
    for part in parts:
        found = _RANK_POSITION.fullmatch(normalise(part))
        if found is None:
            return None
        positions.append(int(found.group(1)))
    if positions != list(range(1, len(group) + 1)):
        return None
    placed = sorted({text for c in group for text in _texts(export, c)}, key=str.casefold)
    if len(placed) < 2 or not _distinct_per_response(export, group):
        return None
    first = group[0]
    ids: set[str] = set()
    items = [{"id": identifier(text, ids), "text": text} for text in placed]
    qid = identifier(first.label, taken)
    question = {"id": qid, "kind": "ranking", "text": first.label, "items": items}
    targets = [(c, Target(qid, f"{RANK_PREFIX}{n}")) for c, n in zip(group, positions, strict=True)]
    return question, targets


def _pairs(seen: list[set[str]], parts: Sequence[str]) -> list[tuple[str, str]]:
    return [(v, normalise(p)) for values, p in zip(seen, parts, strict=True) for v in values]


def _single_column(export: Export, column: SourceColumn, taken: set[str]) -> dict[str, Any] | None:
    texts = _texts(export, column)
    raw = export.body[column.position].dropna()
    if len(raw) and all(hasattr(v, "isoformat") for v in raw.head(50)):
        return None  # dates and times: the tool's bookkeeping, not an answer
    text = column.header if column.sublabel is None else f"{column.label} - {column.sublabel}"
    question: dict[str, Any] = {"id": identifier(text, taken), "text": text}
    if texts.empty:
        return {**question, "kind": "free_text"}
    if _is_identifier(column, texts):
        return None  # participant_id, record_id, a row number: which response, not an answer
    numbers = pd.to_numeric(texts.str.replace(",", "", regex=False), errors="coerce")
    # "N/A" and "Don't know" say no number was given: the kind is judged on the rest.
    given = ~texts.map(normalise).isin(_NO_NUMBER)
    if numbers.notna().sum() >= 2 and numbers[given].notna().mean() >= 0.95:
        whole = bool((numbers.dropna() % 1 == 0).all())
        # The few answers that are not numbers ("N/A", "Don't know") become "no number":
        # the guess fits every value, so it can never refuse the file it came from.
        odd = list(dict.fromkeys(texts[numbers.isna()]))
        if odd and len(odd) <= _MAX_MISSING_FORMS:
            return {**question, "kind": "number", "integer": whole, "missing": odd,
                    "help": _missing_note(odd, int(numbers.isna().sum()))}  # fmt: skip
        if not odd:
            return {**question, "kind": "number", "integer": whole}
    tokens = _kobo_choices(export, column, texts)
    if tokens:
        return {**question, "kind": "multiple_choice", "options": tokens, "other": False}
    counts = texts.map(normalise).value_counts()
    scale = _known_scale(set(counts.index))
    if scale is not None:
        return {**question, "kind": "scale", "scale": scale}
    separator = export.separator
    joined = texts.str.contains(separator, regex=False).mean() if separator != " " else 0.0
    if joined >= 0.1 or texts.str.endswith(";").mean() >= 0.5:
        parts = Counter(p.strip() for t in texts for p in t.split(separator) if p.strip())
        options, other = _options(parts, len(texts))
        if options:
            return {**question, "kind": "multiple_choice", "options": options, "other": other}
    originals = Counter(texts)
    options, other = _options(originals, len(texts))
    if options and len(counts) <= max(2, len(texts) / 2):
        return {**question, "kind": "single_choice", "options": options, "other": other}
    return {**question, "kind": "free_text"}


def _options(counts: Counter[str], answers: int) -> tuple[list[str], bool]:
    """The options (in their commonest spelling), and whether rarer answers are "other".

    Up to ten distinct answers are all options; beyond that, answers given only once are
    taken as typed "other" answers if they are a fifth of all answers or fewer.
    """
    by_form: dict[str, Counter[str]] = {}
    for text, n in counts.items():
        by_form.setdefault(normalise(text), Counter())[text] += n
    ranked = sorted(
        ((spellings.most_common(1)[0][0], spellings.total()) for spellings in by_form.values()),
        key=lambda entry: -entry[1],
    )
    if len(ranked) <= 10:
        return [label for label, _ in ranked], False
    repeated = [label for label, n in ranked if n >= 2]
    rare = sum(n for _, n in ranked if n < 2)
    if not repeated or len(repeated) > _MAX_OPTIONS or rare > 0.2 * answers:
        return [], False
    return repeated, rare > 0


def _known_scale(values: set[str]) -> dict[str, Any] | None:
    """The known scale holding every value (at least two of its points), if there is one."""
    off = {normalise(o): o for o in OFF_SCALE}
    for labels, neutral in KNOWN_SCALES:
        points = {normalise(label) for label in labels}
        on_scale = values & points
        if len(on_scale) >= 2 and values <= points | set(off):
            extra = [off[v] for v in off if v in values]
            return {"labels": list(labels), "neutral": neutral, "off_scale": extra}
    return None


def _is_identifier(column: SourceColumn, texts: pd.Series) -> bool:
    """`participant_id` and the like, or an unheaded column of distinct whole numbers."""
    heading = normalise(column.header).replace("_", " ")
    if _IDENTIFIER.match(heading):
        return True
    numbers = pd.to_numeric(texts, errors="coerce")
    distinct_whole = (
        len(texts) >= 2
        and bool(numbers.notna().all())
        and bool((numbers % 1 == 0).all())
        and numbers.is_unique
    )
    if _NO_HEADING.match(heading):
        return distinct_whole
    # A row count down the side: 1, 2, 3 … with no gap.
    return (
        distinct_whole
        and len(texts) >= 10
        and bool(numbers.is_monotonic_increasing)
        and float(numbers.iloc[-1] - numbers.iloc[0]) == len(numbers) - 1
    )


def _missing_note(odd: list[str], count: int) -> str:
    listed = ", ".join(f"“{o}”" for o in odd)
    return f"{count} answers were not numbers ({listed}) and are counted as no number."


def _distinct_per_response(export: Export, group: list[SourceColumn]) -> bool:
    """A ranking gives each item its own rank: a row giving two items the same number is a
    set of ratings (a LimeSurvey numeric array, sliders) and not a ranking."""
    block = export.body[[c.position for c in group]].map(cell_text)
    for row in block.itertuples(index=False):
        given = [v.strip() for v in row if v and v.strip()]
        if len(given) != len(set(given)):
            return False
    return True


def _kobo_choices(export: Export, column: SourceColumn, texts: pd.Series) -> list[str]:
    """The options of a Kobo select_multiple: the names of its 0/1 columns when the export
    has them, else the option names seen in space-separated answers."""
    if export.separator != " ":
        return []
    children = [
        c.header.rsplit("/", 1)[-1]
        for c in export.columns
        if c.header.startswith(column.header + "/") and c.role != "answer"
    ]
    if children:
        return children
    tokens = Counter(t for text in texts for t in text.split())
    several = texts.str.contains(" ", regex=False).mean()
    if (
        several >= 0.1
        and 2 <= len(tokens) <= _MAX_OPTIONS
        and all(_KOBO_NAME.match(t) for t in tokens)
    ):
        return [t for t, _ in tokens.most_common()]
    return []
