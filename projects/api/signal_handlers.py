"""Signal handlers that keep the delta sync log, the API cache generation and the page snapshots up to date."""

from functools import cache

from django.apps import apps
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_init, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .. import change_log
from ..localization.stored_states import translation_states_changed
from ..models import (
    APICacheGeneration,
    ContentChange,
    PageAPISnapshot,
    PageAPISnapshotDependency,
    Person,
    PreviewDraft,
    PreviewTarget,
    StoredTranslationState,
    WebhookDelivery,
    WebhookSubscription,
)
from . import snapshots
from .caching import bump_generation

# How content reaches partners (webhooks, previews), not content: saving them changes no API answer.
PARTNER_DELIVERY_MODELS = (WebhookSubscription, WebhookDelivery, PreviewTarget, PreviewDraft)

# Apps whose rows the public API shows or depends on (pages, snippets, images, documents,
# sites, locales, view restrictions, tags).
API_SOURCE_APPS = frozenset({"projects", "home", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"})


@cache
def affects_public_api(model: type[Model]) -> bool:
    # Migrations send signals with historical models: those are not in the app registry.
    registered = model._meta.app_label in API_SOURCE_APPS and model in apps.get_models()
    derived = (AbstractRendition, ContentChange, APICacheGeneration, StoredTranslationState)
    return registered and not issubclass(model, derived + PARTNER_DELIVERY_MODELS)


def bump_on_save_or_delete(sender: type[Model], raw: bool = False, **kwargs) -> None:
    if not raw and affects_public_api(sender):
        bump_generation()


def bump_on_translation_states_changed(sender: type[Model], keys: set, **kwargs) -> None:
    # Every item carries its translation status, which changes when translators work, not only on publish.
    bump_generation()


def record_published(sender: type[Page], instance: Page, **kwargs) -> None:
    change_log.record_page_states([instance], assumed_visible=False)


def record_unpublished(sender: type[Page], instance: Page, **kwargs) -> None:
    change_log.record_page_states([instance], assumed_visible=True, unpublished=True)


def record_moved(sender: type[Page], instance: Page, **kwargs) -> None:
    change_log.record_page_states(instance.get_descendants(inclusive=True).live(), assumed_visible=True, moved=True)


def record_page_deleted(sender: type[Page], instance: Page, **kwargs) -> None:
    change_log.record_page_deleted(instance)


def record_restriction_saved(sender: type[Model], instance: PageViewRestriction, raw: bool = False, **kwargs) -> None:
    if not raw:
        change_log.record_page_states(instance.page.get_descendants(inclusive=True).live(), assumed_visible=True)


def record_restriction_deleted(sender: type[Model], instance: PageViewRestriction, origin=None, **kwargs) -> None:
    # When a page is deleted its restrictions go with it: its deletion is what partners need.
    deleting_pages = isinstance(origin, Page) or (isinstance(origin, QuerySet) and issubclass(origin.model, Page))
    if not deleting_pages:
        change_log.record_page_states(instance.page.get_descendants(inclusive=True).live(), assumed_visible=False)


def remember_if_public(sender: type[Person], instance: Person, raw: bool = False, **kwargs) -> None:
    if not raw and instance.pk:
        instance._kronika_was_public = Person.objects.filter(pk=instance.pk).values_list("is_public", flat=True).first()


def record_snippet_saved(sender: type[Model], instance: Model, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw:
        was_public = getattr(instance, "_kronika_was_public", None)
        change_log.record_snippet_state(instance, created=created, was_public=was_public)


def record_snippet_deleted(sender: type[Model], instance: Model, **kwargs) -> None:
    change_log.record_snippet_state(instance, created=False, deleted=True)


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


@cache
def inlined_by_pages(model: type[Model]) -> bool:
    """Pages, their inline rows, Kronika's snippets, images, renditions and documents: what snapshots inline."""
    if model not in apps.get_models() or issubclass(
        model,
        (PageAPISnapshot, PageAPISnapshotDependency, ContentChange, APICacheGeneration, StoredTranslationState)
        + PARTNER_DELIVERY_MODELS,
    ):
        return False
    media = (get_image_model(), get_image_model().get_rendition_model(), get_document_model())
    return issubclass(model, Page) or model in media or model._meta.app_label in ("projects", "home")


def invalidate_snapshots_on_save(
    sender: type[Model], instance: Model, raw: bool = False, update_fields=None, **kwargs
) -> None:
    if not inlined_by_pages(sender):
        return
    if isinstance(instance, Page) and update_fields and PAGE_FIELDS_NOT_IN_API.issuperset(update_fields):
        return
    keys = snapshots.keys_of(instance)
    if not isinstance(instance, AbstractRendition):
        keys |= snapshots.owners_of_rows_choosing(instance)
    snapshots.invalidate(keys, rebuild=not raw)


def invalidate_snapshots_on_delete(sender: type[Model], instance: Model, **kwargs) -> None:
    # Whatever showed the object goes; what filtered it out (a hidden person) still does not show it.
    if inlined_by_pages(sender):
        snapshots.invalidate(snapshots.keys_of(instance))


def invalidate_moved_snapshots(sender: type[Page], instance: Page, **kwargs) -> None:
    # Wagtail rewrites the URL paths of the descendants in one UPDATE, without signals.
    pages = instance.get_descendants(inclusive=True).values_list("pk", flat=True)
    snapshots.invalidate(snapshots.page_key(pk) for pk in pages)


def invalidate_renamed_descendants(
    sender: type[Model], instance: Model, created: bool = False, raw: bool = False, update_fields=None, **kwargs
) -> None:
    """A page saved with a new slug: Wagtail rewrites its descendants' URL paths next, in one UPDATE without signals.

    Until then their paths still begin with the old one, which tells them apart, inside the writer's transaction.
    """
    if created or raw or not isinstance(instance, Page) or (update_fields and "slug" not in update_fields):
        return
    renamed = Page.objects.descendant_of(instance).exclude(url_path__startswith=instance.url_path)
    snapshots.invalidate(snapshots.page_key(pk) for pk in renamed.values_list("pk", flat=True))


def invalidate_restricted_snapshots(sender: type[Model], instance: PageViewRestriction, **kwargs) -> None:
    pages = Page.objects.descendant_of(instance.page, inclusive=True).values_list("pk", flat=True)
    snapshots.invalidate(snapshots.page_key(pk) for pk in pages)


def invalidate_all_snapshots(sender: type[Model], raw: bool = False, **kwargs) -> None:
    """A site or locale changed (every URL may have), or a collection or its restriction (images may be private)."""
    if not raw:
        snapshots.invalidate_all()


def connect() -> None:
    post_save.connect(bump_on_save_or_delete, dispatch_uid="kronika_api_bump_save")
    post_delete.connect(bump_on_save_or_delete, dispatch_uid="kronika_api_bump_delete")
    translation_states_changed.connect(bump_on_translation_states_changed, dispatch_uid="kronika_api_bump_states")
    page_published.connect(record_published, dispatch_uid="kronika_changes_published")
    page_unpublished.connect(record_unpublished, dispatch_uid="kronika_changes_unpublished")
    post_page_move.connect(record_moved, dispatch_uid="kronika_changes_moved")
    post_delete.connect(record_page_deleted, sender=Page, dispatch_uid="kronika_changes_page_deleted")
    post_save.connect(record_restriction_saved, sender=PageViewRestriction, dispatch_uid="kronika_changes_restricted")
    post_delete.connect(
        record_restriction_deleted, sender=PageViewRestriction, dispatch_uid="kronika_changes_unrestricted"
    )
    pre_save.connect(remember_if_public, sender=Person, dispatch_uid="kronika_changes_person_was_public")
    post_init.connect(snapshots.record_loaded_object, dispatch_uid="kronika_snapshot_record_loaded")
    post_save.connect(invalidate_snapshots_on_save, dispatch_uid="kronika_snapshot_saved")
    post_delete.connect(invalidate_snapshots_on_delete, dispatch_uid="kronika_snapshot_deleted")
    post_page_move.connect(invalidate_moved_snapshots, dispatch_uid="kronika_snapshot_moved")
    post_save.connect(invalidate_renamed_descendants, dispatch_uid="kronika_snapshot_renamed")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        uid = f"kronika_snapshot_restriction_{name}"
        signal.connect(invalidate_restricted_snapshots, sender=PageViewRestriction, dispatch_uid=uid)
        for model in (Site, Locale, Collection, CollectionViewRestriction):
            signal.connect(
                invalidate_all_snapshots, sender=model, dispatch_uid=f"kronika_snapshot_{model.__name__}_{name}"
            )
    for model in change_log.SNIPPET_ENDPOINTS:
        post_save.connect(record_snippet_saved, sender=model, dispatch_uid=f"kronika_changes_{model.__name__}_saved")
        post_delete.connect(
            record_snippet_deleted, sender=model, dispatch_uid=f"kronika_changes_{model.__name__}_deleted"
        )
