"""Load test (``make loadtest``): readers and an editor at once, on SQLite and on PostgreSQL.

For each database it builds a throwaway site, serves it with gunicorn (2 sync workers) on 127.0.0.1, and runs
LOADTEST_CLIENTS readers (default 50) for LOADTEST_SECONDS (default 60) over the public API: listings, details,
search, find and the change log. Meanwhile an editor's tool publishes an edit of a report every 2 seconds through
the v3 API (a PATCH with ``action: publish``, in gunicorn like any editor's publish). It prints p50/p95/p99,
requests per second, errors and failed publishes, writes bench/loadtest_results.json, and exits non-zero when
anything failed. Every request goes to 127.0.0.1 only, and each client stops at the deadline.

    LOADTEST_DATABASES   sqlite,postgresql (default both); PostgreSQL on KRONIKA_CI_POSTGRES, database made and dropped
    KRONIKA_LOADTEST_PORT  gunicorn's port (default 8060)
    LOADTEST_SQLITE_PLAIN=1  SQLite with its own defaults instead of the settings' (to see what they fix)
    LOADTEST_REDIS_URL   a Redis for the workers' shared cache (default: each worker's memory)
"""

import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
HOST = "127.0.0.1"
PORT = int(os.environ.get("KRONIKA_LOADTEST_PORT", "8060"))
SECONDS = float(os.environ.get("LOADTEST_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "50"))
DATABASES = [name.strip() for name in os.environ.get("LOADTEST_DATABASES", "sqlite,postgresql").split(",") if name]
PUBLISH_EVERY_SECONDS = 2.0
REQUEST_TIMEOUT_SECONDS = 30
REPORTS = 200
SEARCH_TERMS = ("gniezno", "sesja", "spotkanie", "dialogowa 12", "organizacji")
# Reads per kind, in the proportions a partner's mirror and a site's visitors make them.
READ_MIX = {"listing": 30, "detail": 30, "search": 15, "find": 15, "changes": 10}


@dataclass
class Results:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in READ_MIX})
    errors: list[str] = field(default_factory=list)
    publishes: int = 0
    failed_publishes: list[str] = field(default_factory=list)
    publish_ms: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


# --- in a child process, with Django set up on the database under test ----------------------------------------


def prepare() -> None:
    """Migrate and fill the database, make the editor's API token; print what the clients need as JSON."""
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import APIToken

    from bench import content
    from projects.models import EventReportPage

    call_command("migrate", verbosity=0)
    content.build(reports=REPORTS, translate=False)
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("loadtest-editor", "editor@example.org", None)
    _, token = APIToken.create_token(user=editor, name="load test")
    reports = list(EventReportPage.objects.filter(locale__language_code="pl").order_by("pk"))
    print(
        json.dumps(
            {
                "token": token,
                "report_ids": [report.pk for report in reports],
                "report_paths": [report.get_url_parts()[2] for report in reports[:100]],
            }
        )
    )


# --- in the driver: clients over HTTP only -------------------------------------------------------------------


