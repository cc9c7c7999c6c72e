"""SQLite as the embedded default: readers keep reading while an editor publishes, and writers wait their turn.

Each test opens its own connections, configured as the settings configure an SQLite ``DATABASE_URL``, to a
database file of its own (the test database is in memory, where WAL and file locks do not apply).
"""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler

from cms.settings.database import database_from_url

ALIAS = "sqlite_concurrency"
# Long enough for the other thread to be scheduled on a loaded 2-core machine, short enough for a failing run.
STEP_SECONDS = 1.5


@pytest.fixture
def sqlite_file(tmp_path: Path, django_db_blocker) -> Iterator[ConnectionHandler]:
    """A handler whose ``default`` connections (one per thread) open a new SQLite file with two rows in ``entry``."""
    handler = ConnectionHandler({"default": database_from_url(f"sqlite:///{tmp_path / 'kronika.sqlite3'}", 0)})
    with django_db_blocker.unblock():
        with handler["default"].cursor() as cursor:
            cursor.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, writer TEXT)")
            cursor.execute("INSERT INTO entry (writer) VALUES ('setup'), ('setup')")
        handler["default"].close()
        yield handler
        handler.close_all()


def run_in_thread(handler: ConnectionHandler, work, errors: list) -> threading.Thread:
    """Run ``work()`` in a thread with its own connection, registered so that ``transaction.atomic`` finds it."""

    def target() -> None:
        connections[ALIAS] = handler["default"]
        try:
            work()
        except Exception as error:  # noqa: BLE001 - reported by the test in the main thread
            errors.append(error)
        finally:
            handler["default"].close()
            del connections[ALIAS]

    thread = threading.Thread(target=target)
    thread.start()
    return thread


def count_entries(handler: ConnectionHandler) -> int:
    with handler["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM entry")
        return cursor.fetchone()[0]


def test_the_database_file_is_in_wal_mode_with_a_busy_timeout(sqlite_file):
    with sqlite_file["default"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000


def test_a_writer_commits_while_a_reader_is_still_reading(sqlite_file):
    """With the rollback journal a commit waits for every open read to end: readers in a row starve a publish."""
    reader_is_reading, writer_done = threading.Event(), threading.Event()
    errors: list = []

    def reader() -> None:
        # Like a listing that is still stepping through its query's rows (reads run in autocommit).
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT id FROM entry")
            cursor.fetchone()
            reader_is_reading.set()
            writer_done.wait(STEP_SECONDS)
            assert writer_done.is_set(), "the writer could not commit while a reader was reading"
            assert len(cursor.fetchall()) == 1, "the reader saw a write that committed after its read began"

    def writer() -> None:
        reader_is_reading.wait(STEP_SECONDS)
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("INSERT INTO entry (writer) VALUES ('publish')")
        writer_done.set()

    threads = [run_in_thread(sqlite_file, reader, errors), run_in_thread(sqlite_file, writer, errors)]
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert writer_done.is_set()
    assert count_entries(sqlite_file) == 3


def test_a_writer_that_reads_first_waits_for_another_writer_instead_of_failing(sqlite_file):
    """A publish reads, then writes. In a deferred transaction SQLite cannot let it wait for another writer
    (it would deadlock), so it fails at once with "database is locked"; an immediate one queues."""
    first_wrote = threading.Event()
    second_read = threading.Event()
    errors: list = []

    def first() -> None:
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("INSERT INTO entry (writer) VALUES ('first')")
            first_wrote.set()
            second_read.wait(STEP_SECONDS)
            time.sleep(0.1)

    def second() -> None:
        first_wrote.wait(STEP_SECONDS)
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM entry")
            second_read.set()
            cursor.execute("INSERT INTO entry (writer) VALUES ('second')")

    threads = [run_in_thread(sqlite_file, first, errors), run_in_thread(sqlite_file, second, errors)]
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert count_entries(sqlite_file) == 4


def test_postgresql_keeps_its_own_defaults():
    assert "transaction_mode" not in database_from_url("postgres://kronika@127.0.0.1:5432/kronika").get("OPTIONS", {})
