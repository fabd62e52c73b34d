"""Workstreams 3 and 4: the practitioner and parent surveys, from questionnaire to findings.

Everything here except the Django glue (models, views, forms, urls, actions, queries, report,
admin, apps) is pure Python: instruments, importers, analysis and the synthetic demo data.
"""
