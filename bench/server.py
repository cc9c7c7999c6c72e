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
    try:
        _wait(time.monotonic() + 60)
        yield cache
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def requests_per_second(path: str, headers: dict[str, str] | None = None, expect: int = 200) -> float:
    """Warm the path once, then let bench.driver request it for SECONDS from its own process."""
    first = fetch(path, headers)
    if first.status != expect:
        raise RuntimeError(f"gunicorn answered {first.status} for {path}, not {expect}")
    arguments = [f"{name}:{value}" for name, value in (headers or {}).items()]
    output = subprocess.run(  # noqa: S603 - our own driver
        [sys.executable, "-m", "bench.driver", str(PORT), str(SECONDS), path, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(output)
    if set(result["statuses"]) != {str(expect)}:
        raise RuntimeError(f"{path}: answers {result['statuses']}, expected only {expect}")
    return result["requests_per_second"]


def etag_of(path: str) -> str:
    return fetch(path).getheader("ETag")
