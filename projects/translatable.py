"""What translators are offered and what is copied unchanged from the source.

Offered as strings: titles, slugs, summaries, rich text, captions, alt text, photo credits, roles,
departments, goals, outcomes, quote text, labels, notes, place names (city, region, venue) and
organisation names (translators keep a name as it is, or translate it where English texts do, e.g.
“Caritas Archidiecezji Gnieźnieńskiej” → “Caritas of the Archdiocese of Gniezno”).

Synchronised, never offered and never overridable: people's names, acronyms, dates, years, e-mails,
phones, office hours, postal addresses, amounts, currencies, agreement numbers, URLs, images,
booleans, choices and internal notes. Relations to snippets follow the snippet into the target
locale (wagtail-localize's related-object segments); translators never type them.
"""

from typing import Any

from wagtail_localize.fields import SynchronizedField


def synchronised(*field_names: str) -> list[SynchronizedField]:
    """Fields copied from the source on every sync, which translators can neither see nor override."""
    return [SynchronizedField(name, overridable=False) for name in field_names]


class SynchronisedBlockMixin:
    """A block whose value is copied from the source: wagtail-localize extracts nothing from it."""

    def get_translatable_segments(self, value: Any) -> list:
        return []

    def restore_translated_segments(self, value: Any, segments: list) -> Any:
        return value
