"""Work done once per save, however many rows the save writes, before its transaction commits.

Saving a page saves the page, then each of its inline rows (participants, organisers, goals...), each with its
own post_save: a derived record of the page (its search document) built on every one of them would be built
N+1 times, all but the last from a half-saved page. Inside ``one_save()`` such work is collected by
``defer(function, ids)`` and done once per function, with every id asked for, when the block ends: still in
the block's transaction, so what is derived commits with what it reads. Outside a block it is done at once.

It imports nothing of Kronika's, so models may open a block and any package may defer work to it.
"""

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction

_state = threading.local()


def _pending() -> dict | None:
    return getattr(_state, "pending", None)


@contextmanager
def one_save() -> Iterator[None]:
    """Collect the deferred work of the block and do it once, at its end, in the block's transaction."""
    if _pending() is not None:
        # Inside an outer block: that one does the work when it ends.
        yield
        return
    pending: dict[tuple, set] = {}
    _state.pending = pending
    try:
        with transaction.atomic():
            yield
            _state.pending = None
            for (function, *arguments), ids in pending.items():
                function(*arguments, ids)
    finally:
        _state.pending = None


def defer(function: Callable, ids: Iterable, *arguments) -> None:
    """``function(*arguments, ids)`` now, or once with every id asked for when the enclosing block ends."""
    pending = _pending()
    if pending is None:
        function(*arguments, set(ids))
    else:
        pending.setdefault((function, *arguments), set()).update(ids)
