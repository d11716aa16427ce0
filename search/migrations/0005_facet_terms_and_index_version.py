"""Facet tokens in the SQLite full-text index, and the index version (issue #5, performance).

SQLite: the FTS5 table gains a sixth column, ``facet_terms`` (weight 0 in the ranking), so a
filtered query (``tahun:2024``) is intersected inside the index and only the documents that pass
are ranked. The table is recreated and rebuilt from its content table (FTS5 documentation,
section 4.4.3, "rebuild"). Existing rows get their tokens here; the function is copied from
``search.backends.database.facet_tokens`` as it was when this migration was written, so that the
migration does not change if that function does.
"""

import secrets

import django.utils.timezone
from django.db import migrations, models

TABLE = "search_searchdocument"
OLD_COLUMNS = ("title_terms", "meta_terms", "body_terms", "fulltext_terms", "title_words")
NEW_COLUMNS = (*OLD_COLUMNS, "facet_terms")
PREFIXES = {"type": "t", "year": "y", "frequency": "f", "price": "p", "region": "r", "subject": "s"}


def _token(facet, value):
    return f"z{PREFIXES[facet]}{str(value).encode().hex()}"


def _split(bar):
    return [v for v in (bar or "").strip("|").split("|") if v]


def _tokens(row):
    pairs = [("type", row.doc_type), ("year", row.year), ("frequency", row.frequency)]
    pairs.append(("price", row.price_class))
    pairs += [("region", code) for code in _split(row.region_codes)]
    pairs += [("subject", slug) for slug in _split(row.subject_slugs)]
    return " ".join(_token(f, v) for f, v in pairs if v not in (None, ""))


def _fts_statements(columns):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE search_fts USING fts5({cols}, content='{TABLE}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER search_fts_ai AFTER INSERT ON {TABLE} BEGIN "
        f"INSERT INTO search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER search_fts_ad AFTER DELETE ON {TABLE} BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER search_fts_au AFTER UPDATE ON {TABLE} BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def forward(apps, schema_editor):
    sqlite = schema_editor.connection.vendor == "sqlite"
    if sqlite:
        for statement in DROP_FTS:
            schema_editor.execute(statement)
    document = apps.get_model("search", "SearchDocument")
    batch = []
    for row in document.objects.only(
        "doc_type", "year", "frequency", "price_class", "region_codes", "subject_slugs"
    ).iterator(chunk_size=2000):
        row.facet_terms = _tokens(row)
        batch.append(row)
        if len(batch) >= 2000:
            document.objects.bulk_update(batch, ["facet_terms"])
            batch = []
    if batch:
        document.objects.bulk_update(batch, ["facet_terms"])
    if sqlite:
        for statement in _fts_statements(NEW_COLUMNS):
            schema_editor.execute(statement)
    apps.get_model("search", "SearchIndexState").objects.create(version=secrets.token_hex(16))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP_FTS + _fts_statements(OLD_COLUMNS):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_librarian_synonyms")]

    operations = [
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.CharField(max_length=32, verbose_name="version")),
                (
                    "changed_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="changed at"
                    ),
                ),
            ],
            options={
                "verbose_name": "search index state",
                "verbose_name_plural": "search index states",
            },
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="facet_terms",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(forward, backward),
    ]
