"""Text matching that fits how people type Polish: case and diacritics optional, on SQLite and PostgreSQL.

The database folds stored text with nested REPLACE and LOWER (both databases have them; SQLite's LOWER
only knows ASCII, so capitals with diacritics are replaced explicitly), and Python folds the query with
the same table, so "bilgoraj", "BIŁGORAJ" and "Biłgoraj" all meet.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce, Concat, Lower, Replace
from wagtail.search.index import SearchField

_FOLDS = {
    "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z",
    "ä": "a", "ö": "o", "ü": "u", "ß": "ss",
    "á": "a", "č": "c", "ď": "d", "é": "e", "ě": "e", "í": "i", "ň": "n", "ř": "r", "š": "s", "ť": "t",
    "ú": "u", "ů": "u", "ý": "y", "ž": "z", "ė": "e", "į": "i", "ū": "u", "ų": "u",
}  # fmt: skip
FOLD_TABLE = {**_FOLDS, **{letter.upper(): plain for letter, plain in _FOLDS.items() if letter != "ß"}}
# Words this long lose their last letters so Polish inflections still match: "gniezno" finds "Gnieźnie".
STEM_FROM_LENGTH = 6
STEM_CUT = 2


def fold_text(text: str) -> str:
    """Lower case, with the letters of FOLD_TABLE replaced by their plain forms."""
    return "".join(FOLD_TABLE.get(char, char) for char in text).lower()


def fold_expression(expression: models.Expression) -> models.Expression:
    """The database expression of fold_text()."""
    for letter, plain in FOLD_TABLE.items():
        expression = Replace(expression, Value(letter), Value(plain), output_field=models.TextField())
    return Lower(expression)


def stem(word: str) -> str:
    return word[:-STEM_CUT] if len(word) >= STEM_FROM_LENGTH else word


def folded_text_of(field_names: list[str]) -> models.Expression:
    """The folded text of several fields, joined with spaces."""
    parts: list = []
    for name in field_names:
        parts.extend([Coalesce(models.F(name), Value(""), output_field=models.TextField()), Value(" ")])
    joined = Concat(*parts, output_field=models.TextField()) if len(parts) > 1 else parts[0]
    return fold_expression(joined)


def searchable_fields(model: type[models.Model]) -> list[str]:
    """The text columns a model indexes for search (its search_fields), in order."""
    names = []
    for search_field in getattr(model, "search_fields", []):
        name = getattr(search_field, "field_name", None)
        if not isinstance(search_field, SearchField) or name in names:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a search field may name a property
            continue
        if isinstance(field, models.CharField | models.TextField) and not field.is_relation:
            names.append(name)
    return names
