"""``python -m bench`` (``make bench``): Kronika, stock Wagtail and a bare JsonResponse, side by side in one run.

Builds BENCH_SIZE event reports (2,000 by default) on a throwaway database: an SQLite file, or, when
DATABASE_URL names a PostgreSQL server, a fresh database on it, dropped afterwards. Then asks the same
questions of Kronika's /api/v2/pages/, of stock Wagtail's PagesAPIViewSet mounted on the same models at
/api/stock/pages/ (bench/urls.py), and of a bare JsonResponse of Kronika's own answer at /bench/bare/
(bench/bare.py), all through the same middleware: in process (p50/p95 and queries, bench.measure) and
through gunicorn with production's settings, driven from another process (requests per second,
bench.server). Prints the table with its ratios and issue 15's targets, and writes
bench/results/<database>-<size>.json and .md and the chart bench/results/bench.png (bench.report).
"""

import datetime
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.measure import Scenario, count_queries, measure, percentile  # noqa: F401 - bench.search imports these

LISTING = "type=projects.EventReportPage&fields=*"
MACHINE = "Shared 2-core machine (other jobs running): compare ratios within a run, not absolute times across runs."


def scenarios(detail_id: int, search_term: str) -> list[Scenario]:
    return [
        Scenario("listing 20", f"/api/v2/pages/?{LISTING}&limit=20", f"/api/stock/pages/?{LISTING}&limit=20"),
        Scenario("listing 100", f"/api/v2/pages/?{LISTING}&limit=100", f"/api/stock/pages/?{LISTING}&limit=100"),
        Scenario(
            "listing 20, first after a change",
            f"/api/v2/pages/?{LISTING}&limit=20",
            f"/api/stock/pages/?{LISTING}&limit=20",
            mode="changed",
        ),
        Scenario("listing 20, server cache hit", f"/api/v2/pages/?{LISTING}&limit=20", mode="cached"),
        Scenario("304 (If-None-Match)", f"/api/v2/pages/?{LISTING}&limit=20", mode="304"),
        Scenario("detail", f"/api/v2/pages/{detail_id}/", f"/api/stock/pages/{detail_id}/"),
        Scenario(
            "locale=en, fallback",
            f"/api/v2/pages/?{LISTING}&limit=20&locale=en&fallback=true",
            f"/api/stock/pages/?{LISTING}&limit=20&locale=en",
        ),
        # Stock Wagtail's search needs its own index (update_index): bench.search compares the two searches.
        Scenario("search", f"/api/v2/pages/?type=projects.EventReportPage&search={search_term}&limit=20"),
    ]


def bare_name(scenario: Scenario) -> str:
    return scenario.name.split(",")[0].split(" (")[0].replace(" ", "-").replace("=", "-")


def _database(workdir: Path) -> tuple[str, str | None]:
    """The bench database's URL, and the URL of a PostgreSQL database to drop afterwards."""
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        from cms.ci_database import create

        parts = urlsplit(server)
        url = urlunsplit(parts._replace(path=f"/kronika_bench_{os.getpid()}_{int(time.time())}"))
        create(url)
        return url, url
    return f"sqlite:///{workdir / 'bench.sqlite3'}", None


def in_process(all_scenarios: list[Scenario]) -> tuple[list[dict], dict]:
    from bench import bare

    rows, payloads = [], {}
    for scenario in all_scenarios:
        kronika = measure(scenario.kronika, scenario.mode, scenario.headers)
        name = bare_name(scenario)
        payloads[name] = kronika.pop("payload")
        bare.PAYLOADS[name] = payloads[name]
        row = {"name": scenario.name, "path": scenario.kronika, "kronika": kronika}
        if scenario.stock:
            row["stock"] = measure(scenario.stock)
            row["stock"].pop("payload")
        row["bare"] = measure(f"/bench/bare/{name}/")
        row["bare"].pop("payload")
        rows.append(row)
        print(f"  measured {scenario.name}", flush=True)
    return rows, payloads


def _server_row(name: str, **measured: dict | None) -> dict:
    """{name, each peer's requests/s, and "cpu_ms": each peer's worker CPU ms per request}."""
    row: dict = {"name": name, "cpu_ms": {}}
    for peer, result in measured.items():
        if result is not None:
            row[peer] = result["requests_per_second"]
            row["cpu_ms"][peer] = result["cpu_ms"]
    return row


def through_gunicorn(environment: dict, all_scenarios: list[Scenario]) -> list[dict]:
    from bench import server

    by_name = {scenario.name: scenario for scenario in all_scenarios}
    rows = []
    with server.gunicorn(environment, server_cache=False):
        for name in ("listing 20", "detail"):
            scenario = by_name[name]
            rows.append(
                _server_row(
                    name,
                    kronika=server.requests_per_second(scenario.kronika),
                    stock=server.requests_per_second(scenario.stock),
                    bare=server.requests_per_second(f"/bench/bare/{bare_name(scenario)}/"),
                )
            )
    with server.gunicorn(environment, server_cache=True) as redis:
        for name in ("listing 20, server cache hit", "304 (If-None-Match)"):
            scenario = by_name[name]
            headers = {"If-None-Match": server.etag_of(scenario.kronika)} if scenario.mode == "304" else {}
            row = _server_row(
                name,
                kronika=server.requests_per_second(scenario.kronika, headers, 304 if headers else 200),
                bare=server.requests_per_second(f"/bench/bare/{bare_name(scenario)}/"),
            )
            rows.append({**row, "cache": "redis" if redis else "local memory"})
    return rows


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kronika-bench-"))
    database_url, to_drop = _database(workdir)
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.settings",
        KRONIKA_BENCH_DATABASE_URL=database_url,
        KRONIKA_BENCH_MEDIA=str(workdir / "media"),
        KRONIKA_BENCH_BARE_PAYLOADS=str(workdir / "bare.json"),
    )
    os.environ.update(environment)
    try:
        import django
        from django.core.management import call_command

        django.setup()
        from django.db import connection
        from wagtail.models import Page

        from bench import content, report

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"building {content.REPORTS} reports on {connection.vendor}", flush=True)
        build_seconds = {"migrate": round(time.perf_counter() - started, 1)}
        build_seconds.update(content.build(show_progress=True))
        detail_id = content.untranslated_report().pk
        all_scenarios = scenarios(detail_id, content.speaker_surname(content.REPORTS // 2))
        rows, payloads = in_process(all_scenarios)
        (workdir / "bare.json").write_text(json.dumps(payloads))
        results = {
            "database": connection.vendor,
            "size": content.REPORTS,
            "live_pages": Page.objects.live().count(),
            "measured_at": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": MACHINE,
            "build_seconds": build_seconds,
            "rows": rows,
        }
        from django.db import connections

        connections.close_all()
        results["server"] = through_gunicorn(environment, all_scenarios)
        smaller = next(
            (r for r in report.stored_results() if r["database"] == results["database"] and r["size"] == 2000), None
        )
        results["targets"] = report.targets(results, results if results["size"] == 2000 else smaller)
    finally:
        if to_drop:
            from django.db import connections

            connections.close_all()
            from cms.ci_database import drop

            drop(to_drop)
        shutil.rmtree(workdir, ignore_errors=True)

    print(report.as_text(results))
    for path in report.write(results):
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    sys.exit(main())
