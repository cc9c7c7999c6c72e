"""``python -m bench.search`` (part of ``make bench``): search latency, Kronika's ?search= beside Wagtail's stock one.

Builds BENCH_SIZE event reports (2,000 by default; ``BENCH_SIZE=20000 python -m bench.search`` for ten times
as many) on a throwaway SQLite database, indexes them for both, and times the same queries through
/api/v2/pages/ (Kronika) and /api/stock/pages/ (Wagtail's PagesAPIViewSet with its database search backend),
each with fields=_,title so the time is the search, the count and one field, not the serialisation of a
whole report. Writes bench/search_results_<size>.json.
"""

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPEATS = 9
LISTING = "type=projects.EventReportPage&fields=_,title&limit=20"


def queries(reports: int) -> dict[str, str]:
    from bench.content import speaker_surname

    return {
        # What one person remembers: a speaker's surname, one report whatever the size.
        "speaker_surname": speaker_surname(reports // 2),
        # An inflected place and a word of every body: matches every report, the worst case.
        "every_report": "spotkanie Gnieźnie",
    }


def timed(client, path: str) -> dict:
    from bench.__main__ import count_queries, percentile

    response, query_count = count_queries(lambda: client.get(path))
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "queries": query_count,
        "total_count": response.json()["meta"]["total_count"],
        "first": [item["title"] for item in response.json()["items"][:3]],
    }


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kronika-bench-search-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        KRONIKA_BENCH_DATABASE=str(workdir / "bench.sqlite3"),
        KRONIKA_BENCH_MEDIA=str(workdir / "media"),
        KRONIKA_BENCH_SERVER_CACHE_SECONDS="0",
    )
    try:
        import django
        from django.core.management import call_command
        from django.test import Client

        django.setup()
        call_command("migrate", verbosity=0)
        from bench import content

        started = time.perf_counter()
        content.build(translate=False, snapshots=False)
        built = time.perf_counter() - started
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        stock_indexed = time.perf_counter() - started
        print(f"built {content.REPORTS} reports in {built:.0f} s, stock index in {stock_indexed:.0f} s", flush=True)

        client = Client(HTTP_HOST="127.0.0.1")
        results: dict = {"reports": content.REPORTS, "build_seconds": round(built), "queries": {}}
        for name, text in queries(content.REPORTS).items():
            search = f"&search={text}"
            results["queries"][name] = {
                "search": text,
                "kronika": timed(client, f"/api/v2/pages/?{LISTING}{search}"),
                "stock": timed(client, f"/api/stock/pages/?{LISTING}{search}"),
            }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    for name, row in results["queries"].items():
        kronika, stock = row["kronika"], row["stock"]
        print(
            f"{name:<16} {row['search']!r:<22} kronika {kronika['median_ms']:>8} ms ({kronika['total_count']} found)"
            f"   stock {stock['median_ms']:>8} ms ({stock['total_count']} found)"
            f"   ratio {kronika['median_ms'] / stock['median_ms']:.2f}"
        )
    output = BENCH_DIR / f"search_results_{results['reports']}.json"
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
