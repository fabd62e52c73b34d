"""Full-text search over passages: an FTS5 index on SQLite, a GIN index on PostgreSQL.

SQLite keeps an external-content FTS5 table in step with `interviews_passage` by triggers;
PostgreSQL indexes the English text-search vector of each passage. `queries.search` is the
one function that reads either.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE interviews_passage_fts USING fts5("
    "text, content='interviews_passage', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER interviews_passage_fts_insert AFTER INSERT ON interviews_passage BEGIN "
    "INSERT INTO interviews_passage_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER interviews_passage_fts_delete AFTER DELETE ON interviews_passage BEGIN "
    "INSERT INTO interviews_passage_fts(interviews_passage_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER interviews_passage_fts_update AFTER UPDATE ON interviews_passage BEGIN "
    "INSERT INTO interviews_passage_fts(interviews_passage_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO interviews_passage_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS interviews_passage_fts_insert",
    "DROP TRIGGER IF EXISTS interviews_passage_fts_delete",
    "DROP TRIGGER IF EXISTS interviews_passage_fts_update",
    "DROP TABLE IF EXISTS interviews_passage_fts",
]
POSTGRES_CREATE = [
    "CREATE INDEX interviews_passage_search ON interviews_passage "
    "USING GIN (to_tsvector('english', text))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS interviews_passage_search"]


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
