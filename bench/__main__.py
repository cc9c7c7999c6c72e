"""Run with ``python -m bench`` (``make bench``): builds a throwaway database, measures, writes bench/results.json."""

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# The stock Wagtail API v2 figures measured on these machines (Wagtail 8.0.1, SQLite, 2,000 reports,
# fields=*), copied from shared/DESIGN.md "Facts about the stack": the peer to beat.
STOCK = {
    20: {"queries": 69, "median_ms": 79.0, "requests_per_second": 11.6},
    50: {"queries": 159, "median_ms": None, "requests_per_second": None},
    100: {"queries": None, "median_ms": None, "requests_per_second": None},
}
LIMITS = (20, 50, 100)
IN_PROCESS_REPEATS = 9
SERVER_PORT = int(os.environ.get("KRONIKA_BENCH_PORT", "8050"))
SERVER_REQUESTS = 60
SERVER_SECONDS = 8.0
SERVER_RUNS = ((False, "gunicorn_requests_per_second"), (True, "gunicorn_cached_requests_per_second"))
BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def listing_path(limit: int) -> str:
    return f"/api/v2/pages/?type=projects.EventReportPage&fields=*&limit={limit}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def count_queries(function: Callable[[], object]) -> tuple[object, int]:
    """Run ``function`` and count the SQL statements it sends (Django resets its query log per request)."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        result = function()
    return result, count


def measure_in_process(path: str, server_cache: bool, items: int | None = None) -> dict:
    """Median and p95 of the Django test client round trip, and the queries of one request with every cache empty."""
    from django.core.cache import cache
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    cache.clear()
    with override_settings(KRONIKA_API_CACHE_SECONDS=300 if server_cache else 0):
        response, queries = count_queries(lambda: client.get(path))
        if response.status_code != 200 or (items is not None and len(response.json()["items"]) != items):
            raise RuntimeError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
        _, repeated_queries = count_queries(lambda: client.get(path))
        timings = []
        for _ in range(IN_PROCESS_REPEATS):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
    return {
        "queries": queries,
        "queries_when_cached": repeated_queries,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "bytes": len(response.content),
    }


def measure_translated() -> dict:
    """The same with content translated through wagtail-localize: English listing, and details in both languages."""
    from wagtail.models import Locale

    from bench import content

    english = Locale.objects.get(language_code="en")
    report = content.translated_reports()[0]
    untranslated = content.untranslated_report()
    paths = {
        "listing_en_20": f"{listing_path(20)}&locale=en",
        "detail_pl_translated": f"/api/v2/pages/{report.pk}/",
        "detail_en": f"/api/v2/pages/{report.get_translation(english).pk}/",
        "detail_pl_untranslated": f"/api/v2/pages/{untranslated.pk}/",
    }
    return {name: measure_in_process(path, server_cache=False) for name, path in paths.items()}


def _wait_for_server(deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", SERVER_PORT, timeout=2)
            connection.request("GET", "/api/v2/changes/?limit=1")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{SERVER_PORT}")


def measure_server(environment: dict, server_cache: bool) -> dict[int, float]:
    """Requests per second of one gunicorn sync worker on loopback, at most SERVER_REQUESTS or SERVER_SECONDS each."""
    environment = dict(environment, KRONIKA_BENCH_SERVER_CACHE_SECONDS="300" if server_cache else "0")
    server = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{SERVER_PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
    )
    try:
        _wait_for_server(time.monotonic() + 30)
        results = {}
        for limit in LIMITS:
            done, started = 0, time.perf_counter()
            while done < SERVER_REQUESTS and time.perf_counter() - started < SERVER_SECONDS:
                connection = http.client.HTTPConnection("127.0.0.1", SERVER_PORT, timeout=30)
                connection.request("GET", listing_path(limit), headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status != 200:
                    raise RuntimeError(f"gunicorn answered {response.status} for limit={limit}")
                done += 1
            results[limit] = round(done / (time.perf_counter() - started), 1)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def table(results: dict) -> str:
    header = (
        f"{'limit':>5} | {'queries':>7} | {'stock q':>7} | {'median ms':>9} | {'p95 ms':>7} | "
        f"{'cached median':>13} | {'cached q':>8} | {'req/s':>6} | {'req/s cached':>12} | {'stock req/s':>11}"
    )
    lines = [header, "-" * len(header)]
    for limit in LIMITS:
        row = results["listings"][str(limit)]
        stock = STOCK[limit]
        lines.append(
            f"{limit:>5} | {row['no_cache']['queries']:>7} | {stock['queries'] or '-':>7} | "
            f"{row['no_cache']['median_ms']:>9} | {row['no_cache']['p95_ms']:>7} | "
            f"{row['server_cache']['median_ms']:>13} | {row['server_cache']['queries_when_cached']:>8} | "
            f"{row['gunicorn_requests_per_second']:>6} | {row['gunicorn_cached_requests_per_second']:>12} | "
            f"{stock['requests_per_second'] or '-':>11}"
        )
    lines += ["", f"{'with translated content':<24} | {'queries':>7} | {'median ms':>9} | {'p95 ms':>7}"]
    for name, row in results["translated"].items():
        lines.append(f"{name:<24} | {row['queries']:>7} | {row['median_ms']:>9} | {row['p95_ms']:>7}")
    return "\n".join(lines)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kronika-bench-"))
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.settings",
        KRONIKA_BENCH_DATABASE=str(workdir / "bench.sqlite3"),
        KRONIKA_BENCH_MEDIA=str(workdir / "media"),
    )
    os.environ.update(environment)
    try:
        import django
        from django.core.management import call_command

        django.setup()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        from bench import content

        content.build()
        print(
            f"built {content.REPORTS} reports ({content.TRANSLATED_REPORTS} translated into English) "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )

        results: dict = {"reports": content.REPORTS, "stock": {str(k): v for k, v in STOCK.items()}, "listings": {}}
        for limit in LIMITS:
            results["listings"][str(limit)] = {
                "no_cache": measure_in_process(listing_path(limit), server_cache=False, items=limit),
                "server_cache": measure_in_process(listing_path(limit), server_cache=True, items=limit),
            }
        results["translated"] = measure_translated()
        from django.db import connections

        connections.close_all()
        for server_cache, key in (
            (False, "gunicorn_requests_per_second"),
            (True, "gunicorn_cached_requests_per_second"),
        ):
            for limit, rate in measure_server(environment, server_cache).items():
                results["listings"][str(limit)][key] = rate
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(table(results))
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {BENCH_DIR / 'results.json'}")


if __name__ == "__main__":
    main()
