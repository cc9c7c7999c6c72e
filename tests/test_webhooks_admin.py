"""Webhooks under Settings: subscribe with a secret shown once, rotate it, test, read the log and send again."""

import json

import pytest
from django.urls import reverse

from projects.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from projects.webhooks.signing import SIGNATURE_HEADER, verify

from .webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


def _form(url: str, **overrides) -> dict:
    return {
        "name": "Partner",
        "target_url": url,
        "events": ["page.published", "page.deleted"],
        "locales": ["en"],
        "is_active": "on",
        **overrides,
    }


def test_a_subscription_is_created_and_its_secret_shown_once(admin_client, receiver):
    response = admin_client.post(reverse("kronika_webhooks:add"), _form(receiver.url), follow=True)

    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["page.published", "page.deleted"] and subscription.locales == ["en"]
    assert subscription.secret.startswith("whsec_")
    assert subscription.secret in response.content.decode()
    edit = admin_client.get(reverse("kronika_webhooks:edit", args=[subscription.pk])).content.decode()
    assert subscription.secret not in edit
    assert reverse("kronika_webhooks:send_test", args=[subscription.pk]) in edit


@pytest.mark.parametrize("url", ["http://10.1.2.3/hook", "http://169.254.169.254/", "file:///etc/passwd"])
def test_a_private_target_is_refused_with_a_message(admin_client, url):
    response = admin_client.post(reverse("kronika_webhooks:add"), _form(url))

    assert response.status_code == 200
    assert "target_url" in response.context["form"].errors
    assert not WebhookSubscription.objects.exists()


def test_a_loopback_target_is_refused_unless_a_setting_allows_it(admin_client, settings, receiver):
    settings.KRONIKA_WEBHOOK_ALLOWED_NETWORKS = []
    response = admin_client.post(reverse("kronika_webhooks:add"), _form(receiver.url))

    assert "private, loopback or link-local" in str(response.context["form"].errors["target_url"])
    assert not WebhookSubscription.objects.exists()


def test_rotating_the_secret_shows_the_new_one_once(admin_client, receiver):
    subscription = WebhookSubscription.objects.create(name="P", target_url=receiver.url, events=["page.published"])
    old = subscription.secret
    url = reverse("kronika_webhooks:rotate", args=[subscription.pk])

    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, follow=True)

    subscription.refresh_from_db()
    assert subscription.secret != old and subscription.secret in response.content.decode()


def test_a_test_event_is_signed_and_logged_and_can_be_sent_again(admin_client, receiver):
    subscription = WebhookSubscription.objects.create(name="P", target_url=receiver.url, events=["page.published"])

    response = admin_client.post(reverse("kronika_webhooks:send_test", args=[subscription.pk]), follow=True)

    assert response.status_code == 200
    [request] = receiver.received
    assert verify(request.headers[SIGNATURE_HEADER], subscription.secret, request.body)
    assert json.loads(request.body)["type"] == "test"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.response_code == 200
    page = response.content.decode()
    assert str(delivery.event_id) in page

    listing = admin_client.get(reverse("kronika_webhook_deliveries:index")).content.decode()
    assert "test" in listing and reverse("kronika_webhook_deliveries:send_again", args=[delivery.pk]) in listing

    admin_client.post(reverse("kronika_webhook_deliveries:send_again", args=[delivery.pk]))

    assert len(receiver.received) == 2
    assert receiver.received[1].headers["Kronika-Event-Id"] == str(delivery.event_id)
    assert WebhookDelivery.objects.filter(event_id=delivery.event_id).count() == 2


def test_the_delivery_log_cannot_be_edited(admin_client, receiver):
    subscription = WebhookSubscription.objects.create(name="P", target_url=receiver.url, events=["page.published"])
    delivery = WebhookDelivery.objects.create(subscription=subscription, event_type="test", payload={})

    assert admin_client.get(f"/admin/kronika_webhook_deliveries/edit/{delivery.pk}/").status_code == 404
    assert admin_client.get(reverse("kronika_webhook_deliveries:inspect", args=[delivery.pk])).status_code == 200


def test_webhooks_are_under_settings(admin_client):
    response = admin_client.get("/admin/")

    assert reverse("kronika_webhooks:index") in response.content.decode()
