"""Accent- and case-insensitive substring search on PostgreSQL (portal.core.search).

`unaccent()` is only STABLE (its dictionary could change), so it cannot appear in an index;
`f_unaccent` wraps it with the dictionary named, declared IMMUTABLE, the usual way. Trigram GIN
indexes on `f_unaccent(lower(column))` serve `LIKE '%words%'` on exactly that expression.

On SQLite every operation here does nothing: the extensions operations skip other databases,
and the SQL runs only on PostgreSQL.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# (table, column): the organisation's names in every language and script, its acronym and
# descriptions (all searched together: one column without an index would make PostgreSQL read
# the whole table), and the offers' words the directory also searches.
INDEXED = [
    ("portal_organisation", "name_en"),
    ("portal_organisation", "name_it"),
    ("portal_organisation", "name_zh_hans"),
    ("portal_organisation", "native_name"),
    ("portal_organisation", "acronym"),
    ("portal_organisation", "description_en"),
    ("portal_organisation", "description_it"),
    ("portal_organisation", "description_zh_hans"),
    ("portal_cooperationprofile", "keywords"),
    ("portal_cooperationprofile", "title_en"),
]


def _index_name(table: str, column: str) -> str:
    return f"{table.removeprefix('portal_')}_{column}_folded_trgm"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # The schema the extension went into (the first of the search path when created).
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        schema = cursor.fetchone()[0]
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
        f" AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$"
    )
    for table, column in INDEXED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_index_name(table, column)} ON {table}"
            f" USING gin (f_unaccent(lower({column})) gin_trgm_ops)"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index_name(table, column)}")
    schema_editor.execute("DROP FUNCTION IF EXISTS f_unaccent(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_user_native_name_time_zone_privacy"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create, drop),
    ]
