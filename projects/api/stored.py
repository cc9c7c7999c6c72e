"""Reading page snapshots: which objects a snapshot depends on (keys), and when a request may be served from one.

The views and the result batch read snapshots through this module; projects.api.snapshots builds and
drops them (and imports the views to do so), so the two sides do not import each other.
"""

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition
from wagtail.models import Page

from ..models import PageAPISnapshot
from .serializers import LIVE_META_FIELDS

LIVE_FIELDS = frozenset(LIVE_META_FIELDS)
# Rich text in the snapshot is the default HTML; any other format is rendered live.
SNAPSHOT_RICH_TEXT_FORMATS = frozenset({"", "html"})

Key = tuple[str, int]


def root_model(model: type[models.Model]) -> type[models.Model]:
    """The model whose primary keys identify the object: Page for every page type."""
    model = model._meta.concrete_model
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def model_key(model: type[models.Model], pk: object) -> Key:
    return (root_model(model)._meta.label_lower, int(pk))


def page_key(page_id: int) -> Key:
    return model_key(Page, page_id)


def image_key(image_id: int) -> Key:
    return model_key(get_image_model(), image_id)


def document_key(document_id: int) -> Key:
    return model_key(get_document_model(), document_id)


def parental_keys(model: type[models.Model]) -> list[ParentalKey]:
    return [field for field in model._meta.concrete_fields if isinstance(field, ParentalKey)]


def keys_of(instance: models.Model) -> set[Key]:
    """What a loaded object stands for: a rendition for its image, an inline row for its page."""
    if isinstance(instance, AbstractRendition):
        return {image_key(instance.image_id)} if instance.image_id else set()
    owners = {
        model_key(field.related_model, getattr(instance, field.attname))
        for field in parental_keys(type(instance))
        if getattr(instance, field.attname) is not None
    }
    if owners:
        return owners
    return {model_key(type(instance), instance.pk)} if instance.pk is not None else set()


class DependencyRecorder:
    """Collects the keys of everything the API loads while it builds one page's snapshot."""

    def __init__(self) -> None:
        self.keys: set[Key] = set()


_recorder: ContextVar[DependencyRecorder | None] = ContextVar("kronika_snapshot_recorder", default=None)


def is_building() -> bool:
    """True inside ``recording()``: the endpoint then computes every field and reads no snapshot."""
    return _recorder.get() is not None


def active_recorder() -> DependencyRecorder | None:
    return _recorder.get()


@contextmanager
def recording() -> Iterator[DependencyRecorder]:
    """Serve every field live (a snapshot being built, a draft previewed), recording what is loaded."""
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
