"""Writes to the service register: one function per use case, each checking the actor's role,
each in a transaction, each audited once. One module per kind of use case."""

from pairsight.servicemap.actions.classify import (
    add_service,
    classify_service,
    decide_triage,
    intervention_choices,
    mark_sector,
)
from pairsight.servicemap.actions.export import EXPORTS, export_register
from pairsight.servicemap.actions.imports import FEED_FIELDS, MAX_ERRORS_SHOWN, import_services
from pairsight.servicemap.actions.locate import locate_services

__all__ = [
    "EXPORTS",
    "FEED_FIELDS",
    "MAX_ERRORS_SHOWN",
    "add_service",
    "classify_service",
    "decide_triage",
    "export_register",
    "import_services",
    "intervention_choices",
    "locate_services",
    "mark_sector",
]
