"""Text matching that fits how people type Polish: case and diacritics optional, on SQLite and PostgreSQL.

Stored text and the query are folded the same way: lower case, then the letters of FOLD_TABLE replaced by
plain ones, so "bilgoraj", "BIŁGORAJ" and "Biłgoraj" all meet. PostgreSQL folds with LOWER and TRANSLATE;
SQLite (whose LOWER knows only ASCII) calls fold_text itself, registered on each connection.
"""

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models import Value
from django.db.models.functions import Lower

# Lower-case letters only: both sides lower the text first. One letter each, as TRANSLATE needs.
FOLD_TABLE = {
    "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z",
    "ä": "a", "ö": "o", "ü": "u",
    "á": "a", "č": "c", "ď": "d", "é": "e", "ě": "e", "í": "i", "ň": "n", "ř": "r", "š": "s", "ť": "t",
    "ú": "u", "ů": "u", "ý": "y", "ž": "z", "ė": "e", "į": "i", "ū": "u", "ų": "u",
}  # fmt: skip
_TRANSLATION = str.maketrans(FOLD_TABLE)
SQLITE_FUNCTION = "kronika_fold"


def fold_text(text: str | None) -> str | None:
    """Lower case, with the letters of FOLD_TABLE replaced by their plain forms."""
    return None if text is None else text.lower().translate(_TRANSLATION)


class Fold(models.Func):
    """The database expression of fold_text()."""

    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):
        letters, plain = "".join(FOLD_TABLE), "".join(FOLD_TABLE.values())
        translated = models.Func(
            Lower(*self.source_expressions),
            Value(letters),
            Value(plain),
            function="TRANSLATE",
            output_field=self.output_field,
        )
        return compiler.compile(translated)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)


def fold_expression(expression: models.Expression) -> models.Expression:
    return Fold(expression)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the fold function (connected in the app's ready())."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold_text, deterministic=True)


def connect() -> None:
    connection_created.connect(register_sqlite_fold, dispatch_uid="kronika_sqlite_fold")
