"""The API cache generation: one number (and when it last changed) that every public change moves on.

The database row is the source of truth: it is bumped in the writer's transaction, under the
change-order lock, so generations grow in commit order. Readers ask the Django cache first (Redis in
production, shared by every process), so a cache hit and a 304 need no database at all:

- a bump deletes the cached copy at once and, after commit, stores the committed value (a reader that
  missed meanwhile may have stored the value from before the commit: the writer's store replaces it);
- a reader that misses reads the row and stores it only if nothing newer is there (``cache.add``);
- the copy expires after GENERATION_CACHE_SECONDS, which bounds the one race left: two writers in two
  processes storing after their commits in the opposite order of those commits;
- while the cache cannot be reached, the row is read every time (projects.cache_outage).
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..cache_outage import tolerating_outage
from ..models import APICacheGeneration
from .lock import hold_change_order

GENERATION_PK = 1
CACHE_KEY = "kronika:read_models:generation"
GENERATION_CACHE_SECONDS = 300


@dataclass(frozen=True)
class Generation:
    """What a reader needs: the number that keys cached answers, and the time for Last-Modified."""

    value: int
    changed_at: datetime.datetime


def _from_database() -> Generation:
    row = APICacheGeneration.objects.filter(pk=GENERATION_PK).first()
    if row is None:
        row, _ = APICacheGeneration.objects.get_or_create(pk=GENERATION_PK)
    return Generation(row.value, row.changed_at)


def _encoded(generation: Generation) -> tuple[int, str]:
    return (generation.value, generation.changed_at.isoformat())


def _decoded(cached: object) -> Generation | None:
    try:
        value, changed_at = cached
        return Generation(int(value), datetime.datetime.fromisoformat(changed_at))
    except (TypeError, ValueError):
        return None


def current_generation() -> Generation:
    """The current generation: from the cache when it holds one, else from the database."""
    cached = _decoded(tolerating_outage(lambda: cache.get(CACHE_KEY), None))
    if cached is not None:
        return cached
    generation = _from_database()
    tolerating_outage(lambda: cache.add(CACHE_KEY, _encoded(generation), GENERATION_CACHE_SECONDS), None)
    return generation


def _store_committed() -> None:
    generation = _from_database()
    tolerating_outage(lambda: cache.set(CACHE_KEY, _encoded(generation), GENERATION_CACHE_SECONDS), None)


def bump_generation() -> None:
    """Make every stored API answer stale: in the writer's transaction, shared caches after its commit."""
    hold_change_order()
    updated = APICacheGeneration.objects.filter(pk=GENERATION_PK).update(
        value=F("value") + 1, changed_at=timezone.now()
    )
    if not updated:
        APICacheGeneration.objects.get_or_create(pk=GENERATION_PK, defaults={"value": 1})
    tolerating_outage(lambda: cache.delete(CACHE_KEY), None)
    transaction.on_commit(_store_committed)
