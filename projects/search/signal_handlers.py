"""Where content changes reach the search documents, inside the writer's transaction.

The read-model layer (projects.read_models) calls ``on_change`` with every change partners can see; ``changed``
brings the documents showing one object up to date.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from modelcluster.fields import ParentalKey
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from ..conf import search_auto_update
from ..content_keys import owners_of_rows_choosing
from ..read_models import Change, Kind, register
from . import index


def _owner_pages(instance: Model) -> set[int]:
    """The pages an inline row belongs to."""
    return {
        getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if isinstance(field, ParentalKey)
        and issubclass(field.related_model, Page)
        and getattr(instance, field.attname) is not None
    }


def _pages_showing(instance: Model) -> set[int]:
    """Pages whose text names this object: inline rows choosing it, and blocks or fields (Wagtail's reference index)."""
    pages = {pk for label, pk in owners_of_rows_choosing(instance) if label == "wagtailcore.page"}
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type)
    return pages | {int(pk) for pk in references.values_list("object_id", flat=True)}


def _pages_below(page: Page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def changed(instance: Model, *, deleted: bool = False) -> None:
    """Bring every document that shows this object up to date with the database (the one entry point)."""
    model = type(instance)
    if isinstance(instance, Page):
        index.refresh_pages(_pages_below(instance)) if not deleted else index.forget(Page, [instance.pk])
    elif isinstance(instance, PageViewRestriction):
        index.refresh_pages(_pages_below(instance.page))
    elif owners := _owner_pages(instance):
        index.refresh_pages(owners)
    elif issubclass(model, index.searchable_models()):
        if deleted:
            index.forget(model, [instance.pk])
        else:
            index.refresh_objects(model, [instance.pk])
        index.refresh_pages(_pages_showing(instance))


def on_change(change: Change) -> None:
    """Read-model listener: the documents a visible change may have altered, rebuilt from the database."""
    if change.raw or not search_auto_update():
        return
    instance = change.instance
    if change.kind in (Kind.SAVED, Kind.UNPUBLISHED) and isinstance(instance, Page):
        # Only this page: its descendants' text does not change when it does (a move or restriction is handled apart).
        index.refresh_pages([instance.pk])
    elif change.kind == Kind.UNRESTRICTED and isinstance(instance, PageViewRestriction):
        if Page.objects.filter(pk=instance.page_id).exists():
            changed(instance, deleted=True)
    elif change.kind == Kind.DELETED:
        changed(instance, deleted=True)
    elif change.kind in (Kind.SAVED, Kind.MOVED, Kind.RESTRICTED):
        changed(instance)


def connect() -> None:
    register(on_change)
