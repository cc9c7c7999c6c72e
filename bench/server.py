"""Requests per second through gunicorn with production's settings, driven from another process (bench.driver)."""

import http.client
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("KRONIKA_BENCH_PORT", "8050"))
SECONDS = float(os.environ.get("BENCH_SERVER_SECONDS", "4"))
# The gunicorn master running now: its worker's CPU time is read from /proc around each measurement.
_master: subprocess.Popen | None = None
# The Redis database the bench may empty (the tests use 2 and 12).
REDIS_URL = os.environ.get("KRONIKA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")


def redis_url() -> str | None:
    """The bench's Redis when one answers: production shares its cache through Redis, so the bench does too."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.flushdb()
        return REDIS_URL
    except Exception:  # noqa: BLE001 - no Redis here: each process keeps its own cache, as without REDIS_URL
        return None


def _wait(deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            connection.request("GET", "/healthz/", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{PORT}")


@contextmanager
def gunicorn(environment: dict, server_cache: bool):
    """One sync worker (the machine is small and shared), with cms/gunicorn.conf.py for everything else."""
    cache = redis_url()
    environment = {
        **environment,
        "DJANGO_SETTINGS_MODULE": "bench.server_settings",
        "KRONIKA_BENCH_SERVER_CACHE_SECONDS": "300" if server_cache else "0",
        "KRONIKA_BENCH_REDIS_URL": cache or "",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    server = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "cms/gunicorn.conf.py",
            "--log-level",
            "warning",
            "cms.wsgi:application",
        ],
        cwd=ROOT,
        env=environment,
    )
    global _master
    try:
        _wait(time.monotonic() + 60)
        _master = server
        yield cache
    finally:
        _master = None
        server.terminate()
        server.wait(timeout=30)


def fetch(path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def worker_cpu_seconds() -> float | None:
    """User and system CPU seconds of the gunicorn worker(s) so far, from /proc; None where /proc cannot say."""
    if _master is None:
        return None
    try:
        children = Path(f"/proc/{_master.pid}/task/{_master.pid}/children").read_text().split()
        total_ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total_ticks += int(fields[11]) + int(fields[12])  # utime and stime (fields 14 and 15 of stat)
    except (OSError, ValueError, IndexError):
        return None
    return total_ticks / os.sysconf("SC_CLK_TCK")


def requests_per_second(path: str, headers: dict[str, str] | None = None, expect: int = 200) -> dict:
    """Warm the path once, then let bench.driver request it for SECONDS from its own process.

    Returns the requests per second the client saw, and the worker's CPU milliseconds per request. On a
    shared machine the first depends on what else runs; the second is what the answer costs the server,
    so 1,000 / cpu_ms is what one worker process can serve with a core of its own.
    """
    first = fetch(path, headers)
    if first.status != expect:
        raise RuntimeError(f"gunicorn answered {first.status} for {path}, not {expect}")
    arguments = [f"{name}:{value}" for name, value in (headers or {}).items()]
    cpu_before = worker_cpu_seconds()
    output = subprocess.run(  # noqa: S603 - our own driver
        [sys.executable, "-m", "bench.driver", str(PORT), str(SECONDS), path, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu_after = worker_cpu_seconds()
    result = json.loads(output)
    if set(result["statuses"]) != {str(expect)}:
        raise RuntimeError(f"{path}: answers {result['statuses']}, expected only {expect}")
    cpu_ms = None
    if cpu_before is not None and cpu_after is not None and result["requests"]:
        cpu_ms = round((cpu_after - cpu_before) * 1000 / result["requests"], 3)
    return {"requests_per_second": result["requests_per_second"], "cpu_ms": cpu_ms}


def etag_of(path: str) -> str:
    return fetch(path).getheader("ETag")
