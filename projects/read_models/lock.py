"""The read-model layer's own locks: PostgreSQL advisory locks, held to the end of the transaction.

No table row is locked, so readers and writers of content never queue behind them; only the code of
this package takes them, and only for changes partners can see (see the package docstring):

- CHANGE_ORDER is taken right before the ordered write of a change (change-log entries and the
  generation bump) and held to the writer's commit, so change-log ids become visible in the order
  partners read them and generation values grow in commit order.
- BUILDS is taken by the builders of stored read models (page snapshots, translation states) while
  they read and store, and by the check that follows each commit of a change, so a build never
  stores what it read before a change it did not see committed (see ``snapshots_after_commit``).

SQLite lets one writer in at a time by itself: there the locks are no-ops.
"""

from django.db import connection

# Two 32-bit keys, as pg_advisory_xact_lock(int, int) takes them: "Kron" and a lock number.
LOCK_NAMESPACE = 0x4B726F6E
CHANGE_ORDER = 1
BUILDS = 2


def _hold(lock: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, lock])


def hold_change_order() -> None:
    """Serialise the ordered write of a change with every other one, until this transaction ends."""
    _hold(CHANGE_ORDER)


def lock_read_models() -> None:
    """Serialise read-model builds with each other and with the checks after commits; call it in a transaction."""
    _hold(BUILDS)
