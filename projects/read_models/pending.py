"""Work a writer's transaction leaves for after its commit, gathered on the database connection that runs it.

Each read model keeps its own kind of pending work under its own name; after the commit it takes what gathered
and leaves an empty one for the next transaction on the connection.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

Pending = TypeVar("Pending")


def gathered(name: str, empty: Callable[[], Pending]) -> Pending:
    """What the current transaction has gathered under `name` so far (made empty the first time)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not hasattr(connection, name):
        setattr(connection, name, empty())
    return getattr(connection, name)


def take_gathered(name: str, empty: Callable[[], Pending]) -> Pending:
    """What was gathered under `name`, leaving an empty one for the next transaction."""
    connection = connections[DEFAULT_DB_ALIAS]
    taken = getattr(connection, name, None)
    setattr(connection, name, empty())
    return empty() if taken is None else taken
