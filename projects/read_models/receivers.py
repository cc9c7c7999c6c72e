"""Signal receivers, each connected to its senders only, that turn content changes into ``record(Change)``.

Nothing here decides what a change means for a read model: only what happened, to what, and whether
partners can see it. Saves partners cannot see are told apart here, so they reach no lock and no bump:
a draft or a lock saved on a page (only the fields below), a revision (not connected), a page that is
not live, a person who stays hidden, a rendition the API does not list (an admin thumbnail).
"""

from functools import cache

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import StringSegment, StringTranslation, TranslationLog, TranslationSource

from ..models import Office, Organisation, Person
from ..renditions import RESPONSIVE_FILTERS
from ..visibility import person_is_public
from .change import Change, Kind
from .entry import record

# Page fields Wagtail saves alone when a draft is saved or a page locked: the API shows none of them.
PAGE_FIELDS_NOT_IN_API = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)

#: The snippets Kronika exposes through the API (organisations, people, offices).
SNIPPET_MODELS: tuple[type[Model], ...] = (Organisation, Person, Office)
SITE_STRUCTURE_MODELS: tuple[type[Model], ...] = (Site, Locale, Collection, CollectionViewRestriction)
TRANSLATION_WORK_MODELS: tuple[type[Model], ...] = (TranslationSource, TranslationLog, StringSegment, StringTranslation)
RESPONSIVE_SPECS = frozenset(spec_filter.spec for spec_filter in RESPONSIVE_FILTERS)


def _fields(update_fields) -> frozenset[str] | None:
    return frozenset(update_fields) if update_fields else None


@cache
def page_models() -> tuple[type[Page], ...]:
    return tuple(model for model in apps.get_models() if issubclass(model, Page))


@cache
def inline_models() -> tuple[type[Model], ...]:
    """The rows pages own through a ParentalKey (funding rows, organisers, goals…)."""
    return tuple(
        model
        for model in apps.get_models()
        if any(
            isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
            for field in model._meta.concrete_fields
        )
    )


def _owner_page(row: Model) -> Page | None:
    for field in type(row)._meta.concrete_fields:
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return getattr(row, field.name, None) if getattr(row, field.attname) is not None else None
    return None


def page_saved(
    sender: type[Page], instance: Page, created: bool, raw: bool = False, update_fields=None, **kwargs
) -> None:
    update_fields = _fields(update_fields)
    if update_fields and PAGE_FIELDS_NOT_IN_API.issuperset(update_fields):
        return
    record(Change(Kind.SAVED, instance, visible=instance.live, created=created, raw=raw, update_fields=update_fields))


def page_deleted(sender: type[Page], instance: Page, **kwargs) -> None:
    record(Change(Kind.DELETED, instance))


def page_published_(sender: type[Page], instance: Page, **kwargs) -> None:
    record(Change(Kind.PUBLISHED, instance))


def page_unpublished_(sender: type[Page], instance: Page, **kwargs) -> None:
    record(Change(Kind.UNPUBLISHED, instance))


def page_moved(sender: type[Page], instance: Page, **kwargs) -> None:
    record(Change(Kind.MOVED, instance))


def inline_row_saved(sender: type[Model], instance: Model, created: bool, raw: bool = False, **kwargs) -> None:
    page = _owner_page(instance)
    record(Change(Kind.SAVED, instance, visible=bool(page and page.live), created=created, raw=raw))


def inline_row_deleted(sender: type[Model], instance: Model, origin=None, **kwargs) -> None:
    # A page deleted takes its rows with it: the page's own deletion says everything.
    page = _owner_page(instance) if not isinstance(origin, Page) else None
    record(Change(Kind.DELETED, instance, visible=bool(page and page.live)))


def remember_if_public(sender: type[Person], instance: Person, raw: bool = False, **kwargs) -> None:
    if not raw and instance.pk:
        instance._kronika_was_public = Person.objects.filter(pk=instance.pk).values_list("is_public", flat=True).first()


def snippet_saved(sender: type[Model], instance: Model, created: bool, raw: bool = False, **kwargs) -> None:
    was_public = getattr(instance, "_kronika_was_public", None)
    # A person partners never saw, and still cannot see, changes nothing they could notice.
    seen_before = not created and was_public is not False
    visible = not isinstance(instance, Person) or person_is_public(instance) or seen_before
    record(Change(Kind.SAVED, instance, visible=visible, created=created, raw=raw, was_public=was_public))