def request(method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def read_path(kind: str, site: dict, rng: random.Random) -> str:
    reports = site["report_ids"]
    if kind == "listing":
        offset = rng.randrange(0, len(reports) - 20, 20)
        return f"/api/v2/pages/?type=projects.EventReportPage&fields=*&limit=20&offset={offset}&order=-event_date"
    if kind == "detail":
        return f"/api/v2/pages/{rng.choice(reports)}/"
    if kind == "search":
        return f"/api/v2/pages/?type=projects.EventReportPage&search={rng.choice(SEARCH_TERMS).replace(' ', '+')}"
    if kind == "find":
        return f"/api/v2/pages/find/?html_path={rng.choice(site['report_paths'])}"
    return f"/api/v2/changes/?since={rng.randrange(0, 50)}&limit=100"


def reader(number: int, site: dict, deadline: float, results: Results) -> None:
    rng = random.Random(number)  # noqa: S311 - reproducible choice of reads, not a secret
    kinds, weights = list(READ_MIX), list(READ_MIX.values())
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        path = read_path(kind, site, rng)
        started = time.perf_counter()
        try:
            status, _ = request("GET", path)
        except OSError as error:
            status, problem = 0, f"{type(error).__name__}: {error}"
        else:
            # find answers with a redirect to the page's detail, which the other reads cover.
            problem = None if status == 200 or (kind == "find" and status == 302) else f"HTTP {status}"
        elapsed = (time.perf_counter() - started) * 1000
        with results.lock:
            if problem:
                results.errors.append(f"{kind} {path}: {problem}")
            else:
                results.latencies_ms[kind].append(elapsed)


def publisher(site: dict, deadline: float, results: Results) -> None:
    """An editor's tool publishing an edit of the next report every PUBLISH_EVERY_SECONDS."""
    headers = {"Authorization": f"Bearer {site['token']}", "Content-Type": "application/json"}
    started_at = time.monotonic()
    number = 0
    while (due := started_at + number * PUBLISH_EVERY_SECONDS) < deadline:
        time.sleep(max(0.0, due - time.monotonic()))
        page_id = site["report_ids"][number % len(site["report_ids"])]
        title = f"Sesja dialogowa, wersja {number}"
        # The title: the v3 preview's write schema leaves some fields out (summary), and ignores them silently.
        body = json.dumps({"meta": {"type": "projects.EventReportPage", "action": "publish"}, "title": title}).encode()
        started = time.perf_counter()
        try:
            status, answer = request("PATCH", f"/api/v3-preview/pages/{page_id}/", body, headers)
        except OSError as error:
            status, answer = 0, f"{type(error).__name__}: {error}".encode()
        with results.lock:
            results.publishes += 1
            results.publish_ms.append((time.perf_counter() - started) * 1000)
            if status != 200:
                results.failed_publishes.append(f"page {page_id}: HTTP {status} {answer[:200]!r}")
        site["last_published"] = (page_id, title)
        number += 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def wait_for_server(deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            request("GET", "/api/v2/changes/?limit=1")
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {HOST}:{PORT}")


def run_load(site: dict) -> dict:
    results = Results()
    deadline = time.monotonic() + SECONDS
    threads = [threading.Thread(target=reader, args=(n, site, deadline, results)) for n in range(CLIENTS)]
    threads.append(threading.Thread(target=publisher, args=(site, deadline, results)))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 2 * REQUEST_TIMEOUT_SECONDS)
    elapsed = time.perf_counter() - started
    page_id, title = site.get("last_published", (None, None))
    last_publish_visible = None
    if page_id:
        status, answer = request("GET", f"/api/v2/pages/{page_id}/")
        last_publish_visible = status == 200 and json.loads(answer).get("title") == title
    everything = [value for values in results.latencies_ms.values() for value in values]
    return {
        "seconds": round(elapsed, 1),
        "clients": CLIENTS,
        "requests": len(everything),
        "requests_per_second": round(len(everything) / elapsed, 1),
        "p50_ms": round(percentile(everything, 0.50), 1),
        "p95_ms": round(percentile(everything, 0.95), 1),
        "p99_ms": round(percentile(everything, 0.99), 1),
        "errors": len(results.errors),
        "error_samples": results.errors[:5],
        "publishes": results.publishes,
        "failed_publishes": len(results.failed_publishes),
        "failed_publish_samples": results.failed_publishes[:5],
        "publish_median_ms": round(statistics.median(results.publish_ms), 1) if results.publish_ms else None,
        "last_publish_visible": last_publish_visible,
        "by_kind": {
            kind: {
                "requests": len(values),
                "p50_ms": round(percentile(values, 0.50), 1),
                "p99_ms": round(percentile(values, 0.99), 1),
            }
            for kind, values in results.latencies_ms.items()
        },
    }


def run_database(name: str, workdir: Path) -> dict:
    from cms import ci_database

    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.loadtest_settings",
        KRONIKA_LOADTEST_MEDIA=str(workdir / f"media-{name}"),
    )
    # Each worker's own memory cache, as `make run` has, unless LOADTEST_REDIS_URL names a shared Redis.
    environment.pop("REDIS_URL", None)
    if os.environ.get("LOADTEST_REDIS_URL"):
        environment["REDIS_URL"] = os.environ["LOADTEST_REDIS_URL"]
    if name == "sqlite":
        environment["DATABASE_URL"] = f"sqlite:///{workdir / 'loadtest.sqlite3'}"
    elif name == "postgresql":
        server = os.environ.get("KRONIKA_CI_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
        environment["DATABASE_URL"] = f"{server}/kronika_loadtest_{os.getpid()}_{int(time.time())}"
        ci_database.create(environment["DATABASE_URL"])
    else:
        raise SystemExit(f"LOADTEST_DATABASES: unknown database {name!r} (sqlite, postgresql)")
    try:
        started = time.perf_counter()
        prepared = subprocess.run(  # noqa: S603 - this module, fixed arguments
            [sys.executable, "-m", "bench.loadtest", "prepare"],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        )
        site = json.loads(prepared.stdout.strip().splitlines()[-1])
        print(f"[{name}] built {len(site['report_ids'])} reports in {time.perf_counter() - started:.0f} s", flush=True)
        # The production configuration (cms/gunicorn.conf.py) with 2 sync workers on loopback, no access log.
        server = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
            [sys.executable, "-m", "gunicorn", "-c", "cms/gunicorn.conf.py", "cms.wsgi:application"],
            cwd=ROOT,
            env={
                **environment,
                "GUNICORN_BIND": f"{HOST}:{PORT}",
                "GUNICORN_WORKERS": "2",
                "GUNICORN_THREADS": "1",
                "GUNICORN_ACCESS_LOG": "",
            },
        )
        try:
            wait_for_server(time.monotonic() + 60)
            print(f"[{name}] {CLIENTS} clients for {SECONDS:.0f} s, a publish every {PUBLISH_EVERY_SECONDS:.0f} s")
            return run_load(site)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if name == "postgresql":
            ci_database.drop(environment["DATABASE_URL"])


