"""A change to content as the read-model layer receives it: what happened, to what, and whether partners see it."""

import enum
from dataclasses import dataclass, field

from django.db.models import Model
from wagtail.models import Page

from ..models import ContentChange


class Kind(enum.StrEnum):
    SAVED = "saved"
    DELETED = "deleted"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    MOVED = "moved"
    RESTRICTED = "restricted"
    UNRESTRICTED = "unrestricted"
    #: A site, locale, collection or collection restriction: any URL or any image may have changed.
    SITE_STRUCTURE = "site_structure"
    #: Translators' work in wagtail-localize (sources, sync logs, segments, translations): never ``visible``
    #: itself; it shows through translation states, which bump the generation when stored changed.
    TRANSLATION_WORK = "translation_work"
    #: The responsive renditions the API lists were made or removed for an image (instance).
    RENDITIONS = "renditions"


@dataclass
class Change:
    """What happened to one object, as the receivers saw it; listeners read it, the change log fills ``entries``.

    ``visible`` is False for a change partners cannot see (a new draft page, a person who stays
    hidden): it still makes translation states stale, and nothing else.
    """

    kind: Kind
    instance: Model
    visible: bool = True
    created: bool = False
    #: A fixture being loaded (loaddata): stale things are dropped, nothing is built.
    raw: bool = False
    update_fields: frozenset[str] | None = None
    #: For a Person: whether the database held them as public before this save, when known.
    was_public: bool | None = None
    #: For a deleted view restriction: what is being deleted (a page takes its restrictions with it).
    origin: object = None
    entries: list[ContentChange] = field(default_factory=list)
    #: The pages of page entries, by id, as they were when recorded (a deleted page is gone afterwards).
    pages: dict[int, Page] = field(default_factory=dict)
