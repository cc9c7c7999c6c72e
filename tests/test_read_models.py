"""The read-model layer: what partners cannot see changes nothing they see, and a cached answer needs no database."""

import socket

import pytest
import wagtail_factories
from django.core.cache import cache
from django.db.models.signals import post_delete, post_init, post_save

from cms.settings.env import redis_cache
from projects.models import APICacheGeneration
from projects.read_models import generation, register
from projects.read_models.entry import _after_log, _before_log

from .factories import EventReportPageFactory, PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=projects.EventReportPage&fields=title,hero_image"


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory(title="Sala sesyjna")


def published_report(site_tree, image):
    """A report with a hero image, published."""
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja dialogowa", hero_image=image)
    report.save_revision().publish()
    return report


@pytest.fixture
def report(site_tree, image):
    return published_report(site_tree, image)


def _save_a_draft(report, image) -> None:
    report.title = "Szkic, jeszcze nie dla partnerów"
    report.save_revision()


def _save_a_revision(report, image) -> None:
    report.save_revision(log_action=True)


def _make_a_thumbnail(report, image) -> None:
    # What the admin's image chooser and editor make; the API lists only the responsive renditions.
    image.get_rendition("max-165x165")


def _create_a_draft_page(report, image) -> None:
    EventReportPageFactory(parent=report.get_parent(), slug="szkic", title="Szkic", live=False)


def _save_a_hidden_person(report, image) -> None:
    person = PersonFactory(name="Osoba niepubliczna", is_public=False, organisation=None)
    person.phone = "61 000 00 00"
    person.save()


UNSEEN_CHANGES = [_save_a_draft, _save_a_revision, _make_a_thumbnail, _create_a_draft_page, _save_a_hidden_person]


@pytest.mark.parametrize("change", UNSEEN_CHANGES, ids=lambda change: change.__name__.strip("_"))
@pytest.mark.parametrize("path", [LISTING, "/api/v2/pages/{id}/"], ids=["listing", "detail"])
def test_a_change_partners_cannot_see_leaves_etag_and_last_modified_alone(client, report, image, change, path):
    path = path.format(id=report.pk)
    before = client.get(path)
    generation_before = APICacheGeneration.objects.get().value

    change(report, image)
    after = client.get(path)

    assert after.status_code == 200
    assert after["ETag"] == before["ETag"]
    assert after["Last-Modified"] == before["Last-Modified"]
    assert after["X-Kronika-Cache"] == "hit"
    assert APICacheGeneration.objects.get().value == generation_before
    assert client.get(path, headers={"if-none-match": before["ETag"]}).status_code == 304


def test_a_publish_moves_etag_and_generation(client, report):
    before = client.get(LISTING)
    generation_before = APICacheGeneration.objects.get().value

    report.title = "Nowy tytuł"
    report.save_revision().publish()
    after = client.get(LISTING)

    assert after["ETag"] != before["ETag"]
    assert after["X-Kronika-Cache"] == "miss"
    assert APICacheGeneration.objects.get().value > generation_before


@pytest.mark.parametrize("path", [LISTING, "/api/v2/pages/{id}/"], ids=["listing", "detail"])
def test_a_cache_hit_and_a_304_touch_no_database(client, report, path, django_assert_num_queries):
    path = path.format(id=report.pk)
    first = client.get(path)

    with django_assert_num_queries(0):
        hit = client.get(path)
    with django_assert_num_queries(0):
        not_modified = client.get(path, headers={"if-none-match": first["ETag"]})
    with django_assert_num_queries(0):
        not_modified_since = client.get(path, headers={"if-modified-since": first["Last-Modified"]})

    assert hit["X-Kronika-Cache"] == "hit"
    assert hit.content == first.content
    assert not_modified.status_code == not_modified_since.status_code == 304


def test_the_database_answers_when_the_cache_forgot_the_generation(client, report, django_assert_num_queries):
    first = client.get(LISTING)
    cache.delete(generation.CACHE_KEY)

    with django_assert_num_queries(1):
        again = client.get(LISTING)
    with django_assert_num_queries(0):
        client.get(LISTING)

    assert again["X-Kronika-Cache"] == "hit"
    assert again["Last-Modified"] == first["Last-Modified"]


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound by us, then let go."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_while_redis_is_down_the_generation_comes_from_the_database(client, report, settings, closed_port):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port}/5")}
    before = client.get(LISTING)
    report.title = "Zmieniony podczas awarii"
    report.save_revision().publish()
    during = client.get(LISTING)

    assert before.status_code == during.status_code == 200
    assert during.json()["items"][0]["title"] == "Zmieniony podczas awarii"
    assert during["ETag"] != before["ETag"]


def test_a_cache_backend_that_raises_does_not_keep_the_generation_from_being_read(report, settings, closed_port):
    location = f"redis://127.0.0.1:{closed_port}/5"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}

    assert generation.current_generation().value == APICacheGeneration.objects.get().value


def test_a_bump_reaches_the_cache_after_commit_and_a_late_reader_cannot_undo_it(
    report, django_capture_on_commit_callbacks
):
    stale = generation.current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    # A reader in another process that read the row before the commit stores what it read only if nothing is there.
    cache.add(generation.CACHE_KEY, (stale.value, stale.changed_at.isoformat()), 60)

    assert generation.current_generation().value == APICacheGeneration.objects.get().value > stale.value


def test_listeners_get_every_visible_change_with_its_change_log_entries(report, image):
    seen = []

    def listener(change):
        seen.append((change.kind, type(change.instance).__name__, [entry.action for entry in change.entries]))

    register(listener, after_change_log=True)
    try:
        _save_a_draft(report, image)
        _make_a_thumbnail(report, image)
        report.unpublish()
    finally:
        _after_log.remove(listener)

    assert seen == [("unpublished", "EventReportPage", ["unpublished"])]
    assert listener not in _before_log


READ_MODEL_PACKAGES = ("projects.read_models", "projects.api", "projects.search", "projects.webhooks")


@pytest.mark.parametrize("signal", [post_save, post_delete, post_init], ids=["post_save", "post_delete", "post_init"])
def test_what_keeps_read_models_listens_to_its_senders_only(signal):
    for (_, sender_id), receiver, *_ in signal.receivers:
        function = receiver() if callable(receiver) and not hasattr(receiver, "__module__") else receiver
        module = getattr(function, "__module__", "")
        assert not (module.startswith(READ_MODEL_PACKAGES) and sender_id == id(None)), f"{function} hears every model"