def table(results: dict) -> str:
    header = (
        f"{'database':<11} | {'requests':>8} | {'req/s':>6} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7} | "
        f"{'errors':>6} | {'publishes':>9} | {'failed':>6}"
    )
    lines = [header, "-" * len(header)]
    for name, row in results.items():
        lines.append(
            f"{name:<11} | {row['requests']:>8} | {row['requests_per_second']:>6} | {row['p50_ms']:>7} | "
            f"{row['p95_ms']:>7} | {row['p99_ms']:>7} | {row['errors']:>6} | {row['publishes']:>9} | "
            f"{row['failed_publishes']:>6}"
        )
    return "\n".join(lines)


def main() -> int:
    load_before = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="kronika-loadtest-"))
    results = {}
    try:
        for name in DATABASES:
            results[name] = run_database(name, workdir)
            print(table({name: results[name]}), flush=True)
            for sample in results[name]["error_samples"] + results[name]["failed_publish_samples"]:
                print(f"[{name}] {sample}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(table(results))
    print(f"({os.cpu_count()} cores; load average {load_before:.1f} before the run: other work on the machine counts)")
    output = {
        "seconds": SECONDS,
        "clients": CLIENTS,
        "sqlite_settings": "plain" if os.environ.get("LOADTEST_SQLITE_PLAIN") == "1" else "kronika",
        "load_average_before": round(load_before, 1),
        "results": results,
    }
    (BENCH_DIR / "loadtest_results.json").write_text(json.dumps(output, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {BENCH_DIR / 'loadtest_results.json'}")
    failed = any(
        row["errors"] or row["failed_publishes"] or not row["last_publish_visible"] for row in results.values()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        prepare()
    else:
        sys.exit(main())
