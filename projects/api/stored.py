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
from wagtail.models import Page

from ..content_keys import Key, document_key, image_key, keys_of, model_key, page_key
from ..models import PageAPISnapshot
from .serializers import LIVE_META_FIELDS

__all__ = ["Key", "document_key", "image_key", "keys_of", "model_key", "page_key"]

LIVE_FIELDS = frozenset(LIVE_META_FIELDS)
# Rich text in the snapshot is the default HTML; any other format is rendered live.
SNAPSHOT_RICH_TEXT_FORMATS = frozenset({"", "html"})


class DependencyRecorder:
    """Collects the keys of everything the API loads while it builds one page's snapshot."""

    def __init__(self) -> None:
        self.keys: set[Key] = set()


_recorder: ContextVar[DependencyRecorder | None] = ContextVar("kronika_snapshot_recorder", default=None)


def is_building() -> bool:
    """True inside ``recording()``: the endpoint then builds every page live and reads no snapshot."""
    return _recorder.get() is not None


def active_recorder() -> DependencyRecorder | None:
    return _recorder.get()


@contextmanager
def recording() -> Iterator[DependencyRecorder]:
    """Build every page live (a snapshot being built, a draft previewed), recording what is loaded."""
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
