"""In-process measurements: the Django test client's round trip through the whole middleware stack."""

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

REPEATS = int(os.environ.get("BENCH_REPEATS", "9"))


@dataclass(frozen=True)
class Scenario:
    """One row of the table: the same question asked of Kronika, stock Wagtail (when it can answer) and bare."""

    name: str
    kronika: str
    stock: str | None = None
    # "cold": Kronika's server cache of answers off (a listing's count is kept per generation, as in production);
    # "changed": the first request after a change (no answer, no count kept); "cached": a hit of the server
    # cache; "304": a revalidation.
    mode: str = "cold"
    headers: dict[str, str] = field(default_factory=dict)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def count_queries(function: Callable[[], object]) -> tuple[object, int]:
    """Run ``function`` and count the SQL statements it sends."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        result = function()
    return result, count


def _timed(function: Callable[[], object]) -> dict:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(timings), 2), "p95_ms": round(percentile(timings, 0.95), 2)}


def measure(path: str, mode: str = "cold", headers: dict[str, str] | None = None) -> dict:
    """p50/p95 of ``path``, and the queries of one request: the first with every cache empty (cold, changed), or
    one answered from the server cache (cached, 304), which is what those modes are for."""
    from django.core.cache import cache
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in (headers or {}).items()}
    cache.clear()
    uncached = mode in ("cold", "changed")
    count_seconds = 0 if mode == "changed" else 300
    with override_settings(
        KRONIKA_API_CACHE_SECONDS=0 if uncached else 300, KRONIKA_API_COUNT_CACHE_SECONDS=count_seconds
    ):
        first, queries = count_queries(lambda: client.get(path, **extra))
        if first.status_code != 200:
            raise RuntimeError(f"{path} answered {first.status_code}: {first.content[:300]!r}")
        if mode == "304":
            extra["HTTP_IF_NONE_MATCH"] = first["ETag"]
        if not uncached:
            response, queries = count_queries(lambda: client.get(path, **extra))
            expected = 304 if mode == "304" else 200
            if response.status_code != expected:
                raise RuntimeError(f"{path} ({mode}) answered {response.status_code}, not {expected}")
        result = _timed(lambda: client.get(path, **extra))
    return {**result, "queries": queries, "bytes": len(first.content), "payload": first.json()}
