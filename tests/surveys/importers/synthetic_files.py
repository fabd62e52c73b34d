"""Small synthetic exports written in the tests, as CSV bytes, and what PAIRsight makes of
them with no questionnaire (the kinds inferred)."""

from __future__ import annotations

from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.export import Export
from pairsight.surveys.importers.pipeline import ImportResult, import_responses
from pairsight.surveys.inference import infer_instrument
from pairsight.surveys.instruments.model import Instrument


def csv_bytes(*rows: str) -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode()


def inferred(
    content: bytes, name: str = "synthetic.csv"
) -> tuple[Export, Instrument, ImportResult]:
    export = read_export(content, name)
    instrument, mapping = infer_instrument(export)
    return export, instrument, import_responses(export, instrument, mapping=mapping)
