"""``python -m bench.search`` (part of ``make bench``): search latency at 2,000 and 20,000 reports, beside Wagtail's.

For each size (BENCH_SEARCH_SIZES, default "2000,20000") a child process builds that many event reports on a
throwaway SQLite database, indexes them for both searches, and times the same typical partner queries through
/api/v2/pages/ (Kronika) and /api/stock/pages/ (Wagtail's PagesAPIViewSet on its default database search
backend), each with fields=_,title so the time is the search, the count and one field, not the serialisation
of a whole report; and the same listing without a search, for reference. A query's figure is the median of
REPEATS requests; a size's figure is the median over the queries. The run then checks the acceptance of
issue 12: Kronika's median at the largest size within 1.5x of the smallest, and at most 0.3x Wagtail's at
each size. Writes bench/search_results.json.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPEATS = 9
# Wagtail's search takes seconds a query at 20,000 reports: fewer repeats keep the run within minutes.
STOCK_REPEATS = 3
LISTING = "type=projects.EventReportPage&fields=_,title&limit=20"
GROWTH_LIMIT = 1.5
STOCK_SHARE_LIMIT = 0.3


def queries(reports: int) -> dict[str, str]:
    """What partners type, by kind: words in every report, rare words, places, people, phrases, organisations."""
    from bench.content import speaker_surname

    return {
        "common_word": "spotkanie",
        "common_inflected": "organizacji pozarządowych",
        "common_body_word": "przedstawicieli",
        "rare_surname": speaker_surname(reports // 2),
        "city": "Gniezno",
        "city_inflected_no_diacritics": "gnieznie",
        "office_city": "Konin",
        "speaker_full_name": f"Jan {speaker_surname(reports // 3)}",
        "contact_person": "Osoba 7",
        "title_phrase": "sesja dialogowa",
        "goal_phrase": "wymiana doświadczeń",
        "region_phrase": "powiat gnieźnieński",
        "participant_organisation": "Stowarzyszenie 12",
    }


def timed(client, path: str, repeats: int) -> dict:
    from bench.__main__ import count_queries, percentile

    response, query_count = count_queries(lambda: client.get(path))
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    body = response.json()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "queries": query_count,
        "total_count": body["meta"]["total_count"],
        "first": [item["title"] for item in body["items"][:3]],
    }


def measure_size(size: int, output: Path) -> None:
    """In a child process: build ``size`` reports, index them for both searches, time the queries."""
    from urllib.parse import quote

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
        content.build(size, translate=False, snapshots=False)
        built = time.perf_counter() - started
        started = time.perf_counter()
        call_command("update_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        stock_indexed = time.perf_counter() - started
        print(f"{size} reports built in {built:.0f} s, Wagtail's index in {stock_indexed:.0f} s", flush=True)

        client = Client(HTTP_HOST="127.0.0.1")
        results: dict = {"reports": size, "build_seconds": round(built), "queries": {}}
        # The same listing without a search: what any request for it costs at this size, search or not.
        results["listing_without_search"] = timed(client, f"/api/v2/pages/?{LISTING}", REPEATS)
        for name, text in queries(size).items():
            search = f"&search={quote(text)}"
            results["queries"][name] = row = {
                "search": text,
                "kronika": timed(client, f"/api/v2/pages/?{LISTING}{search}", REPEATS),
                "stock": timed(client, f"/api/stock/pages/?{LISTING}{search}", STOCK_REPEATS),
            }
            print(
                f"  {name:<30} {text!r:<28} kronika {row['kronika']['median_ms']:>8} ms "
                f"({row['kronika']['total_count']} found)   stock {row['stock']['median_ms']:>9} ms "
                f"({row['stock']['total_count']} found)",
                flush=True,
            )
        for engine in ("kronika", "stock"):
            results[f"{engine}_median_ms"] = round(
                statistics.median(row[engine]["median_ms"] for row in results["queries"].values()), 2
            )
        output.write_text(json.dumps(results, ensure_ascii=False))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def verdict(by_size: dict[int, dict]) -> dict:
    smallest, largest = min(by_size), max(by_size)
    growth = by_size[largest]["kronika_median_ms"] / by_size[smallest]["kronika_median_ms"]
    shares = {size: row["kronika_median_ms"] / row["stock_median_ms"] for size, row in by_size.items()}
    return {
        f"growth_{smallest}_to_{largest}": round(growth, 2),
        "growth_ok": growth <= GROWTH_LIMIT,
        "share_of_stock": {str(size): round(share, 3) for size, share in shares.items()},
        "share_of_stock_ok": all(share <= STOCK_SHARE_LIMIT for share in shares.values()),
    }


def main() -> None:
    sizes = [int(size) for size in os.environ.get("BENCH_SEARCH_SIZES", "2000,20000").split(",")]
    by_size: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kronika-bench-search-results-") as directory:
        for size in sizes:
            output = Path(directory) / f"{size}.json"
            command = [sys.executable, "-m", "bench.search", "--size", str(size), str(output)]
            subprocess.run(command, check=True)  # noqa: S603 - this interpreter, this module
            by_size[size] = json.loads(output.read_text())
    results = {"sizes": {str(size): row for size, row in by_size.items()}, "verdict": verdict(by_size)}
    for size, row in by_size.items():
        print(
            f"{size:>6} reports: median over {len(row['queries'])} queries kronika {row['kronika_median_ms']} ms, "
            f"Wagtail {row['stock_median_ms']} ms; the listing without a search "
            f"{row['listing_without_search']['median_ms']} ms"
        )
    print(json.dumps(results["verdict"]))
    output = BENCH_DIR / "search_results.json"
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {output}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--size":
        measure_size(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
