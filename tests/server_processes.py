"""Kronika as production runs it, in processes of its own: gunicorn with the production settings, and the HTTP
cache or object store in front of or beside it. The tests that use these see what an operator's stack does.

Servers read the test database: a file on SQLite (see cms/settings/test.py), the test database on PostgreSQL. Tests
that use them are transactional, so what they create is committed and visible to the servers.
"""

import atexit
import contextlib
import functools
import http.client
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, as a DATABASE_URL another process can open."""
    settings = connection.settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings['NAME']}"
    credentials = quote(settings["USER"] or "")
    if settings.get("PASSWORD"):
        credentials += ":" + quote(settings["PASSWORD"])
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{settings['NAME']}"


def production_environment(public_url: str, tmp_path: Path, **overrides: str) -> dict[str, str]:
    """What an operator exports (README, "Production"), pointed at the test database and temporary folders."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": public_url,
        "DATABASE_URL": database_url(),
        # Plain HTTP on loopback: there is no TLS proxy in front of these servers.
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(collected_static_root()),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",
    }
    environment.pop("REDIS_URL", None)
    environment.update(overrides)
    return environment


@functools.cache
def collected_static_root() -> Path:
    """Static files collected once per test run with the production storage, as a deploy does before serving."""
    static_root = Path(tempfile.mkdtemp(prefix="kronika-static-"))
    atexit.register(shutil.rmtree, static_root, ignore_errors=True)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "STATIC_ROOT": str(static_root),
    }
    result = manage(environment, "collectstatic", "--noinput")
    if result.returncode != 0:
        raise RuntimeError(f"collectstatic failed:\n{result.stderr}")
    return static_root


def manage(environment: dict[str, str], *arguments: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *arguments],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        import json

        return json.loads(self.body)


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET", data: bytes | None = None) -> Answer:
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@contextlib.contextmanager
def gunicorn(environment: dict[str, str], port: int, workers: int = 1) -> Iterator[str]:
    """gunicorn with the project's config file on 127.0.0.1:port; yields its base URL once it answers."""
    environment = {**environment, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    command = [GUNICORN, "-c", "cms/gunicorn.conf.py", "cms.wsgi"]
    with serving(command, port, environment=environment) as base_url:
        yield base_url


@contextlib.contextmanager
def serving(command: list[str], port: int, environment: dict[str, str] | None = None) -> Iterator[str]:
    """Run a server on 127.0.0.1:port; yield its base URL once /healthz/ answers through it, stop it after."""
    process = subprocess.Popen(  # noqa: S603 - our own or Debian's server, on loopback
        command, cwd=PROJECT_DIR, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base_url + "/healthz/", process)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"{process.args[0]} stopped with {process.returncode}:\n{output}")
        try:
            fetch(url)
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    raise TimeoutError(f"nothing answered at {url} within {seconds} s")


class AdminSession:
    """An editor logged in to a server's Wagtail admin, posting forms with their CSRF token.

    Production marks its cookies Secure and expects HTTPS from the proxy: requests say so with X-Forwarded-Proto,
    as the proxy would, and cookies are kept here by hand because Python's cookie jar holds Secure cookies back
    from plain HTTP.
    """

    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url = base_url
        self.https_origin = base_url.replace("http://", "https://", 1)
        self.cookies: dict[str, str] = {}
        self._request("GET", "/admin/login/")
        status = self.post("/admin/login/", {"username": username, "password": password})
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"the admin did not log the editor in (status {status})")

    def _request(self, method: str, path: str, body: bytes | None = None) -> int:
        host_and_port = self.base_url.removeprefix("http://")
        connection = http.client.HTTPConnection(host_and_port, timeout=60)
        headers = {
            "Host": host_and_port,
            "X-Forwarded-Proto": "https",
            "Referer": self.https_origin + path,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status
        finally:
            connection.close()

    def post(self, path: str, fields: dict[str, str]) -> int:
        body = urlencode({**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}).encode()
        return self._request("POST", path, body)


VARNISHD = "/usr/sbin/varnishd"
VCL = PROJECT_DIR / "cms" / "varnish" / "kronika.vcl"


@contextlib.contextmanager
def varnish(backend_port: int, port: int) -> Iterator[str]:
    """Varnish with the project's VCL in front of 127.0.0.1:backend_port; yields its base URL."""
    if not os.access(VARNISHD, os.X_OK):
        raise RuntimeError(f"{VARNISHD} is missing: `make test` installs it (apt-get install varnish).")
    # Varnish drops to its own user, which must read the VCL: not below pytest's private temporary folder.
    workdir = Path(tempfile.mkdtemp(prefix="kronika-varnish-"))
    vcl = workdir / "kronika.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8001";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    workdir.chmod(0o755)  # noqa: S103 - a configuration file, no secret in it
    command = [VARNISHD, "-F", "-n", str(workdir / "varnish"), "-a", f"127.0.0.1:{port}", "-f", str(vcl)]
    command += ["-s", "malloc,32m", "-p", "thread_pools=1", "-p", "thread_pool_min=5"]
    try:
        with serving(command, port) as base_url:
            yield base_url
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def served_from_cache(answer: Answer) -> bool:
    """Varnish's X-Varnish holds two transaction ids when it answered from its cache, one when it asked gunicorn."""
    return len(answer.headers.get("x-varnish", "").split()) == 2


EDITOR_USERNAME, EDITOR_PASSWORD = "redaktor", "haslo-testowe-1"


def create_editor_for_production(user_model) -> None:  # noqa: ANN001 - the user model class
    """A superuser whose password the production settings' hasher checks (the test settings hash with MD5)."""
    hasher = PBKDF2PasswordHasher()
    user_model.objects.create(
        username=EDITOR_USERNAME,
        password=hasher.encode(EDITOR_PASSWORD, hasher.salt()),
        is_superuser=True,
        is_staff=True,
    )
