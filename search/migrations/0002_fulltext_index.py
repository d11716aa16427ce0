"""The full-text index of ``SearchDocument`` for the database backend.

SQLite: an external-content FTS5 table over the ``*_terms`` columns, kept in step by triggers
(the pattern of the FTS5 documentation, section 4.4.3). PostgreSQL: generated ``tsvector``
columns with GIN indexes. Both use the ``simple`` tokenising only: stemming and folding were done
in Python (``search.text``) before the row was written, so both databases match alike.
"""

from django.db import migrations

COLUMNS = ("title_terms", "meta_terms", "body_terms", "fulltext_terms", "title_words")
TABLE = "search_searchdocument"

_cols = ", ".join(COLUMNS)
_new = ", ".join(f"new.{c}" for c in COLUMNS)
_old = ", ".join(f"old.{c}" for c in COLUMNS)

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE search_fts USING fts5({_cols}, content='{TABLE}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER search_fts_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO search_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
    f"CREATE TRIGGER search_fts_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {_cols}) VALUES ('delete', old.id, {_old}); END",
    f"CREATE TRIGGER search_fts_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {_cols}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO search_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

# A tsvector may not exceed 1 MB: the PDF text is capped at indexing (SEARCH_FULLTEXT_MAX_CHARS)
# and here once more, so an oversized row can never make a publish fail.
POSTGRES_FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, meta_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, left(fulltext_terms, 300000)), 'D')) STORED",
    f"ALTER TABLE {TABLE} ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, title_words)) STORED",
    f"CREATE INDEX search_document_vector ON {TABLE} USING GIN (search_vector)",
    f"CREATE INDEX search_document_title_vector ON {TABLE} USING GIN (title_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title_vector",
    "DROP INDEX IF EXISTS search_document_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS title_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
