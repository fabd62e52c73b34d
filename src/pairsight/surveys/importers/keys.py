"""A stable key for each response, so that importing the same file again adds nothing.

The export's own response ID is the key when it has one (Forms "ID", SurveyMonkey
"Respondent ID", Qualtrics "ResponseId", REDCap "record_id", Kobo "_uuid"). Without one,
the key is a hash of the row's cells; identical rows get "#2", "#3" in the order they come,
which a re-import reproduces.
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt
import pandas as pd

from pairsight.surveys.importers.errors import ImportProblem
from pairsight.surveys.importers.export import Export, cell_text


def own_ids(export: Export) -> list[str]:
    """The tool's own response ID of each row ("" where it has none, or the file no IDs)."""
    key_column = next((c for c in export.columns if c.role == "key"), None)
    if key_column is None:
        return [""] * len(export.body)
    return [cell_text(v).strip() for v in export.body[key_column.position].tolist()]


def response_keys(
    export: Export, own: list[str] | None = None
) -> tuple[pd.Index, list[ImportProblem]]:
    """Each row's key, and a problem for each ID given twice; `own` is `own_ids(export)`,
    when the caller has it already (the IDs are read once for keys and identities)."""
    body = export.body
    key_column = next((c for c in export.columns if c.role == "key"), None)
    if key_column is None:
        return pd.Index(_row_hashes(export), name="response_key"), []
    own = own_ids(export) if own is None else own
    # Hashing every cell is the costly part: only rows without their own ID need it.
    hashed = _row_hashes(export) if not all(own) else [""] * len(own)
    keys = [
        f"{key_column.header}:{value}" if value else row
        for value, row in zip(own, hashed, strict=True)
    ]
    problems = []
    first_row: dict[str, int] = {}
    for row, value, key in zip(body.index, own, keys, strict=True):
        if key in first_row and value:
            problems.append(
                ImportProblem(
                    f"{key_column.header} {value} appears twice (also in row {first_row[key]}); "
                    "each response needs its own ID.",
                    row=int(row),
                    column=key_column.letter,
                    header=key_column.header,
                    value=value,
                )
            )
        first_row.setdefault(key, int(row))
    return pd.Index(keys, name="response_key"), problems


def _row_hashes(export: Export) -> list[str]:
    positions = [c.position for c in export.columns if c.role != "synthetic"]
    cells = export.body[positions].astype(str)
    hashes = pd.util.hash_pandas_object(cells, index=False).to_numpy()
    labels = pd.Series([f"row-{h:016x}" for h in hashes])
    occurrence = labels.groupby(labels).cumcount().to_numpy()
    return [
        label if n == 0 else f"{label}#{n + 1}" for label, n in zip(labels, occurrence, strict=True)
    ]


_TUPLE_SEED, _TUPLE_MULTIPLIER, _TUPLE_FINAL = 0x345678, 1000003, 97531

#: Headings of the column that says when a response was started (or, failing that, sent).
_STARTED = (
    "start time", "start date", "startdate", "started", "date started", "start", "starttime",
    "timestamp", "submitdate", "date submitted", "_submission_time", "completion time",
    "end date", "enddate", "recordeddate",
)  # fmt: skip


def response_identities(
    export: Export, answers: pd.DataFrame, own: list[str] | None = None
) -> pd.DataFrame:
    """Per response (index as `answers`): `identity`, from the tool's response ID and the
    start time ("" without an ID), and `fingerprint`, from the start time and the answers.

    Both are worked out from what the response says, not from how the file is laid out: the
    same responses exported again as CSV instead of Excel, with columns added or moved,
    or under another file name, give the same identity and fingerprint.
    """
    started = _started(export)
    own = own_ids(export) if own is None else own
    fingerprints = [f"{h:016x}" for h in fingerprint_hashes(started, answers)]
    identity_frame = pd.DataFrame({"id": own, "started": started})
    identity_hashes = pd.util.hash_pandas_object(identity_frame, index=False).to_numpy()
    identities = [
        f"{h:016x}" if value else "" for value, h in zip(own, identity_hashes, strict=True)
    ]
    return pd.DataFrame({"identity": identities, "fingerprint": fingerprints}, index=answers.index)


def fingerprint_hashes(started: list[str], answers: pd.DataFrame) -> npt.NDArray[np.uint64]:
    """Per row, pandas' hash of the row's start time and answers (columns by name) as text.

    The same numbers as `hash_pandas_object` of the frame as text, which stored fingerprints
    were made with, worked out a column at a time: a choice question's text is hashed once
    per option rather than once per row.
    """
    columns = [pd.Series(started)] + [answers[name] for name in sorted(answers.columns)]
    combined = np.full(len(answers), _TUPLE_SEED, dtype=np.uint64)
    multiplier = np.uint64(_TUPLE_MULTIPLIER)
    # CPython's tuple hash, as pandas combines column hashes into a row's.
    for position, column in enumerate(columns):
        combined ^= _text_hashes(column)
        combined *= multiplier
        multiplier += np.uint64(82520 + 2 * (len(columns) - position))
    combined += np.uint64(_TUPLE_FINAL)
    return combined


