"""Per-client rate limiting of the public API, with 429 and Retry-After.

A small middleware over Django's cache rather than DRF throttling, because:
- it counts every public request, including the ones the server-side cache and 304s
  answer before any DRF view runs (a DRF throttle would only see cache misses);
- it applies to every endpoint under the API prefix without touching the endpoint classes,
  and never to the admin, whose own DRF API lives elsewhere;
- its counters live in the default cache, so with Redis (REDIS_URL) all workers share them; with a
  per-process cache (local memory, the default without Redis) each worker counts on its own, and
  N workers let up to N times the rate through;
- a cache that cannot be reached lets requests through uncounted rather than failing them.

The window is fixed (e.g. 120 requests per calendar minute per client); Retry-After says
how many seconds are left in it.
"""

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse

from ..cache_outage import tolerating_outage
from ..conf import api_path_prefix, api_rate_limit, api_trusted_proxies

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
OFF_VALUES = frozenset({"", "off", "none", "0"})
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)s?\s*$")


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int
    period: str


def parse_rate(value: str | None) -> Rate | None:
    """'120/minute' -> Rate(120, 60); 'off' or empty -> None; anything else is a configuration error."""
    if value is None or str(value).strip().lower() in OFF_VALUES:
        return None
    match = _RATE.match(str(value).lower())
    if not match or int(match.group(1)) < 1:
        raise ImproperlyConfigured(
            f"API_RATE_LIMIT must look like 120/minute (per second, minute, hour or day) or be off, not {value!r}."
        )
    return Rate(int(match.group(1)), PERIODS[match.group(2)], match.group(2))


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer, or the one the trusted proxies in front of us saw."""
    proxies = api_trusted_proxies()
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _count(key: str, timeout: int) -> int | None:
    """This request's number in its window, or None when the cache cannot be reached to count it."""

    def count() -> int:
        cache.add(key, 0, timeout)
        try:
            return cache.incr(key)
        except ValueError:
            # The window expired between add() and incr(): this request opens a new one.
            cache.set(key, 1, timeout)
            return 1

    # django-redis told to ignore outages answers None itself; other backends raise.
    return tolerating_outage(count, None)


class APIRateLimitMiddleware:
    """Answers 429 with Retry-After once a client passes the configured rate on the public API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rate = parse_rate(api_rate_limit())
        if rate is None or request.method == "OPTIONS" or not request.path.startswith(api_path_prefix()):
            return self.get_response(request)
        now = time.time()
        window = int(now // rate.seconds)
        count = _count(f"kronika:ratelimit:{client_address(request)}:{rate.seconds}:{window}", rate.seconds + 1)
        if count is not None and count > rate.requests:
            retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
            response = JsonResponse(
                {
                    "message": f"Too many requests: the limit is {rate.requests} per {rate.period}. "
                    f"Retry after {retry_after} seconds."
                },
                status=429,
            )
            response["Retry-After"] = str(retry_after)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


def check_rate_limit_setting(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A malformed API_RATE_LIMIT stops ``manage.py check`` and the server, not each request."""
    try:
        parse_rate(api_rate_limit())
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="kronika.E001")]
    return []
