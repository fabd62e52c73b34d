"""Which column answers which question: proposed by fuzzy text match, confirmed by a person.

Exports rarely repeat the questionnaire word for word (Forms trims, SurveyMonkey splits a
question over two header rows, Kobo writes variable names), so every answer column is
scored against every question (and statement, option or item) and the best one-to-one
matches are proposed with their scores. The user confirms or overrides them once; the
mapping is saved as JSON and reused for the next upload of the same survey.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from pairsight.surveys.answer_text import normalise, slug
from pairsight.surveys.importers.export import Export, SourceColumn, cell_text
from pairsight.surveys.instruments.model import (
    Instrument,
    MultipleChoice,
    Question,
    Ranking,
    RatingGrid,
    SingleChoice,
)

#: Below this score a column is left unmatched (with its best guess shown), not proposed.
THRESHOLD = 75.0
OTHER = "other"
#: A ranking column holding the item put at one position (LimeSurvey's `Q[1]`): "rank:1".
RANK_PREFIX = "rank:"
#: How many answers of a column are looked at to match it by its values.
SEEN_ANSWERS = 1000


@dataclass(frozen=True)
class Target:
    """A question, or one part of it: a grid statement or ranking item (by id), an option of a
    multiple-choice question answered in its own column (by label), or its "other" box."""

    question_id: str
    item: str | None = None

    def describe(self) -> str:
        return self.question_id if self.item is None else f"{self.question_id} [{self.item}]"


@dataclass(frozen=True)
class ColumnMatch:
    header: str
    target: Target | None
    score: float
    #: True once a person has confirmed or set this match (then it is never re-guessed).
    confirmed: bool = False
    #: The best guess when the score was too low to propose it.
    suggestion: Target | None = None


@dataclass(frozen=True)
class ColumnMapping:
    """The answer columns of an export and the question each one answers (None: not imported)."""

    instrument_id: str
    instrument_version: str
    matches: tuple[ColumnMatch, ...] = field(default_factory=tuple)

    @property
    def matched(self) -> dict[str, Target]:
        return {m.header: m.target for m in self.matches if m.target is not None}

    @property
    def unmatched(self) -> list[str]:
        return [m.header for m in self.matches if m.target is None]

    def match(self, header: str) -> ColumnMatch:
        for m in self.matches:
            if m.header == header:
                return m
        raise KeyError(f"No column {header!r} in this mapping.")

    def override(
        self, header: str, question_id: str | None, item: str | None = None
    ) -> ColumnMapping:
        """The mapping with `header` set by a person to a question (or to nothing)."""
        current = self.match(header)
        target = Target(question_id, item) if question_id is not None else None
        chosen = replace(current, target=target, score=100.0, confirmed=True, suggestion=None)
        # A target answers one column only: whichever column had it loses it.
        matches = tuple(
            chosen
            if m.header == header
            else (replace(m, target=None, score=0.0) if target and m.target == target else m)
            for m in self.matches
        )
        return replace(self, matches=matches)

    def confirm_all(self) -> ColumnMapping:
        return replace(self, matches=tuple(replace(m, confirmed=True) for m in self.matches))

    def to_json(self) -> str:
        return json.dumps(
            {
                "instrument": self.instrument_id,
                "version": self.instrument_version,
                "columns": [_match_json(m) for m in self.matches],
            },
            indent=2,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data = json.loads(text)
        return cls(
            data["instrument"],
            str(data["version"]),
            tuple(
                ColumnMatch(
                    c["header"],
                    Target(c["question"], c.get("item")) if c.get("question") else None,
                    float(c.get("score", 100.0)),
                    bool(c.get("confirmed", False)),
                )
                for c in data["columns"]
            ),
        )


def _match_json(m: ColumnMatch) -> dict[str, Any]:
    return {
        "header": m.header,
        "question": m.target.question_id if m.target else None,
        "item": m.target.item if m.target else None,
        "score": round(m.score, 1),
        "confirmed": m.confirmed,
    }


def targets(instrument: Instrument) -> list[tuple[Target, Question, str | None]]:
    """Everything a column can answer: (target, its question, the item's text)."""
    found: list[tuple[Target, Question, str | None]] = []
    for q in instrument.questions:
        if isinstance(q, RatingGrid):
            found += [(Target(q.id, s.id), q, s.text) for s in q.statements]
            continue
        found.append((Target(q.id), q, None))
        if isinstance(q, Ranking):
            found += [(Target(q.id, i.id), q, i.text) for i in q.items]
            found += [
                (Target(q.id, f"{RANK_PREFIX}{n}"), q, f"Rank {n}")
                for n in range(1, len(q.items) + 1)
            ]
        if isinstance(q, SingleChoice | MultipleChoice):
            # Older SurveyMonkey exports spread one-answer questions over option columns too.
            found += [(Target(q.id, o.label), q, o.label) for o in q.options]
        if isinstance(q, MultipleChoice) and q.other:
            # The tick box of "Other" (REDCap's last `q___N`), beside its text box.
            found.append((Target(q.id, q.other_label), q, q.other_label))
        if isinstance(q, SingleChoice | MultipleChoice) and q.other:
            found.append((Target(q.id, OTHER), q, q.other_label))
    return found


def propose_mapping(
    export: Export, instrument: Instrument, saved: ColumnMapping | None = None
) -> ColumnMapping:
    """The best one-to-one matches of the export's answer columns to the questionnaire.

    Matches confirmed in `saved` (a mapping from an earlier upload) are kept as they were.
    """
    columns = export.answer_columns
    kept: dict[str, ColumnMatch] = {}
    valid = {t for t, _, _ in targets(instrument)}
    if saved is not None:
        for m in saved.matches:
            if m.confirmed and (m.target is None or m.target in valid):
                kept[m.header] = m
    taken = {m.target for m in kept.values() if m.target is not None}
    scored = []
    listed = targets(instrument)
    options = {q.id: _options(q) for q in instrument.questions}
    for column in columns:
        if column.header in kept:
            continue
        seen = _values_seen(export, column)
        parts = _parts_seen(seen, export.separator)
        for target, question, item_text in listed:
            if target in taken:
                continue
            score = _score(column, target, question, item_text)
            if target.item is None and column.sublabel is None and not column.is_other:
                answers = parts if isinstance(question, MultipleChoice) else seen
                score = max(score, _with_values(score, answers, options[question.id]))
            if score > 0:
                scored.append((score, column.position, column.header, target))
    scored.sort(key=lambda s: (-s[0], s[1]))
    chosen: dict[str, ColumnMatch] = {}
    best: dict[str, tuple[float, Target]] = {}
    for score, _, header, target in scored:
        best.setdefault(header, (score, target))
        if header in chosen or header in kept or target in taken or score < THRESHOLD:
            continue
        chosen[header] = ColumnMatch(header, target, score)
        taken.add(target)
    matches = []
    for column in columns:
        if column.header in kept:
            matches.append(kept[column.header])
        elif column.header in chosen:
            matches.append(chosen[column.header])
        else:
            guess = best.get(column.header)
            matches.append(
                ColumnMatch(
                    column.header,
                    None,
                    guess[0] if guess else 0.0,
                    suggestion=guess[1] if guess else None,
                )
            )
    return ColumnMapping(instrument.id, instrument.version, tuple(matches))


def _values_seen(export: Export, column: SourceColumn) -> frozenset[str]:
    """The distinct answers in a column (normalised), from its first thousand answers."""
    values = export.body[column.position]
    # The first thousand answers are usually within the first few thousand rows: only those
    # are looked at, unless the column is mostly empty.
    for rows in (4 * SEEN_ANSWERS, len(values)):
        answers = values.iloc[:rows].dropna().head(SEEN_ANSWERS)
        if len(answers) == SEEN_ANSWERS or rows >= len(values):
            break
    # Each distinct cell once (by type too: True, 1 and 1.0 are written differently).
    distinct = dict.fromkeys(zip(map(type, answers), answers, strict=True))
    texts = {cell_text(value) for _, value in distinct}
    return frozenset(normalise(text) for text in texts if text.strip())


def _parts_seen(seen: frozenset[str], separator: str) -> frozenset[str]:
    """The options seen in joined multiple-choice cells ("A;B;")."""
    return frozenset(p.strip() for v in seen for p in v.split(separator) if p.strip())


def _options(question: Question) -> frozenset[str] | None:
    """A question's own options, normalised: None for a question without its own."""
    # Only a question's own options are evidence: an agreement or ease scale is shared by
    # many questions, so its labels in a column say nothing about which one it answers.
    if not isinstance(question, SingleChoice | MultipleChoice):
        return None
    return frozenset(normalise(o.label) for o in question.options)


def _with_values(text_score: float, seen: frozenset[str], options: frozenset[str] | None) -> float:
    """A reworded heading ("Profession" for "What is your profession?") still matches when
    the answers in the column are the question's options: the text and the values each
    count for half, so options alone never match a column whose heading is unrelated.
    `seen` holds the column's answers, split into options for a multiple-choice question."""
    if options is None or len(seen) < 2:
        return 0.0
    share = sum(1 for v in seen if v in options) / len(seen)
    return 0.5 * text_score + 50.0 * share if share >= 0.8 else 0.0


def _similarity(a: str, b: str) -> float:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b))