def snippet_deleted(sender: type[Model], instance: Model, **kwargs) -> None:
    # A hidden person's deletion was already announced when they were hidden.
    record(Change(Kind.DELETED, instance, visible=not isinstance(instance, Person) or person_is_public(instance)))


def media_saved(sender: type[Model], instance: Model, created: bool, raw: bool = False, **kwargs) -> None:
    record(Change(Kind.SAVED, instance, created=created, raw=raw))


def media_deleted(sender: type[Model], instance: Model, **kwargs) -> None:
    record(Change(Kind.DELETED, instance))


def rendition_changed(sender: type[Model], instance: Model, raw: bool = False, **kwargs) -> None:
    """Only the responsive renditions appear in the API; others (admin thumbnails) change nothing partners see."""
    if instance.filter_spec in RESPONSIVE_SPECS and instance.image_id:
        record(Change(Kind.RENDITIONS, instance.image, raw=raw))


def restriction_saved(sender: type[Model], instance: PageViewRestriction, raw: bool = False, **kwargs) -> None:
    record(Change(Kind.RESTRICTED, instance, raw=raw))


def restriction_deleted(sender: type[Model], instance: PageViewRestriction, origin=None, **kwargs) -> None:
    record(Change(Kind.UNRESTRICTED, instance, origin=origin))


def site_structure_changed(sender: type[Model], instance: Model, raw: bool = False, **kwargs) -> None:
    record(Change(Kind.SITE_STRUCTURE, instance, raw=raw))


def translation_work(sender: type[Model], instance: Model, **kwargs) -> None:
    record(Change(Kind.TRANSLATION_WORK, instance, visible=False))


def dependency_senders() -> tuple[type[Model], ...]:
    """What a page snapshot may show: pages, their rows, Kronika's snippets, images, renditions, documents."""
    image_model = get_image_model()
    media = (image_model, image_model.get_rendition_model(), get_document_model())
    return (*page_models(), *inline_models(), *SNIPPET_MODELS, *media)


def _connect(signal, receiver, senders, name: str) -> None:
    for model in senders:
        signal.connect(receiver, sender=model, dispatch_uid=f"kronika_read_models_{name}_{model._meta.label_lower}")


def connect() -> None:
    image_model = get_image_model()
    _connect(post_save, page_saved, page_models(), "page_saved")
    _connect(post_delete, page_deleted, [Page], "page_deleted")
    page_published.connect(page_published_, dispatch_uid="kronika_read_models_page_published")
    page_unpublished.connect(page_unpublished_, dispatch_uid="kronika_read_models_page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="kronika_read_models_page_moved")
    _connect(post_save, inline_row_saved, inline_models(), "inline_saved")
    _connect(post_delete, inline_row_deleted, inline_models(), "inline_deleted")
    _connect(pre_save, remember_if_public, [Person], "person_was_public")
    _connect(post_save, snippet_saved, SNIPPET_MODELS, "snippet_saved")
    _connect(post_delete, snippet_deleted, SNIPPET_MODELS, "snippet_deleted")
    _connect(post_save, media_saved, [image_model, get_document_model()], "media_saved")
    _connect(post_delete, media_deleted, [image_model, get_document_model()], "media_deleted")
    _connect(post_save, rendition_changed, [image_model.get_rendition_model()], "rendition_saved")
    _connect(post_delete, rendition_changed, [image_model.get_rendition_model()], "rendition_deleted")
    _connect(post_save, restriction_saved, [PageViewRestriction], "restriction_saved")
    _connect(post_delete, restriction_deleted, [PageViewRestriction], "restriction_deleted")
    _connect(post_save, site_structure_changed, SITE_STRUCTURE_MODELS, "structure_saved")
    _connect(post_delete, site_structure_changed, SITE_STRUCTURE_MODELS, "structure_deleted")
    _connect(post_save, translation_work, TRANSLATION_WORK_MODELS, "translation_saved")
    _connect(post_delete, translation_work, TRANSLATION_WORK_MODELS, "translation_deleted")
