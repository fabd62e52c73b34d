"""Full-text search over passages: an FTS5 index on SQLite, a GIN index on PostgreSQL.

SQLite keeps an external-content FTS5 table in step with `interviews_passage` by triggers;
PostgreSQL indexes the English text-search vector of each passage. `queries.search` is the
one function that reads either.
"""

from django.db import migrations

from pairsight.interviews.migrations._search_sql import (
    POSTGRES_CREATE,
    POSTGRES_DROP,
    SQLITE_CREATE,
    SQLITE_DROP,
)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("interviews", "0001_participants_transcripts_codebook_excerpts")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