def _text_hashes(column: pd.Series) -> npt.NDArray[np.uint64]:
    """Each row's hash of its value as text, worked out once per distinct value."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Position 0 is an empty answer, then each option in order: codes + 1 pick them.
        options = pd.Categorical.from_codes(
            np.arange(-1, len(column.cat.categories)), dtype=column.dtype
        )
        positions = np.asarray(column.cat.codes.to_numpy(), dtype=np.intp) + 1
        return _hashes_of(pd.Series(options), positions)
    if isinstance(column.dtype, pd.Int64Dtype | pd.Float64Dtype):
        # Numbers by their bits: -0.0 and 0.0 are written differently, so are not one value.
        kind = np.int64 if isinstance(column.dtype, pd.Int64Dtype) else np.float64
        bits = column.to_numpy(dtype=kind, na_value=0).view(np.int64)
        missing = column.isna().to_numpy()
        _, first, found = np.unique(bits[~missing], return_index=True, return_inverse=True)
        # Code len(first), after the numbers, is an empty answer (the first one stands for all).
        rows = np.concatenate([np.flatnonzero(~missing)[first], np.flatnonzero(missing)[:1]])
        codes = np.full(len(column), len(first), dtype=np.intp)
        codes[~missing] = found
        return _hashes_of(column.iloc[rows], codes)
    values = column.to_numpy(dtype=object)
    # Multiple-choice answers: tuples of labels, the same text whenever they are equal. Their
    # types are checked on the distinct tuples (a tuple equals only a tuple) and the empties.
    codes, distinct = pd.factorize(values)
    empties = values[codes < 0]
    if (
        set(map(type, distinct)) <= {tuple}
        and set(map(type, itertools.chain.from_iterable(distinct))) <= {str}
        and all(v is None for v in empties)
    ):
        # Code len(distinct), after the tuples, is an empty answer.
        codes[codes < 0] = len(distinct)
        return _hashes_of(pd.Series([*distinct, None], dtype=object), codes)
    hashes = pd.util.hash_pandas_object(column.astype(str), index=False)
    return np.asarray(hashes.to_numpy(), dtype=np.uint64)


def _hashes_of(distinct: pd.Series, codes: npt.NDArray[np.intp]) -> npt.NDArray[np.uint64]:
    """The hash of each distinct value as text, spread over the rows by `codes`."""
    each = pd.util.hash_pandas_object(distinct.astype(str), index=False).to_numpy()
    return np.asarray(each[codes], dtype=np.uint64)


def _started(export: Export) -> list[str]:
    """The start time of each response to the minute, as ISO text ("" when not known)."""
    names = {c.header.strip().lower(): c for c in export.columns if c.role != "answer"}
    column = next((names[n] for n in _STARTED if n in names), None)
    if column is None:
        return [""] * len(export.body)
    texts = export.body[column.position].map(cell_text).str.strip()
    # ISO text (Excel's dates, Qualtrics, Kobo) is year first; other text is a UK export's
    # day first ("01/06/2022 10:05" is the 1st of June).
    iso = texts.str.match(r"^\d{4}-")
    minutes = texts.copy()
    for mask, dayfirst in ((iso, False), (~iso, True)):
        if mask.any():
            # In UTC, so that times with and without an offset can be compared at all.
            times = _parsed(texts[mask], dayfirst)
            minutes[mask] = _to_the_minute(times).where(times.notna(), texts[mask])
    return [str(m) for m in minutes]


#: How tools write a time, tried in turn before the slow guess per value ("mixed"): Excel's
#: dates as text and Qualtrics/Kobo are ISO; Forms and Google Forms in the UK write day first.
_KNOWN_FORMATS = {False: ("ISO8601",), True: ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")}


def _parsed(texts: pd.Series, dayfirst: bool) -> pd.Series:
    """Each text as a time in UTC (NaT when it is none): the tools' known formats first, then
    pandas' guess for the values that fit none of them, which gives the same time."""
    times = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[us, UTC]")
    left = texts
    for known in (*_KNOWN_FORMATS[dayfirst], "mixed"):
        if left.empty:
            break
        # In UTC, so that times with and without an offset can be compared at all.
        found = pd.to_datetime(left, errors="coerce", dayfirst=dayfirst, format=known, utc=True)
        times[found.index] = found
        left = left[found.isna()]
    return times


def _to_the_minute(times: pd.Series) -> pd.Series:
    """Each time (in UTC) as "2024-01-08T10:05Z": the minute it falls in."""
    found = times.dropna()
    if len(found) and not ((found.dt.year >= 1000) & (found.dt.year <= 9999)).all():
        written: pd.Series = times.dt.strftime("%Y-%m-%dT%H:%MZ")  # numpy writes them its way
        return written
    # numpy writes the text in C, many times faster than strftime per value; the cast to
    # minutes floors, as strftime's %M does (also before 1970).
    minutes = times.dt.tz_localize(None).to_numpy().astype("datetime64[m]")
    return pd.Series(
        np.char.add(np.datetime_as_string(minutes), "Z").astype(object), index=times.index
    )
