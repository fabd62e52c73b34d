"""The import pages: a feed or spreadsheet given on the page, imported by the worker."""
