"""The published read model of the pages endpoint: page API snapshots, built once and read by listings.

A snapshot is the detail endpoint's answer for a live, public page with every field (``fields=*``),
minus the fields that depend on the request or change outside the page (LIVE_FIELDS), built by
calling that endpoint in-process with a request to the page's own site, so its URLs are canonical.
While it is built, every object the endpoint loads or looks for is recorded as a dependency; a
change to any of them deletes the snapshot in the writer's transaction (projects.read_models calls
invalidate through projects.api.read_model_listeners) and a background task builds it again after
commit. A page without a current snapshot is served the
slow way (ResultBatch), so a missing snapshot costs time, never correctness.
"""

import dataclasses
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.http import HttpRequest
from django_tasks import task
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition
from wagtail.models import Page

from ..conf import api_snapshot_rebuilds
from ..models import PageAPISnapshot, PageAPISnapshotDependency
from ..read_models.lock import lock_read_models
from .caching import api_detail_path
from .inprocess import anonymous_site_request, call_view
from .serializers import LIVE_META_FIELDS

LIVE_FIELDS = frozenset(LIVE_META_FIELDS)
SNAPSHOT_FIELDS = ",".join(["*", *(f"-{name}" for name in LIVE_META_FIELDS)])
# Rich text in the snapshot is the default HTML; any other format is rendered live.
SNAPSHOT_RICH_TEXT_FORMATS = frozenset({"", "html"})

Key = tuple[str, int]


def _root_model(model: type[models.Model]) -> type[models.Model]:
    """The model whose primary keys identify the object: Page for every page type."""
    model = model._meta.concrete_model
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def model_key(model: type[models.Model], pk: object) -> Key:
    return (_root_model(model)._meta.label_lower, int(pk))


def page_key(page_id: int) -> Key:
    return model_key(Page, page_id)


def image_key(image_id: int) -> Key:
    return model_key(get_image_model(), image_id)


def document_key(document_id: int) -> Key:
    return model_key(get_document_model(), document_id)


def _parental_keys(model: type[models.Model]) -> list[ParentalKey]:
    return [field for field in model._meta.concrete_fields if isinstance(field, ParentalKey)]


def keys_of(instance: models.Model) -> set[Key]:
    """What a loaded object stands for: a rendition for its image, an inline row for its page."""
    if isinstance(instance, AbstractRendition):
        return {image_key(instance.image_id)} if instance.image_id else set()
    owners = {
        model_key(field.related_model, getattr(instance, field.attname))
        for field in _parental_keys(type(instance))
        if getattr(instance, field.attname) is not None
    }
    if owners:
        return owners
    return {model_key(type(instance), instance.pk)} if instance.pk is not None else set()


@cache
def _inline_references() -> list[tuple[type[models.Model], str, models.ForeignKey]]:
    """(inline model, attname of its page key, a foreign key of the row to something else) for every inline model."""
    found = []
    for model in apps.get_models():
        for parental in _parental_keys(model):
            for field in model._meta.concrete_fields:
                if isinstance(field, models.ForeignKey) and not isinstance(field, ParentalKey):
                    found.append((model, parental.attname, field))
    return found


def owners_of_rows_choosing(instance: models.Model) -> set[Key]:
    """Pages with an inline row that chooses this object, whether the API showed it or filtered it out.

    An inline row whose person is not public is left out of the query that builds a snapshot, so the
    snapshot never recorded that person; making them public again must still reach the page.
    """
    root = _root_model(type(instance))
    keys = set()
    for model, owner_attname, field in _inline_references():
        if _root_model(field.related_model) is root:
            rows = model._default_manager.filter(**{field.attname: instance.pk}).values_list(owner_attname, flat=True)
            keys |= {model_key(_parental_model(model, owner_attname), owner) for owner in rows}
    return keys


def _parental_model(model: type[models.Model], attname: str) -> type[models.Model]:
    return next(field.related_model for field in _parental_keys(model) if field.attname == attname)


class DependencyRecorder:
    """Collects the keys of everything the API loads or looks for while it builds a snapshot."""

    def __init__(self) -> None:
        self.keys: set[Key] = set()
        self.active = False


_recorder: ContextVar[DependencyRecorder | None] = ContextVar("kronika_snapshot_recorder", default=None)


def is_building() -> bool:
    """True inside build_snapshot: the endpoint then computes every field and reads no snapshot."""
    return _recorder.get() is not None


def start_recording() -> None:
    """Called by the endpoint once it has found its objects, so the queries of view restrictions do not count."""
    recorder = _recorder.get()
    if recorder is not None:
        recorder.active = True


