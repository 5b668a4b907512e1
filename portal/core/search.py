"""Search as people type it: accents and case ignored ("Citta", "universita" and "Università"
find the same rows), Chinese untouched.

One lookup, `__folded` ("folded contains"), on every text column a filter searches:

* PostgreSQL compares `f_unaccent(lower(column))`, an IMMUTABLE wrapper around the `unaccent`
  extension created in migration 0010, which also builds trigram GIN indexes (`pg_trgm`) on that
  very expression for the organisation names, so a substring LIKE is an index scan at 100,000
  organisations.
* SQLite (the embedded default) compares `ponte_fold(column)`, the Python `fold` below registered
  on every new connection. We chose a registered function over a stored normalised column: no
  column for every save to keep in step, no backfill, and the same query on both databases; the
  embedded default is small, so the per-row Python call costs little.

The searched words are folded in Python on both databases.
"""

import unicodedata

from django.db import NotSupportedError
from django.db.backends.signals import connection_created
from django.db.models import CharField, Lookup, TextField

# Letters NFKD does not split into a base letter and an accent, folded as `unaccent` does.
_LETTERS = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})


def fold(text: str | None) -> str | None:
    """Lower case without accents: "Università" → "universita"; Chinese is unchanged."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    # NFC again so that what is left (Hangul, kana with marks kept) compares as typed.
    return unicodedata.normalize("NFC", bare.translate(_LETTERS))


@CharField.register_lookup
@TextField.register_lookup
class FoldedContains(Lookup):
    """`column__folded=words`: the column contains the words, ignoring accents and case."""

    lookup_name = "folded"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = f"%{connection.ops.prep_for_like_query(fold(str(self.rhs)))}%"
        # The LIKE operator with the escape clause each backend's `contains` uses.
        like = connection.operators["contains"]
        if connection.vendor == "postgresql":
            # Exactly the indexed expression (migration 0010), or the index is not used.
            return f"f_unaccent(lower({lhs})) {like}", [*lhs_params, pattern]
        if connection.vendor == "sqlite":
            return f"ponte_fold({lhs}) {like}", [*lhs_params, pattern]
        # The portal runs on these two (settings.DATABASES); another would need its own SQL.
        raise NotSupportedError(f"__folded is not written for {connection.vendor}")


def _register_sqlite_function(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        # deterministic: SQLite may then use it in indexes and reuse its results.
        connection.connection.create_function("ponte_fold", 1, fold, deterministic=True)


connection_created.connect(_register_sqlite_function, dispatch_uid="ponte_fold")
