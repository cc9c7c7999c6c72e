"""The published read model of the pages endpoint: page API snapshots, built once and read by listings.

A snapshot is the detail endpoint's answer for a live, public page with every field (``fields=*``),
minus the fields that depend on the request or change outside the page (LIVE_FIELDS). It is built
by the one function that represents a page for a request, KronikaPageSerializer.to_representation,
with the serializer the detail view's own ``get_serializer`` makes, for an anonymous request to the
page's own site, so its URLs are canonical; the views call the same function, which answers a page
either from its snapshot or, like here, live. Pages are built a batch at a
time: everything a batch inlines is loaded once (projects.api.batch), and each page's dependencies
are what the batch loaded or looked for on its behalf plus what its serialisation read. A change to
any of them deletes the snapshot in the writer's transaction (projects.read_models calls invalidate
through projects.api.read_model_listeners) and a background task builds it again after commit.
A page without a current snapshot is served the slow way (ResultBatch), so a missing snapshot costs
time, never correctness.
"""

import dataclasses
import json
from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.http import HttpRequest
from django_tasks import task
from wagtail.models import Page, Site

from ..conf import api_snapshot_rebuilds, api_url_namespace
from ..content_keys import Key, image_key, keys_of, owners_of_rows_choosing, page_key
from ..models import PageAPISnapshot, PageAPISnapshotDependency
from ..read_models.lock import lock_read_models
from ..read_models.pending import gathered, take_gathered
from .batch import page_joins
from .inprocess import anonymous_site_request
from .router import public_api_router
from .serializers import LIVE_META_FIELDS
from .stored import active_recorder, recording
from .views import CompactJSONRenderer, KronikaPagesAPIViewSet

SNAPSHOT_FIELDS = ",".join(["*", *(f"-{name}" for name in LIVE_META_FIELDS)])
# Pages built per transaction: what they inline is loaded once per batch.
BATCH_SIZE = 100

# What the read models' listeners use, from one place.
__all__ = ["Key", "image_key", "keys_of", "owners_of_rows_choosing", "page_key"]