def record(keys: Iterable[Key]) -> None:
    recorder = _recorder.get()
    if recorder is not None and recorder.active:
        recorder.keys.update(keys)


def record_loaded_object(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """post_init receiver: while a snapshot is built, every object read from the database is a dependency."""
    recorder = _recorder.get()
    if recorder is not None and recorder.active and instance.pk is not None:
        recorder.keys.update(keys_of(instance))


@contextmanager
def recording() -> Iterator[DependencyRecorder]:
    recorder = DependencyRecorder()
    token = _recorder.set(recorder)
    try:
        yield recorder
    finally:
        _recorder.reset(token)


def snapshots_allowed(request: HttpRequest) -> bool:
    """Whether a request can be answered from snapshots: not while building one, not for other formats or sub-fields."""
    if is_building():
        return False
    if request.GET.get("rich_text_format", "") not in SNAPSHOT_RICH_TEXT_FORMATS:
        return False
    return "(" not in request.GET.get("fields", "")


def current_snapshot(page: Page) -> PageAPISnapshot | None:
    """The page's snapshot loaded with it (select_related), when it was built from the live revision."""
    if not Page.api_snapshot.is_cached(page):
        return None
    try:
        snapshot = page.api_snapshot
    except PageAPISnapshot.DoesNotExist:
        return None
    return snapshot if snapshot.is_current_for(page) else None


def stored_representations(pages: Iterable[models.Model], wanted_fields: set[str]) -> dict[int, dict]:
    """{page id: stored representation} of the pages whose snapshot is current and has every wanted field."""
    stored = {}
    for page in pages:
        snapshot = current_snapshot(page) if isinstance(page, Page) else None
        if snapshot is None:
            continue
        representation = json.loads(snapshot.representation)
        if wanted_fields <= representation.keys() | representation.get("meta", {}).keys():
            stored[page.pk] = representation
    return stored


def _answer_of_detail_endpoint(page: Page) -> tuple[str, set[Key]] | None:
    """The detail endpoint's JSON for the page and the keys of what it read, or None when it is not served."""
    path = api_detail_path("pages", page.pk)
    site = page.get_site()
    request = (
        anonymous_site_request(site, path, {"fields": SNAPSHOT_FIELDS})
        if path is not None and site is not None
        else None
    )
    if request is None:
        return None
    with recording() as recorder:
        response = call_view(request)
        if response is None or response.status_code != 200:
            return None
        content = response.content.decode()
    return content, recorder.keys | {page_key(page.pk)}


def build_snapshot(page_id: int) -> bool:
    """Build the page's snapshot from its live version; drop it when the page is not public. True when built."""
    with transaction.atomic():
        lock_read_models()
        PageAPISnapshot.objects.filter(page_id=page_id).delete()
        page = Page.objects.filter(pk=page_id, live=True).first()
        answer = _answer_of_detail_endpoint(page) if page is not None else None
        if answer is None:
            return False
        content, keys = answer
        snapshot = PageAPISnapshot.objects.create(
            page_id=page_id,
            representation=content,
            html_url=json.loads(content)["meta"].get("html_url") or "",
            live_revision_pk=page.live_revision_id,
        )
        PageAPISnapshotDependency.objects.bulk_create(
            PageAPISnapshotDependency(snapshot=snapshot, model_label=label, object_id=object_id)
            for label, object_id in sorted(keys)
        )
    return True


@task()
def rebuild_snapshots(page_ids: list[int]) -> int:
    """Build the snapshots of these pages that have none (an invalidation deleted them); returns how many."""
    existing = set(PageAPISnapshot.objects.filter(page_id__in=page_ids).values_list("page_id", flat=True))
    return sum(build_snapshot(page_id) for page_id in sorted(set(page_ids) - existing))


@dataclasses.dataclass
class _AfterCommit:
    """What this connection's transaction invalidated, checked again once it commits (one check for many rows)."""

    keys: set[Key] = dataclasses.field(default_factory=set)
    page_ids: set[int] = dataclasses.field(default_factory=set)
    everything: bool = False
    rebuild: bool = False


def _after_commit() -> _AfterCommit:
    connection = connections[DEFAULT_DB_ALIAS]
    if not hasattr(connection, "kronika_snapshots_after_commit"):
        connection.kronika_snapshots_after_commit = _AfterCommit()
    return connection.kronika_snapshots_after_commit


def _take_after_commit() -> _AfterCommit:
    connection = connections[DEFAULT_DB_ALIAS]
    pending = getattr(connection, "kronika_snapshots_after_commit", _AfterCommit())
    connection.kronika_snapshots_after_commit = _AfterCommit()
    return pending


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
