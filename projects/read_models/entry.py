"""The one entry point of content changes: ``record(Change)``, and the listeners registered with it."""

from collections.abc import Callable

from django.db import transaction

from . import change_log, translation_states
from .change import Change
from .generation import bump_generation

Listener = Callable[[Change], None]
_before_log: list[Listener] = []
_after_log: list[Listener] = []


def register(listener: Listener, *, after_change_log: bool = False) -> None:
    """Call ``listener`` with every visible change, in the writer's transaction.

    Listeners run before the change log takes its lock, so their work does not lengthen it; one that needs
    the change-log entries (``change.entries``) asks for ``after_change_log``. Registering twice is a no-op.
    """
    listeners = _after_log if after_change_log else _before_log
    if listener not in listeners:
        listeners.append(listener)


def record(change: Change) -> None:
    """Bring everything derived from content up to date with this change (see the package docstring)."""
    translation_states.forget(change)
    if not change.visible:
        return
    with transaction.atomic(savepoint=False):
        for listener in _before_log:
            listener(change)
        change_log.record(change)
        for listener in _after_log:
            listener(change)
        if not change.raw:
            bump_generation()
