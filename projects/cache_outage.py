"""A cache that cannot be reached makes answers slower, never errors.

The API's response cache and rate limiter call the cache through ``tolerating_outage``: when the backend
cannot be reached, the answer is built uncached and the request is let through uncounted. The rest of the
site (Wagtail's own caches) needs the backend itself to shrug: the site's settings give django-redis
``IGNORE_EXCEPTIONS`` and route its reports to OUTAGE_LOGGER, whose filter lets one warning a minute
through per process instead of a traceback on every cache call.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

OUTAGE_LOGGER = "projects.cache_outage"
WARNING_INTERVAL_SECONDS = 60
WARNING = "The cache cannot be reached (%s): answers are served uncached and rate limits are not counted."

T = TypeVar("T")
logger = logging.getLogger(OUTAGE_LOGGER)


def _outage_errors() -> tuple[type[BaseException], ...]:
    """What a cache backend raises when its server is down: socket errors, and redis-py's own."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from redis import exceptions as redis_exceptions
    except ImportError:  # a site without Redis
        return tuple(errors)
    return (*errors, redis_exceptions.ConnectionError, redis_exceptions.TimeoutError)


OUTAGE_ERRORS = _outage_errors()


class _WarningInterval:
    """At most one warning per interval in this process, whichever code path noticed the outage."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: float | None = None

    def due(self) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._last is not None and now - self._last < WARNING_INTERVAL_SECONDS:
                return False
            self._last = now
            return True

    def reset(self) -> None:
        with self._lock:
            self._last = None


warning_interval = _WarningInterval()


def warn_of_outage(error: BaseException) -> None:
    if warning_interval.due():
        logger.warning(WARNING, error)


def tolerating_outage(operation: Callable[[], T], default: T) -> T:
    """The operation's result, or ``default`` (and a warning at most once a minute) when the cache is down."""
    try:
        return operation()
    except OUTAGE_ERRORS as error:
        warn_of_outage(error)
        return default


class OncePerIntervalFilter(logging.Filter):
    """On OUTAGE_LOGGER: turns django-redis's "Exception ignored" tracebacks into one warning a minute."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR:
            return True
        if not warning_interval.due():
            return False
        error = record.exc_info[1] if record.exc_info else None
        cause = error.__cause__ if error is not None and error.__cause__ is not None else error
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg, record.args = WARNING, (cause,)
        record.exc_info = record.exc_text = None
        return True


def connect() -> None:
    """Attach the filter to OUTAGE_LOGGER (called from the app's ready())."""
    if not any(isinstance(existing, OncePerIntervalFilter) for existing in logger.filters):
        logger.addFilter(OncePerIntervalFilter())
