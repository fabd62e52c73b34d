"""The SQL of the first full-text search index (0002), kept for 0004 to drop and restore."""

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
