"""The public text of a page, snippet, image or document, read from its model's ``search_fields``.

Models say what is searchable the way Wagtail has it (``index.SearchField``, ``index.RelatedFields``), so the same
declaration feeds Kronika's documents and, where a site uses it, Wagtail's Elasticsearch/OpenSearch backend.
StreamFields are walked block by block: every heading, paragraph, list item, quote, speaker, caption and note;
a chosen person only when public; phone numbers and e-mail addresses never.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText
from wagtail.search import index

from ..blocks import PhoneNumberBlock
from ..models import Person
from ..visibility import person_is_public

TITLE_FIELDS = frozenset({"title", "name"})
SUMMARY_FIELDS = frozenset({"summary", "official_title", "full_name", "acronym", "role", "description"})
TAG = re.compile(r"<[^>]+>")


@dataclass
class DocumentText:
    """The text of an object, by rank: what it is called, what it is about, and the rest."""

    title: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    def add(self, name: str, texts: list[str]) -> None:
        texts = [text for text in texts if text and text.strip()]
        if name in TITLE_FIELDS and not self.title:
            self.title.extend(texts)
        elif name in SUMMARY_FIELDS:
            self.summary.extend(texts)
        else:
            self.body.extend(texts)


def html_text(source: str) -> str:
    return html.unescape(TAG.sub(" ", source))


def _is_hidden_person(value: Any) -> bool:
    return isinstance(value, Person) and not person_is_public(value)


def block_texts(block: blocks.Block, value: Any) -> Iterator[str]:
    """The public texts of a block value, in reading order."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from block_texts(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from block_texts(block.child_block, item)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_texts(child_block, value.get(name))
    elif isinstance(block, blocks.RichTextBlock):
        yield html_text(value.source if isinstance(value, RichText) else str(value))
    elif isinstance(block, blocks.ChooserBlock):
        yield from _chosen_texts(value)
    elif isinstance(block, blocks.ChoiceBlock | blocks.EmailBlock | blocks.URLBlock | PhoneNumberBlock):
        return
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        yield str(value)


def _chosen_texts(chosen: Any) -> Iterator[str]:
    """A chosen snippet's names (a person's only when public); images and documents add nothing to a page."""
    if not isinstance(chosen, index.Indexed) or _is_hidden_person(chosen) or not hasattr(chosen, "locale_id"):
        return
    for name in ("name", "role", "city"):
        value = getattr(chosen, name, "")
        if value:
            yield str(value)
    organisation = getattr(chosen, "organisation", None)
    if organisation is not None and hasattr(chosen, "street_address"):
        yield organisation.name


def _field_texts(obj: models.Model, name: str) -> list[str]:
    try:
        model_field = obj._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a search field may name a property or method
        model_field = None
    value = getattr(obj, name, None)
    if callable(value) and not isinstance(value, models.Manager):
        value = value()
    if value is None:
        return []
    if isinstance(model_field, StreamField):
        return list(block_texts(model_field.stream_block, value))
    if isinstance(model_field, RichTextField):
        return [html_text(str(value))]
    if isinstance(value, models.Model):
        return [] if _is_hidden_person(value) else [str(value)]
    return [str(value)]


def _related_objects(obj: models.Model, name: str) -> list[models.Model]:
    value = getattr(obj, name, None)
    if value is None:
        return []
    if isinstance(value, models.Manager):
        return list(value.all())
    return [value]


def collect(obj: models.Model, search_fields: list, text: DocumentText, prefix: str = "") -> None:
    for search_field in search_fields:
        if isinstance(search_field, index.SearchField):
            name = search_field.field_name
            text.add(prefix or name, _field_texts(obj, name))
        elif isinstance(search_field, index.RelatedFields):
            for related in _related_objects(obj, search_field.field_name):
                if not _is_hidden_person(related):
                    collect(related, search_field.fields, text, prefix=search_field.field_name)


def document_text(obj: models.Model) -> DocumentText:
    """The text of an object from its model's search fields (the caller decides whether it is public)."""
    text = DocumentText()
    collect(obj, type(obj).search_fields, text)
    return text
