"""Health and readiness endpoints for a load balancer or an orchestrator.

``/healthz/`` says the process answers (it touches nothing else), so a supervisor restarts a stuck worker.
``/readyz/`` says it can serve: the database answers a query and the cache a round trip. A load balancer sends
traffic only to ready instances; while the database is down the answer is 503 with what failed.

They answer first in the middleware chain: before host validation (load balancers probe by IP address), HTTPS
redirects, sessions and rate limits, none of which a probe should pass through or change.
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz/"
READINESS_PATH = "/readyz/"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"kronika:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


READINESS_CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "cache": check_cache}


def readiness() -> tuple[int, dict[str, str]]:
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means not ready: say which
            logger.warning("Readiness check %s failed: %s", name, error)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    status = 200 if all(result == "ok" for result in results.values()) else 503
    return status, results


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == LIVENESS_PATH and request.method in ("GET", "HEAD"):
            return self._no_store(JsonResponse({"status": "ok"}))
        if request.path == READINESS_PATH and request.method in ("GET", "HEAD"):
            status, checks = readiness()
            response = JsonResponse({"status": "ok" if status == 200 else "unavailable", "checks": checks})
            response.status_code = status
            if status != 200:
                response["Retry-After"] = "5"
            return self._no_store(response)
        return self.get_response(request)

    @staticmethod
    def _no_store(response: HttpResponse) -> HttpResponse:
        response["Cache-Control"] = "no-store"
        return response
