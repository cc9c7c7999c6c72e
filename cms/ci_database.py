"""A fresh PostgreSQL database for one test run.

    python -m cms.ci_database create URL      create the database named in URL
    python -m cms.ci_database drop URL        drop it, and the test_ copy pytest-django makes of it
    python -m cms.ci_database run -- CMD...   create a database, run CMD with DATABASE_URL set, drop it

`run` names the database KRONIKA_CI_DB_PREFIX (default kronika_ci) plus the process id and time, on the
server KRONIKA_CI_POSTGRES (default postgres://postgres@127.0.0.1:5432), and exits with CMD's status.
"""

import os
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def _server_and_name(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"no database name in {url!r}")
    return urlunsplit(parts._replace(path="/postgres")), name


def create(url: str) -> None:
    server, name = _server_and_name(url)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(url: str) -> None:
    server, name = _server_and_name(url)
    with psycopg.connect(server, autocommit=True) as connection:
        # pytest-django works in test_<name>; a run that was killed leaves it behind.
        for database in (f"test_{name}", name):
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


def run(command: list[str]) -> int:
    server = os.environ.get("KRONIKA_CI_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    prefix = os.environ.get("KRONIKA_CI_DB_PREFIX", "kronika_ci")
    url = f"{server}/{prefix}_{os.getpid()}_{int(time.time())}"
    create(url)
    print(f"== fresh PostgreSQL database {_server_and_name(url)[1]}", flush=True)
    try:
        return subprocess.call(command, env={**os.environ, "DATABASE_URL": url})  # noqa: S603 - the caller's command
    finally:
        drop(url)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] in {"create", "drop"}:
        {"create": create, "drop": drop}[argv[0]](argv[1])
        return 0
    if len(argv) >= 3 and argv[:2] == ["run", "--"]:
        return run(argv[2:])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
