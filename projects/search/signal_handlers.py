"""Where content changes reach the search documents, inside the writer's transaction (one entry point: changed).

A page saved with its inline rows has its document built once, when the last row is saved (pending.built_once).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import post_page_move

from ..api.snapshots import owners_of_rows_choosing
from ..conf import search_auto_update
from . import index, pending

# Page fields Wagtail saves alone for drafts, locks and revisions: the live content they leave unchanged.
PAGE_FIELDS_NOT_PUBLISHED = frozenset(
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
        pending.refresh_pages(_pages_below(instance)) if not deleted else index.forget(Page, [instance.pk])
    elif isinstance(instance, PageViewRestriction):
        pending.refresh_pages(_pages_below(instance.page))
    elif owners := _owner_pages(instance):
        pending.refresh_pages(owners)
    elif issubclass(model, index.searchable_models()):
        if deleted:
            index.forget(model, [instance.pk])
        else:
            pending.refresh_objects(model, [instance.pk])
        pending.refresh_pages(_pages_showing(instance))


def on_saved(sender: type[Model], instance: Model, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or not search_auto_update():
        return
    if isinstance(instance, Page):
        if update_fields and PAGE_FIELDS_NOT_PUBLISHED.issuperset(update_fields):
            return
        # Only this page: its descendants' text does not change when it does (a move or restriction is handled apart).
        pending.refresh_pages([instance.pk])
        return
    changed(instance)


def on_deleted(sender: type[Model], instance: Model, origin=None, **kwargs) -> None:
    if not search_auto_update():
        return
    if isinstance(instance, PageViewRestriction) and not Page.objects.filter(pk=instance.page_id).exists():
        return
    changed(instance, deleted=True)


def on_moved(sender: type[Page], instance: Page, **kwargs) -> None:
    # Moving into or out of a restricted section changes who may find the page and everything below it.
    if search_auto_update():
        changed(instance)


def _watched(model: type[Model]) -> bool:
    return (
        issubclass(model, Page | PageViewRestriction)
        or issubclass(model, index.searchable_models())
        or any(isinstance(field, ParentalKey) for field in model._meta.concrete_fields)
    )


def connect() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if _watched(model):
            post_save.connect(on_saved, sender=model, dispatch_uid=f"kronika_search_saved_{model._meta.label_lower}")
            post_delete.connect(
                on_deleted, sender=model, dispatch_uid=f"kronika_search_deleted_{model._meta.label_lower}"
            )
    post_page_move.connect(on_moved, dispatch_uid="kronika_search_moved")
