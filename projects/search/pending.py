"""One build of the search documents per save, however many rows the save writes, in the same transaction.

Saving a page saves the page, then each of its inline rows (participants, organisers, goals...), each with its own
post_save: building the page's document on every one of them would build it N+1 times, all but the last from a
half-saved page. Inside ``built_once()`` the signal handlers only collect what changed; the documents are built
when the block ends, from what the database then holds, before its transaction commits. Outside such a block
they are built at once, as before.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import models, transaction

_state = threading.local()


class Pending:
    """The pages and other objects whose documents are to be rebuilt when the block ends."""

    def __init__(self) -> None:
        self.pages: set[int] = set()
        self.objects: dict[type[models.Model], set[int]] = {}

    def build(self) -> None:
        from . import index

        for model, ids in self.objects.items():
            index.refresh_objects(model, ids)
        index.refresh_pages(self.pages)


def _pending() -> Pending | None:
    return getattr(_state, "pending", None)


@contextmanager
def built_once() -> Iterator[None]:
    """Collect the documents to rebuild inside the block and build each once at its end, in one transaction."""
    if _pending() is not None:
        # Inside an outer block: that one builds everything when it ends.
        yield
        return
    pending = _state.pending = Pending()
    try:
        with transaction.atomic():
            yield
            _state.pending = None
            pending.build()
    finally:
        _state.pending = None


def refresh_pages(page_ids: Iterable[int]) -> None:
    """Rebuild these pages' documents now, or when the enclosing ``built_once()`` block ends."""
    pending = _pending()
    if pending is None:
        from . import index

        index.refresh_pages(page_ids)
    else:
        pending.pages.update(page_ids)


def refresh_objects(model: type[models.Model], ids: Iterable[int]) -> None:
    """Rebuild these snippets', images' or documents' documents now, or when the enclosing block ends."""
    pending = _pending()
    if pending is None:
        from . import index

        index.refresh_objects(model, ids)
    else:
        pending.objects.setdefault(model, set()).update(ids)
