"""The lock shared by writers and by the builders of Kronika's read models (API snapshots, translation states)."""

from .models import APICacheGeneration

GENERATION_PK = 1


def lock_read_models() -> None:
    """Serialise read-model builds with writers, on the API generation row (PostgreSQL; SQLite serialises writes).

    A builder holds the lock while it reads and stores; a writer takes it before it deletes what its
    change made stale. So a build never stores what it read before a change it did not see committed.
    Both read models share this one lock, so a transaction that invalidates both cannot deadlock with another.
    Call it inside a transaction.
    """
    if APICacheGeneration.objects.select_for_update().filter(pk=GENERATION_PK).first() is None:
        APICacheGeneration.objects.get_or_create(pk=GENERATION_PK)
        APICacheGeneration.objects.select_for_update().filter(pk=GENERATION_PK).first()
