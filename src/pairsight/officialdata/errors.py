"""The one error every loader raises: a file that cannot be used, said in one sentence."""

from __future__ import annotations


class SourceFileError(ValueError):
    """A published data file that is the wrong kind, the wrong layout, cut short or lacks an area.

    The message is one sentence a user can act on: it names the file and, where it can,
    the sheet, row, column or area code.
    """


class AreaNotFoundError(SourceFileError):
    """The file is fine but holds no row for the area code asked for."""