def _code_match(column: SourceColumn, question: Question) -> bool:
    return column.code is not None and slug(column.code) == question.id


def _score(
    column: SourceColumn, target: Target, question: Question, item_text: str | None
) -> float:
    if target.item == OTHER:
        if not column.is_other:
            return 0.0
        named = column.code is not None and slug(column.code).removesuffix("_other") == question.id
        return 100.0 if named else _similarity(column.label, question.text)
    if column.is_other:
        return 0.0
    if target.item is None:
        if column.sublabel is not None:
            return 0.0  # a column that is one statement or option cannot be a whole question
        if _code_match(column, question):
            return 100.0
        # Tools that write variable names (Kobo, REDCap) are matched on the question id.
        as_name = fuzz.ratio(normalise(column.label), question.id.replace("_", " "))
        return max(_similarity(column.header, question.text), as_name)
    assert item_text is not None
    if column.sublabel is None:
        code = slug(column.code or "")
        # The part's names only when there is a code to compare (most columns have none).
        if code and code in {
            f"{question.id}_{name}" for name in _part_names(question, target, item_text)
        }:
            return 100.0  # a field of its own per part: REDCap and Kobo `question_item`
        if not isinstance(question, RatingGrid):
            return 0.0
        # A grid statement with one header: "Question.Statement" (Forms) or the statement.
        return max(
            _similarity(column.header, item_text),
            _similarity(column.header, f"{question.text} {item_text}"),
            _similarity(column.header, f"{question.text}.{item_text}"),
        )
    question_score = (
        100.0 if _code_match(column, question) else _similarity(column.label, question.text)
    )
    named = normalise(column.sublabel) in _part_names(question, target, item_text)
    part_score = 100.0 if named else _similarity(column.sublabel, item_text)
    weight = 0.7 if isinstance(question, RatingGrid) else 0.6
    return (1 - weight) * question_score + weight * part_score


def _part_names(question: Question, target: Target, text: str) -> set[str]:
    """What an export may call a part instead of its text: its id, code or position."""
    parts: list[tuple[str, str | None]]
    if isinstance(question, MultipleChoice):
        parts = [(o.label, o.code) for o in question.options]
        if question.other:
            parts.append((question.other_label, "other"))
    elif isinstance(question, RatingGrid):
        parts = [(s.id, None) for s in question.statements]
    elif isinstance(question, Ranking):
        if target.item and target.item.startswith(RANK_PREFIX):
            position = target.item.removeprefix(RANK_PREFIX)
            return {position, f"rank {position}"}
        parts = [(i.id, None) for i in question.items]
    else:
        return set()
    for n, (key, code) in enumerate(parts, start=1):
        if key == target.item:
            names = {f"sq{n:03d}", slug(text), slug(key)}
            if not isinstance(question, Ranking):  # a bare number in a ranking is a position
                names |= {str(n), f"a{n}"}
            return names | ({normalise(code)} if code else set())
    return set()