def record_loaded_object(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """post_init receiver: while a snapshot is built, every object read from the database is a dependency."""
    recorder = active_recorder()
    if recorder is not None and instance.pk is not None:
        recorder.keys.update(keys_of(instance))


def _site_request(site: Site) -> HttpRequest | None:
    """An anonymous GET on the site asking for every stored field, so the URLs in the answer are the site's own.

    None for a site whose host the project does not serve (ALLOWED_HOSTS): no answer of the API is built for it.
    """
    request = anonymous_site_request(site, "/", {"fields": SNAPSHOT_FIELDS})
    if request is not None:
        # What Wagtail's router sets on the requests it routes: the endpoint builds detail URLs with it.
        request.wagtailapi_router = public_api_router(api_url_namespace())
    return request


def _detail_endpoint(request: HttpRequest) -> KronikaPagesAPIViewSet:
    """The pages endpoint set up for a detail answer to `request`, as DRF's as_view() sets a view up.

    DRF has no public call that makes a view without dispatching it (as_view's view function would
    authenticate, throttle and render a response); the builder needs the endpoint's serializer only.
    """
    view = KronikaPagesAPIViewSet(action_map={"get": "detail_view"}, args=(), kwargs={}, format_kwarg=None)
    view.request = view.initialize_request(request)
    return view


def _served_pages_by_site(page_ids: list[int]) -> dict[Site, list[Page]]:
    """The live pages among these, by the site that serves them; pages outside every site are left out."""
    sites = Site.objects.in_bulk()
    by_site: dict[Site, list[Page]] = {}
    for page in Page.objects.filter(pk__in=page_ids, live=True).order_by("path"):
        url_parts = page.get_url_parts()
        if url_parts is not None and url_parts[0] in sites:
            by_site.setdefault(sites[url_parts[0]], []).append(page)
    return by_site


def represented_pages(request: HttpRequest, pages: list[Page]) -> Iterable[tuple[Page, str, set[Key]]]:
    """(page, detail JSON, keys of what it read) for each page the detail endpoint serves `request`, a batch per type.

    The endpoint's own get_queryset decides which pages it serves (live, public, not restricted), its
    get_serializer, the one its detail view calls, loads what they inline once for them all, and each page
    is represented by the serializer's to_representation, as every answer of the endpoint is (no snapshot
    is read while ``recording``, so every page is built live).
    """
    endpoint = _detail_endpoint(request)
    served = endpoint.filter_queryset(endpoint.get_queryset()).filter(pk__in=[page.pk for page in pages])
    by_model: dict[type[Page], list[int]] = {}
    for page in served:
        by_model.setdefault(page.specific_class or type(page), []).append(page.pk)
    renderer = CompactJSONRenderer()
    for model, pks in by_model.items():
        specific = model.objects.select_related(*page_joins(model)).in_bulk(pks)
        items = [specific[pk] for pk in pks]
        view = _detail_endpoint(request)
        # Wagtail picks the detail serializer by the type of the object the view shows.
        view.kwargs["pk"] = items[0].pk
        serializer = view.get_serializer(items, many=True)
        # Loaded before any page records what it reads, so no page records every page's parent.
        view.batch.load_parents()
        recorder = active_recorder()
        for item in view.batch.items:
            recorder.keys = set()
            data = serializer.child.to_representation(item)
            keys = recorder.keys | view.batch.dependencies_of(item) | {page_key(item.pk)}
            yield item, renderer.render(data).decode(), keys


def build_snapshots(page_ids: Iterable[int], progress: Callable[[int], object] | None = None) -> int:
    """Build the snapshots of these pages from their live versions, a batch per transaction; returns how many.

    A page the API does not serve (not live, private, outside every site) loses its snapshot. `progress`
    is called with the number of pages done after each batch.
    """
    page_ids = sorted(set(page_ids))
    built = 0
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        built += _build_batch(batch)
        if progress is not None:
            progress(len(batch))
    return built


def _build_batch(page_ids: list[int]) -> int:
    with transaction.atomic(), recording():
        lock_read_models()
        PageAPISnapshot.objects.filter(page_id__in=page_ids).delete()
        snapshots, dependencies = [], []
        for site, pages in _served_pages_by_site(page_ids).items():
            request = _site_request(site)
            if request is None:
                continue
            for page, content, keys in represented_pages(request, pages):
                snapshot = PageAPISnapshot(
                    page_id=page.pk,
                    representation=content,
                    html_url=json.loads(content)["meta"].get("html_url") or "",
                    live_revision_pk=page.live_revision_id,
                )
                snapshots.append(snapshot)
                dependencies += [
                    PageAPISnapshotDependency(snapshot=snapshot, model_label=label, object_id=object_id)
                    for label, object_id in sorted(keys)
                ]
        PageAPISnapshot.objects.bulk_create(snapshots)
        PageAPISnapshotDependency.objects.bulk_create(dependencies, batch_size=1000)
    return len(snapshots)


def build_snapshot(page_id: int) -> bool:
    """Build one page's snapshot from its live version; drop it when the page is not served. True when built."""
    return build_snapshots([page_id]) == 1


@task()
def rebuild_snapshots(page_ids: list[int]) -> int:
    """Build the snapshots of these pages that have none (an invalidation deleted them); returns how many."""
    existing = set(PageAPISnapshot.objects.filter(page_id__in=page_ids).values_list("page_id", flat=True))
    return build_snapshots(set(page_ids) - existing)


@dataclasses.dataclass
class _AfterCommit:
    """What this connection's transaction invalidated, checked again once it commits (one check for many rows)."""

    keys: set[Key] = dataclasses.field(default_factory=set)
    page_ids: set[int] = dataclasses.field(default_factory=set)
    everything: bool = False
    rebuild: bool = False


def _after_commit() -> _AfterCommit:
    return gathered("kronika_snapshots_after_commit", _AfterCommit)


def _take_after_commit() -> _AfterCommit:
    return take_gathered("kronika_snapshots_after_commit", _AfterCommit)


def invalidate(keys: Iterable[Key], *, rebuild: bool = True) -> None:
    """Delete the snapshots of the given pages and of every page that depends on one of the keys.

    In the writer's transaction, taking no lock: readers stop using them as the change commits. A build
    that read before that commit may still store a stale snapshot meanwhile, so once the writer has
    committed they are deleted again, under the builders' lock, before the rebuild is queued.
    """
    keys = set(keys)
    if keys:
        pending = _after_commit()
        pending.page_ids |= _delete_depending_on(keys)
        pending.keys |= keys
        pending.rebuild = pending.rebuild or rebuild
        transaction.on_commit(delete_again_and_rebuild, robust=True)


def invalidate_all() -> None:
    """A site or locale changed: every URL may have changed."""
    pending = _after_commit()
    pending.page_ids |= set(PageAPISnapshot.objects.values_list("page_id", flat=True))
    PageAPISnapshot.objects.all().delete()
    pending.everything = pending.rebuild = True
    transaction.on_commit(delete_again_and_rebuild, robust=True)


def _delete_depending_on(keys: set[Key]) -> set[int]:
    by_label: dict[str, set[int]] = {}
    for label, object_id in keys:
        by_label.setdefault(label, set()).add(object_id)
    condition = models.Q()
    for label, object_ids in by_label.items():
        condition |= models.Q(model_label=label, object_id__in=object_ids)
    page_ids = set(PageAPISnapshotDependency.objects.filter(condition).values_list("snapshot_id", flat=True))
    page_ids |= by_label.get(page_key(0)[0], set())
    PageAPISnapshot.objects.filter(page_id__in=page_ids).delete()
    return page_ids


def delete_again_and_rebuild() -> None:
    """on_commit: delete what builds stored meanwhile, under the builders' lock; then queue the rebuilds.

    Every invalidation registers it; the first to run takes everything pending and the rest find nothing.
    """
    pending = _take_after_commit()
    page_ids = set(pending.page_ids)
    with transaction.atomic():
        lock_read_models()
        if pending.everything:
            page_ids |= set(PageAPISnapshot.objects.values_list("page_id", flat=True))
            PageAPISnapshot.objects.all().delete()
        elif pending.keys:
            page_ids |= _delete_depending_on(pending.keys)
    if pending.rebuild and page_ids and api_snapshot_rebuilds():
        rebuild_snapshots.enqueue(sorted(page_ids))
