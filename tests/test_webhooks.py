"""Signed webhooks delivered to a real HTTP receiver on 127.0.0.1."""

import json
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import default_task_backend
from wagtail.models import Locale, PageViewRestriction

from projects.models import DeliveryStatus, Person, WebhookDelivery, WebhookSubscription
from projects.models.webhook_event_types import EventType
from projects.webhooks import tasks
from projects.webhooks.addresses import resolve_target
from projects.webhooks.signing import SIGNATURE_HEADER, verify

from .factories import EventReportPageFactory, PersonFactory, ProjectPageFactory
from .webhook_receiver import Receiver

pytestmark = pytest.mark.django_db

ALL_EVENTS = list(EventType.values)


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def project(site_tree):
    return ProjectPageFactory(parent=site_tree.projects, title="Sieciowanie", slug="sieciowanie")


def subscribe(receiver, **fields) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        name="Partner", target_url=receiver.url, **{"events": ALL_EVENTS, **fields}
    )


@pytest.fixture
def queued_tasks(settings):
    """Tasks wait in django-tasks' dummy backend (which, like the database one, can defer) until run_queue()."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.KRONIKA_WEBHOOK_RETRY_SECONDS = 0
    yield default_task_backend
    default_task_backend.clear()


def run_queue(backend, limit: int = 50) -> int:
    """Run what is queued, and what that queues, as a worker would (deferred tasks at once: backoff is 0 here)."""
    ran = 0
    while backend.results and ran < limit:
        result = backend.results.pop(0)
        result.task.call(*result.args, **result.kwargs)
        ran += 1
    return ran


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def bodies(receiver) -> list[dict]:
    return [json.loads(item.body) for item in receiver.received]


def test_a_publish_sends_exactly_one_signed_delivery(receiver, project, django_capture_on_commit_callbacks):
    subscription = subscribe(receiver)
    report = EventReportPageFactory(parent=project, slug="relacja", title="Warsztaty", live=False)

    publish(report, django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1
    request = receiver.received[0]
    assert verify(request.headers[SIGNATURE_HEADER], subscription.secret, request.body)
    assert not verify(request.headers[SIGNATURE_HEADER], "another secret", request.body)
    assert not verify(request.headers[SIGNATURE_HEADER], subscription.secret, request.body + b" ")
    payload = json.loads(request.body)
    assert payload["type"] == "page.published" and payload["locale"] == "pl"
    assert request.headers["Kronika-Event-Id"] == payload["id"]
    assert payload["object"] == {
        "endpoint": "pages",
        "type": "projects.EventReportPage",
        "id": report.pk,
        "detail_url": f"http://localhost/api/v2/pages/{report.pk}/",
    }
    assert payload["item"]["title"] == "Warsztaty" and payload["item"]["city"] == "Biłgoraj"
    assert payload["item"]["meta"]["html_url"] == "http://localhost/pl/projekty/sieciowanie/relacja/"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.SUCCEEDED, 1, 200)
    assert str(delivery.event_id) == payload["id"]


def test_the_payload_item_is_the_api_listing_item(client, receiver, project, django_capture_on_commit_callbacks):
    subscribe(receiver)
    report = EventReportPageFactory(parent=project, slug="relacja", live=False)
    publish(report, django_capture_on_commit_callbacks)

    listing = {"type": "projects.EventReportPage", "id": report.pk, "fields": "*"}
    listed = client.get("/api/v2/pages/", listing, HTTP_HOST="localhost").json()["items"][0]

    assert bodies(receiver)[0]["item"] == listed


def test_a_signature_older_than_the_tolerance_is_refused():
    from projects.webhooks.signing import signature_header

    old = signature_header("secret", b"{}", timestamp=int(time.time()) - 3600)

    assert not verify(old, "secret", b"{}")
    assert verify(signature_header("secret", b"{}"), "secret", b"{}")
    assert not verify("garbage", "secret", b"{}")


def test_a_draft_save_sends_nothing(receiver, project, django_capture_on_commit_callbacks):
    subscribe(receiver)
    report = EventReportPageFactory(parent=project, slug="relacja", live=False)
    publish(report, django_capture_on_commit_callbacks)
    receiver.received.clear()

    report.title = "Nowy tytuł w szkicu"
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision()

    assert receiver.received == []
    assert WebhookDelivery.objects.count() == 1


def test_a_receiver_failing_twice_gets_the_event_three_times(
    receiver, project, queued_tasks, django_capture_on_commit_callbacks
):
    subscribe(receiver)
    receiver.answers = [500, 503]
    report = EventReportPageFactory(parent=project, slug="relacja", live=False)

    publish(report, django_capture_on_commit_callbacks)
    assert receiver.received == []
    run_queue(queued_tasks)

    assert len(receiver.received) == 3
    assert len({item.headers["Kronika-Event-Id"] for item in receiver.received}) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 3
    assert [attempt["status_code"] for attempt in delivery.attempt_log] == [500, 503, 200]
    assert delivery.subscription.consecutive_failures == 0


def test_retries_back_off_exponentially_with_jitter(settings):
    settings.KRONIKA_WEBHOOK_RETRY_SECONDS = 10
    settings.KRONIKA_WEBHOOK_RETRY_MAX_SECONDS = 60

    delays = [[tasks.retry_delay(attempt).total_seconds() for _ in range(20)] for attempt in (1, 2, 3, 5)]

    assert all(5 <= delay <= 10 for delay in delays[0])
    assert all(10 <= delay <= 20 for delay in delays[1])
    assert all(20 <= delay <= 40 for delay in delays[2])
    assert all(30 <= delay <= 60 for delay in delays[3])
    assert len(set(delays[0])) > 1


def test_a_receiver_that_never_answers_ends_as_failed_without_slowing_publishing(
    settings, receiver, project, queued_tasks, django_capture_on_commit_callbacks
):
    settings.KRONIKA_WEBHOOK_TIMEOUT_SECONDS = 0.3
    settings.KRONIKA_WEBHOOK_MAX_ATTEMPTS = 3
    subscribe(receiver)
    receiver.answers = ["hang", "hang", "hang"]
    report = EventReportPageFactory(parent=project, slug="relacja", live=False)

    started = time.monotonic()
    publish(report, django_capture_on_commit_callbacks)
    publishing = time.monotonic() - started
    run_queue(queued_tasks)

    assert publishing < settings.KRONIKA_WEBHOOK_TIMEOUT_SECONDS * 3
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
    assert delivery.next_attempt_at is None and "timed out" in delivery.last_error
    assert len(receiver.received) == 3


def test_unpublishing_deleting_and_publishing_a_translation_send_their_events(
    receiver, site_tree, project, django_capture_on_commit_callbacks
):
    subscribe(receiver)
    report = EventReportPageFactory(parent=project, slug="relacja", live=False)
    publish(report, django_capture_on_commit_callbacks)
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.home.copy_for_translation(english).save_revision().publish()
    receiver.received.clear()

    translation = report.copy_for_translation(english, copy_parents=True)
    translation.title = "Workshop"
    publish(translation, django_capture_on_commit_callbacks)
    translation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        report.delete()

    events = [(body["type"], body["locale"], body["object"]["id"]) for body in bodies(receiver)]
    assert ("page.published", "en", translation.pk) in events
    assert ("translation.published", "en", translation.pk) in events
    assert ("page.unpublished", "en", translation.pk) in events
    assert ("page.deleted", "pl", report.pk) in events
    published = next(body for body in bodies(receiver) if body["type"] == "translation.published")
    assert published["item"]["title"] == "Workshop" and published["item"]["meta"]["locale"] == "en"
    unpublished = next(body for body in bodies(receiver) if body["type"] == "page.unpublished")
    assert unpublished["item"] is None
    assert unpublished["object"]["detail_url"].endswith(f"/api/v2/pages/{translation.pk}/")


def test_a_moved_page_sends_page_moved(receiver, site_tree, project, django_capture_on_commit_callbacks):
    other = ProjectPageFactory(parent=site_tree.projects, slug="inny")
    report = EventReportPageFactory(parent=project, slug="relacja", live=False)
    publish(report, django_capture_on_commit_callbacks)
    subscribe(receiver)

    with django_capture_on_commit_callbacks(execute=True):
        report.move(other, pos="last-child")

    [body] = bodies(receiver)
    assert body["type"] == "page.moved"
    assert body["item"]["meta"]["html_url"].endswith("/projekty/inny/relacja/")


def test_events_and_filters_choose_what_a_subscription_receives(
    receiver, site_tree, project, django_capture_on_commit_callbacks
):
    other_project = ProjectPageFactory(parent=site_tree.projects, slug="inny")
    subscription = subscribe(
        receiver, events=["page.published"], locales=["pl"], page_types=["projects.EventReportPage"]
    )
    subscription.projects.set([project])
    mine = EventReportPageFactory(parent=project, slug="moja", live=False)
    theirs = EventReportPageFactory(parent=other_project, slug="cudza", live=False)

    publish(theirs, django_capture_on_commit_callbacks)
    publish(mine, django_capture_on_commit_callbacks)
    publish(mine, django_capture_on_commit_callbacks)  # an update: not subscribed

    assert [(body["type"], body["object"]["id"]) for body in bodies(receiver)] == [("page.published", mine.pk)]


def test_nothing_private_leaves_through_a_webhook(receiver, project, django_capture_on_commit_callbacks):
    subscribe(receiver)
    restricted = EventReportPageFactory(parent=project, slug="ukryta", live=False)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    person = PersonFactory(name="Jan Ukryty", is_public=False, internal_notes="tajne")

    publish(restricted, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        person.role = "Nowa rola"
        person.save()

    assert receiver.received == []
    public = PersonFactory(name="Anna Jawna")
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=public.pk).first().save()
    with django_capture_on_commit_callbacks(execute=True):
        public.is_public = False
        public.save()
    kinds = [(body["type"], body["item"]) for body in bodies(receiver)]
    assert kinds[0][0] == "person.saved" and kinds[0][1]["name"] == "Anna Jawna"
    assert "internal_notes" not in json.dumps(kinds[0][1])
    assert kinds[1] == ("person.deleted", None)


def test_a_subscription_that_keeps_failing_is_switched_off_and_admins_told(
    settings, receiver, project, admin_user, django_capture_on_commit_callbacks
):
    settings.KRONIKA_WEBHOOK_MAX_ATTEMPTS = 1
    settings.KRONIKA_WEBHOOK_DISABLE_AFTER = 2
    subscription = subscribe(receiver)
    receiver.answers = [500, 500]

    for slug in ("a", "b"):
        publish(EventReportPageFactory(parent=project, slug=slug, live=False), django_capture_on_commit_callbacks)

    subscription.refresh_from_db()
    assert not subscription.is_active and "2" in subscription.disabled_reason
    assert [message.to for message in mail.outbox] == [[admin_user.email]]
    assert "Partner" in mail.outbox[0].subject
    publish(EventReportPageFactory(parent=project, slug="c", live=False), django_capture_on_commit_callbacks)
    assert len(receiver.received) == 2


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.2/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        "http://100.64.0.1/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "ftp://example.org/hook",
        "http://user:pw@127.0.0.1/hook",
    ],
)
def test_private_targets_are_refused(url):
    with pytest.raises(ValidationError):
        resolve_target(url)


def test_a_subscription_to_a_private_address_is_refused_and_never_delivered(
    settings, receiver, project, django_capture_on_commit_callbacks
):
    settings.KRONIKA_WEBHOOK_ALLOWED_NETWORKS = []
    subscribe(receiver)

    publish(EventReportPageFactory(parent=project, slug="a", live=False), django_capture_on_commit_callbacks)

    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.attempt_log[0]["status_code"] is None
    assert "127.0.0.1" in delivery.last_error


def test_due_retries_are_sent_by_the_command_when_the_backend_cannot_defer(
    receiver, project, django_capture_on_commit_callbacks
):
    subscribe(receiver)
    receiver.answers = [500]
    publish(EventReportPageFactory(parent=project, slug="a", live=False), django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.next_attempt_at > timezone.now()

    assert tasks.send_due_retries() == 0
    assert tasks.send_due_retries(now=delivery.next_attempt_at) == 1

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2


def test_the_receiver_command_prints_verified_deliveries_and_refuses_forged_ones(project, settings):
    import socket
    import threading
    import urllib.request
    from io import StringIO

    from django.core.management import call_command

    from projects.webhooks.delivery import body_of
    from projects.webhooks.signing import signature_header

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out, err = StringIO(), StringIO()
    thread = threading.Thread(
        target=call_command,
        args=["webhook_receiver", "--port", str(port), "--secret", "s3cret"],
        kwargs={"stdout": out, "stderr": err},
        daemon=True,
    )
    thread.start()
    payload = {"id": "e-1", "type": "test", "created_at": "2026-01-01T00:00:00Z", "locale": "pl", "object": None}
    body = body_of(payload)

    def send(header: str) -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", data=body, headers={SIGNATURE_HEADER: header}, method="POST"
        )
        for _ in range(50):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code
            except urllib.error.URLError:
                time.sleep(0.1)
        raise AssertionError("the receiver did not start")

    assert send(signature_header("s3cret", body)) == 204
    assert send(signature_header("wrong", body)) == 400
    assert "test" in out.getvalue() and "e-1" in out.getvalue()
    assert "Refused" in err.getvalue()
