"""Kronika's settings, read at call time with defaults so the app fits any Wagtail site."""

from django.conf import settings


def default_phone_region() -> str:
    return getattr(settings, "KRONIKA_DEFAULT_PHONE_REGION", "PL")


def default_currency() -> str:
    return getattr(settings, "KRONIKA_DEFAULT_CURRENCY", "PLN")


def index_parent_page_types() -> list[str]:
    """Page types ("app.Model") the program, project and report indexes may sit under."""
    return list(getattr(settings, "KRONIKA_INDEX_PARENT_PAGE_TYPES", ["wagtailcore.Page"]))


def base_template() -> str:
    """The layout Kronika's page templates extend: a template with a ``content`` block (``title`` optional)."""
    return getattr(settings, "KRONIKA_BASE_TEMPLATE", "base.html")


def api_path_prefix() -> str:
    """Where the public delivery API answers: caching and rate limits apply below it."""
    return getattr(settings, "KRONIKA_API_PATH_PREFIX", "/api/v2/")


def api_url_namespace() -> str:
    """The URL namespace of the public API router, used to find listing URLs to purge."""
    return getattr(settings, "KRONIKA_API_URL_NAMESPACE", "wagtailapi")


def api_cache_seconds() -> int:
    """How long the server keeps a public API response; 0 turns the server-side cache off."""
    return int(getattr(settings, "KRONIKA_API_CACHE_SECONDS", 300))


def api_count_cache_seconds() -> int:
    """How long a listing's count is kept for the same query within one API generation; 0 counts every request."""
    return int(getattr(settings, "KRONIKA_API_COUNT_CACHE_SECONDS", 300))


def api_cache_control() -> str:
    return getattr(settings, "KRONIKA_API_CACHE_CONTROL", "public, max-age=60, s-maxage=300, stale-while-revalidate=60")


def api_snapshot_rebuilds() -> bool:
    """Whether a change rebuilds the page API snapshots it deleted in a background task.

    Turn it off for a bulk import, then run ``manage.py rebuild_api_snapshots``; snapshots are deleted either way.
    """
    return bool(getattr(settings, "KRONIKA_API_SNAPSHOT_REBUILDS", True))


def api_rate_limit() -> str:
    """Requests per client, e.g. '120/minute'; 'off' or empty turns rate limiting off."""
    return getattr(settings, "KRONIKA_API_RATE_LIMIT", "120/minute")


def api_trusted_proxies() -> int:
    """How many reverse proxies in front of the site append to X-Forwarded-For (0: use the peer address)."""
    return int(getattr(settings, "KRONIKA_API_TRUSTED_PROXIES", 0))


def changes_page_size() -> tuple[int, int]:
    """Default and largest page of the delta sync endpoint."""
    return (
        int(getattr(settings, "KRONIKA_CHANGES_DEFAULT_LIMIT", 100)),
        int(getattr(settings, "KRONIKA_CHANGES_MAX_LIMIT", 1000)),
    )


def feed_length() -> int:
    """How many of the latest reports a feed lists."""
    return int(getattr(settings, "KRONIKA_FEED_LENGTH", 20))


def feeds_path_prefix() -> str:
    """Where the feeds answer: they get the API's caching headers and server-side cache."""
    return getattr(settings, "KRONIKA_FEEDS_PATH_PREFIX", "/feeds/")


def search_auto_update() -> bool:
    """Whether content changes update the search documents at once; bulk imports turn it off, then rebuild them all."""
    return bool(getattr(settings, "KRONIKA_SEARCH_AUTO_UPDATE", True))
