"""``python -m bench.growth`` (``make bench-growth``): how Kronika's uncached answers grow with the archive.

Growth is a ratio of two sizes, so both must be measured at the same moment: on a shared machine two
``make bench`` runs minutes apart meet different loads (a run at 20,000 has measured its listing both
faster and 1.6x slower than the run at 2,000 before it). This builds each size of BENCH_GROWTH_SIZES
(default "2000,20000") once, on a throwaway SQLite database of its own (in a child process, as
bench.search does), then measures them in alternation for ROUNDS rounds, each in a fresh child process:
the listing of 20 with every field (its count kept per change, as in production), the same as the first
request after a change (nothing kept: the count made again), ``locale=en&fallback=true`` both ways, and a
detail. A figure is the p50 of the process's CPU time over REQUESTS requests, which other processes
disturb less than the wall clock; a size's figure is the median over the rounds. Prints the growth from the
smallest size to the largest (issue 15 asks for at most 1.2x for the listing of 20) and writes
bench/results/growth.json. SQLite only: with PostgreSQL the database's time is another process's.
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

RESULTS = Path(__file__).resolve().parent / "results" / "growth.json"
ROUNDS = int(os.environ.get("BENCH_GROWTH_ROUNDS", "3"))
REQUESTS = 25
LISTING = "/api/v2/pages/?type=projects.EventReportPage&fields=*&limit=20"
GROWTH_LIMIT = 1.2


def _environment(workdir: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        KRONIKA_BENCH_DATABASE=str(workdir / "bench.sqlite3"),
        KRONIKA_BENCH_MEDIA=str(workdir / "media"),
        KRONIKA_BENCH_SERVER_CACHE_SECONDS="0",
    )


def build(size: int, workdir: Path) -> None:
    """In a child process: migrate and fill ``workdir``'s database with ``size`` reports."""
    _environment(workdir)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from bench import content

    content.build(size)


def measure(workdir: Path) -> dict:
    """In a child process: CPU p50 of each question, with the count kept and as the first after a change."""
    _environment(workdir)
    import django

    django.setup()
    from django.test import Client, override_settings

    from bench import content

    client = Client(HTTP_HOST="127.0.0.1")
    questions = {
        "listing 20": LISTING,
        "locale=en, fallback": f"{LISTING}&locale=en&fallback=true",
        "detail": f"/api/v2/pages/{content.untranslated_report().pk}/",
    }
    results = {}
    for kept, suffix in ((300, ""), (0, ", first after a change")):
        with override_settings(KRONIKA_API_COUNT_CACHE_SECONDS=kept):
            for name, path in questions.items():
                if kept == 0 and name == "detail":
                    continue  # a detail counts nothing
                if client.get(path).status_code != 200:
                    raise RuntimeError(f"{path} did not answer 200")
                timings = []
                for _ in range(REQUESTS):
                    started = time.process_time()
                    client.get(path)
                    timings.append((time.process_time() - started) * 1000)
                results[name + suffix] = round(statistics.median(timings), 2)
    return results


def _child(*arguments: str) -> str:
    command = [sys.executable, "-m", "bench.growth", *arguments]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603 - this module


def main() -> None:
    sizes = [int(size) for size in os.environ.get("BENCH_GROWTH_SIZES", "2000,20000").split(",")]
    workdirs = {size: Path(tempfile.mkdtemp(prefix=f"kronika-bench-growth-{size}-")) for size in sizes}
    try:
        for size, workdir in workdirs.items():
            started = time.perf_counter()
            _child("--build", str(size), str(workdir))
            print(f"{size} reports built in {time.perf_counter() - started:.0f} s", flush=True)
        rounds: dict[int, list[dict]] = {size: [] for size in sizes}
        for number in range(ROUNDS):
            for size, workdir in workdirs.items():
                rounds[size].append(json.loads(_child("--measure", str(workdir)).strip().splitlines()[-1]))
            print(f"round {number + 1} of {ROUNDS}: load average {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        for workdir in workdirs.values():
            shutil.rmtree(workdir, ignore_errors=True)
    names = list(rounds[sizes[0]][0])
    medians = {size: {name: statistics.median(r[name] for r in rounds[size]) for name in names} for size in sizes}
    smallest, largest = min(sizes), max(sizes)
    growth = {name: round(medians[largest][name] / medians[smallest][name], 2) for name in names}
    print(f"{'CPU ms, p50 (median of rounds)':<42}" + "".join(f"{size:>10}" for size in sizes) + "    growth")
    for name in names:
        print(f"{name:<42}" + "".join(f"{medians[size][name]:>10}" for size in sizes) + f"{growth[name]:>9}x")
    verdict = {"listing 20": growth["listing 20"] <= GROWTH_LIMIT}
    print(f"listing of 20 within {GROWTH_LIMIT}x: {'met' if verdict['listing 20'] else 'MISSED'}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "rounds": rounds,
                "median_cpu_ms": medians,
                "growth": growth,
                "listing_20_within_limit": verdict["listing 20"],
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--build":
        build(int(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]))))
    else:
        main()
