"""Listing counts kept per API generation, so that paging through a listing does not count it again.

``meta.total_count`` is exact: Wagtail counts every matching page for each listing request, which is
the one part of a listing whose cost grows with the archive (a scan of every public report: 2 ms at
2,000 reports and 16 ms at 20,000 on SQLite). Within one API generation the answer cannot change
(projects.read_models.generation: every change partners can see moves it on), so a count is kept in
the cache under the generation and the exact SQL of the query, which holds everything the count
depends on (type, language, filters, the site, the view restrictions this request passed). The first
listing of a filter set after a change counts; the next pages, other page sizes and other `fields`
reuse it. Nothing else is kept: no page, no id, only a number per query and generation.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from ..cache_outage import tolerating_outage
from ..conf import api_count_cache_seconds
from ..read_models.generation import current_generation

CACHE_KEY_PREFIX = "kronika:api:count:"


def _key(queryset: QuerySet) -> str | None:
    """The cache key of the count of ``queryset``; None when Django knows without SQL that nothing matches."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. pk__in=[]: Django counts 0 without asking the database
        return None
    parts = [str(current_generation().value), queryset.db, sql, repr(params)]
    return CACHE_KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def total_count(results) -> int:
    """``results.count()``, from the cache when this generation already counted the same query."""
    seconds = api_count_cache_seconds()
    if seconds <= 0 or not isinstance(results, QuerySet) or (key := _key(results)) is None:
        return results.count()
    count = tolerating_outage(lambda: cache.get(key), None)
    if count is None:
        count = results.count()
        tolerating_outage(lambda: cache.set(key, count, seconds), None)
    return count
