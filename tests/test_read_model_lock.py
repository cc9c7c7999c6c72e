"""The read-model lock on PostgreSQL: writes partners cannot see never wait for it, and what two publishes wait.

Another connection holds the lock (PostgreSQL advisory locks are shared by every connection of the database)
while this one saves; ``lock_timeout`` turns any wait for it into an error instead of a hang. SQLite lets one
writer in at a time by itself and has no such lock: these tests run in the PostgreSQL run of CI.
"""

import statistics
import threading
import time
from collections.abc import Iterator

import pytest
import wagtail_factories
from django.db import OperationalError, connection, connections, transaction

from projects.models import ChangeAction, ContentChange
from projects.read_models import lock

from .factories import EventReportPageFactory, ProjectPageFactory
from .test_read_models import UNSEEN_CHANGES, published_report

# Real commits: a test's own transaction would hold the locks its fixtures took until it ends. serialized_rollback
# puts back the locales and the site that migrate made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOCK_TIMEOUT = "2s"


@pytest.fixture
def postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time by itself: there is no lock to wait for")


@pytest.fixture
def lock_held_elsewhere(postgresql) -> Iterator[None]:
    """The change-order lock (the read-model lock writers could wait for), held by a second connection."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [lock.LOCK_NAMESPACE, lock.CHANGE_ORDER])
        yield
    finally:
        other.close()


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory(title="Sala sesyjna")


@pytest.fixture
def report(site_tree, image):
    return published_report(site_tree, image)


@pytest.fixture
def impatient() -> Iterator[None]:
    """Any wait for a lock longer than LOCK_TIMEOUT fails this connection's statement."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")


@pytest.mark.parametrize("change", UNSEEN_CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_a_write_partners_cannot_see_takes_no_read_model_lock_even_as_it_commits(
    report, image, lock_held_elsewhere, impatient, change
):
    started = time.monotonic()
    with transaction.atomic():
        change(report, image)

    assert time.monotonic() - started < 2


def test_a_publish_does_wait_for_the_lock(report, lock_held_elsewhere, impatient):
    """The other side of the test above: were the lock taken, the save would fail like this."""
    report.title = "Nowy tytuł"
    revision = report.save_revision()

    with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
        revision.publish()


ROUNDS = 10


def _publish_in_thread(page_id: int, start: threading.Barrier, durations: list[float]) -> threading.Thread:
    def run() -> None:
        try:
            page = EventReportPageFactory._meta.model.objects.get(pk=page_id)
            page.title = f"{page.title}!"
            revision = page.save_revision()
            start.wait(10)
            began = time.monotonic()
            revision.publish()
            durations.append(time.monotonic() - began)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# Real commits from two threads, each with its own connection.
def test_two_concurrent_publishes_wait_for_each_other_only_at_the_change_log(postgresql, site_tree, monkeypatch):
    """Measures the wait for the change-order lock of two publishes of different pages started together.

    Prints the median wait; run with ``-s`` to see it. What is asserted is that both publishes are logged
    in the order they committed, whatever the wait.
    """
    waits: list[float] = []
    hold = lock._hold

    def timed_hold(key: int) -> None:
        began = time.monotonic()
        hold(key)
        if key == lock.CHANGE_ORDER:
            waits.append(time.monotonic() - began)

    monkeypatch.setattr(lock, "_hold", timed_hold)
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    pages = [EventReportPageFactory(parent=project, slug=f"relacja-{n}") for n in range(2)]
    for page in pages:
        page.save_revision().publish()

    sequential: list[float] = []
    for _ in range(ROUNDS):
        for page in pages:
            thread = _publish_in_thread(page.pk, threading.Barrier(1), sequential)
            thread.join(30)
    concurrent: list[float] = []
    second_waits: list[float] = []
    for _ in range(ROUNDS):
        waits.clear()
        start = threading.Barrier(2)
        threads = [_publish_in_thread(page.pk, start, concurrent) for page in pages]
        for thread in threads:
            thread.join(30)
        second_waits.append(max(waits))

    assert len(concurrent) == 2 * ROUNDS
    entries = list(ContentChange.objects.filter(object_id__in=[page.pk for page in pages]).order_by("pk"))
    assert [entry.action for entry in entries].count(ChangeAction.UPDATED) == 4 * ROUNDS
    print(  # noqa: T201 - the figure this test exists to measure
        f"\nTwo concurrent publishes on PostgreSQL, {ROUNDS} rounds: median wait for the change-order lock of the "
        f"publish that waited {statistics.median(second_waits) * 1000:.1f} ms (max {max(second_waits) * 1000:.1f} ms); "
        "median publish "
        f"{statistics.median(concurrent) * 1000:.1f} ms concurrent vs {statistics.median(sequential) * 1000:.1f} ms "
        "one at a time"
    )
