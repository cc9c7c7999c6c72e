"""What the API keeps in step with content, as listeners of the read-model layer: page snapshots and the CDN.

A change deletes the snapshots that showed (or looked for) what changed, in the writer's transaction
(projects.api.snapshots.invalidate); the change-log entries it made purge their URLs and the listings
from Wagtail's frontend cache after commit.
"""

from django.db import transaction
from django.db.models.signals import post_init
from wagtail.models import Page, PageViewRestriction

from ..read_models import Change, Kind, register
from ..read_models.receivers import dependency_senders
from . import snapshots
from .caching import api_detail_path, api_listing_paths, purge_frontend_cache

# Changes whose entries (or lack of them: a page republished unchanged) go through the change log.
LOGGED_KINDS = frozenset({Kind.PUBLISHED, Kind.UNPUBLISHED, Kind.MOVED, Kind.RESTRICTED, Kind.UNRESTRICTED})


def _descendants(page: Page) -> set[snapshots.Key]:
    pages = Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    return {snapshots.page_key(pk) for pk in pages}


def _renamed_descendants(page: Page) -> set[snapshots.Key]:
    """A page saved with a new slug: Wagtail rewrites its descendants' URL paths next, in one UPDATE without signals.

    Until then their paths still begin with the old one, which tells them apart, inside the writer's transaction.
    """
    renamed = Page.objects.descendant_of(page).exclude(url_path__startswith=page.url_path)
    return {snapshots.page_key(pk) for pk in renamed.values_list("pk", flat=True)}


def invalidate_snapshots(change: Change) -> None:
    """Delete the snapshots the change made stale; they are built again after commit (not for a fixture)."""
    instance = change.instance
    rebuild = not change.raw
    if change.kind == Kind.SITE_STRUCTURE:
        if rebuild:
            snapshots.invalidate_all()
    elif change.kind in (Kind.RESTRICTED, Kind.UNRESTRICTED) and isinstance(instance, PageViewRestriction):
        snapshots.invalidate(_descendants(instance.page))
    elif change.kind == Kind.MOVED:
        # Wagtail rewrites the URL paths of the descendants in one UPDATE, without signals.
        snapshots.invalidate(_descendants(instance))
    elif change.kind == Kind.RENDITIONS:
        snapshots.invalidate({snapshots.image_key(instance.pk)})
    elif change.kind in (Kind.DELETED, Kind.UNPUBLISHED):
        # Whatever showed the object goes; what filtered it out (a hidden person) still does not show it.
        snapshots.invalidate(snapshots.keys_of(instance))
    elif change.kind == Kind.SAVED:
        keys = snapshots.keys_of(instance) | snapshots.owners_of_rows_choosing(instance)
        if (
            isinstance(instance, Page)
            and not change.created
            and (not change.update_fields or "slug" in change.update_fields)
        ):
            keys |= _renamed_descendants(instance)
        snapshots.invalidate(keys, rebuild=rebuild)


def purge_logged_urls(change: Change) -> None:
    """After commit, purge the listings and the detail URL of every change-log entry from the CDN."""
    if not change.entries and change.kind not in LOGGED_KINDS:
        return
    paths = api_listing_paths()
    paths += [path for entry in change.entries if (path := api_detail_path(entry.endpoint, entry.object_id))]
    transaction.on_commit(lambda: purge_frontend_cache(paths))


def connect() -> None:
    register(invalidate_snapshots)
    register(purge_logged_urls, after_change_log=True)
    # While a snapshot is built, every object of these models that is loaded is one of its dependencies.
    for model in dependency_senders():
        post_init.connect(
            snapshots.record_loaded_object,
            sender=model,
            dispatch_uid=f"kronika_snapshot_dependency_{model._meta.label_lower}",
        )
