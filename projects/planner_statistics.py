"""The database planner's statistics on the tables the API reads, refreshed after bulk changes.

Without statistics SQLite's planner takes every index equality for a rare value: for a listing of
``locale=pl`` it reads every Polish page through the locale index and sorts them all by path, instead of
walking the path index and stopping at the 20th (measured at 20,000 reports: 68 ms against 27 ms once
ANALYZE has run; ``locale=en&fallback=true`` 93 ms against 27 ms). PostgreSQL's autovacuum analyses
tables in time, but only after a bulk load has been queried for a while. So whatever loads content in
bulk (``rebuild_api_snapshots`` after a deploy or an import, the bench) ends with ``refresh()``.
"""

from django.apps import apps
from django.db import connections
from wagtail.models import Page


def _tables() -> list[str]:
    own = [model._meta.db_table for model in apps.get_app_config("projects").get_models()]
    return [Page._meta.db_table, *own]


def refresh(using: str = "default") -> None:
    """ANALYZE Wagtail's page table and Kronika's own tables, on SQLite and PostgreSQL (others: nothing)."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Whole tables: SQLite's sampled statistics (PRAGMA analysis_limit=1000) put a language at 528 of 20,000
        # pages instead of 10,000, and the planner went back to the locale index.
        for table in _tables():
            cursor.execute(f"ANALYZE {quote(table)}")
