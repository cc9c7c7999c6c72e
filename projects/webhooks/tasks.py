"""Background work of webhooks: turn an event into deliveries, and make each delivery's attempts.

Both run as django-tasks after the editor's transaction has committed, never inside the request (the
database backend and ``db_worker`` in production). A failed attempt is tried again after an exponential
backoff with jitter when the backend can defer tasks; `manage.py retry_webhooks` sends the ones that are due
when it cannot (the immediate backend of development).
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import default_task_backend, task

from ..models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from ..models.webhook_event_types import PAGE_EVENTS
from .delivery import Attempt, post
from .payloads import build_payload


def max_attempts() -> int:
    return int(getattr(settings, "KRONIKA_WEBHOOK_MAX_ATTEMPTS", 6))


def retry_base_seconds() -> float:
    return float(getattr(settings, "KRONIKA_WEBHOOK_RETRY_SECONDS", 30))


def retry_max_seconds() -> float:
    return float(getattr(settings, "KRONIKA_WEBHOOK_RETRY_MAX_SECONDS", 6 * 3600))


def disable_after_failures() -> int:
    """Failed deliveries in a row (each after all its attempts) that switch a subscription off."""
    return int(getattr(settings, "KRONIKA_WEBHOOK_DISABLE_AFTER", 5))


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff with "equal jitter": between half and all of base × 2^(attempts − 1), capped."""
    ceiling = min(retry_max_seconds(), retry_base_seconds() * 2 ** (attempts - 1))
    return datetime.timedelta(seconds=ceiling / 2 + random.uniform(0, ceiling / 2))  # noqa: S311


def subscription_wants(subscription: WebhookSubscription, event: dict) -> bool:
    """The subscription's events, languages, page types, projects and programs, all of which must match."""
    if event["type"] not in subscription.events:
        return False
    if subscription.locales and event["locale"] not in subscription.locales:
        return False
    if event["type"] not in PAGE_EVENTS:
        return True
    if subscription.page_types and event["object_type"] not in subscription.page_types:
        return False
    tree_keys = set(event.get("tree_keys", []))
    project_keys = {str(key) for key in subscription.projects.values_list("translation_key", flat=True)}
    if project_keys and not project_keys & tree_keys:
        return False
    program_keys = {str(key) for key in subscription.programs.values_list("translation_key", flat=True)}
    funded_by = set(event.get("program_keys", []))
    return not program_keys or bool(program_keys & (tree_keys | funded_by))


@task()
def dispatch_event(event: dict) -> int:
    """Create a delivery for each active subscription that wants the event and send them; returns how many."""
    subscriptions = [s for s in WebhookSubscription.objects.filter(is_active=True) if subscription_wants(s, event)]
    if not subscriptions:
        return 0
    payload = build_payload(event)
    if payload is None:
        return 0
    deliveries = [
        WebhookDelivery.objects.create(
            subscription=subscription, event_id=event["id"], event_type=event["type"], payload=payload
        )
        for subscription in subscriptions
    ]
    for delivery in deliveries:
        deliver_webhook.enqueue(delivery.pk)
    return len(deliveries)


def headers_of(delivery: WebhookDelivery) -> dict[str, str]:
    return {
        "Kronika-Event": delivery.event_type,
        "Kronika-Event-Id": str(delivery.event_id),
        "Kronika-Delivery": str(delivery.pk),
    }


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Make one attempt at a delivery that is not finished; schedule the next or give up. Returns its status."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.is_finished:
        return delivery.status if delivery else "missing"
    subscription = delivery.subscription
    if not subscription.is_active:
        return _finish(delivery, DeliveryStatus.FAILED, Attempt(False, None, 0, _("The webhook is switched off.")))
    attempt = post(subscription.target_url, delivery.payload, subscription.secret, headers_of(delivery))
    return record_attempt(delivery, attempt)


def record_attempt(delivery: WebhookDelivery, attempt: Attempt) -> str:
    delivery.attempts += 1
    delivery.attempt_log = [
        *delivery.attempt_log,
        {
            "at": timezone.now().isoformat(),
            "status_code": attempt.status_code,
            "ms": attempt.duration_ms,
            "error": attempt.error,
        },
    ]
    if attempt.ok:
        return _finish(delivery, DeliveryStatus.SUCCEEDED, attempt)
    if delivery.attempts >= max_attempts():
        return _finish(delivery, DeliveryStatus.FAILED, attempt)
    delivery.status = DeliveryStatus.RETRYING
    delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
    _store_attempt(delivery, attempt)
    if default_task_backend.supports_defer:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return delivery.status


def _store_attempt(delivery: WebhookDelivery, attempt: Attempt) -> None:
    delivery.response_code = attempt.status_code
    delivery.response_ms = attempt.duration_ms
    delivery.last_error = attempt.error
    delivery.save()


def _finish(delivery: WebhookDelivery, status: str, attempt: Attempt) -> str:
    delivery.status = status
    delivery.next_attempt_at = None
    if status == DeliveryStatus.SUCCEEDED:
        delivery.delivered_at = timezone.now()
    _store_attempt(delivery, attempt)
    subscriptions = WebhookSubscription.objects.filter(pk=delivery.subscription_id)
    if status == DeliveryStatus.SUCCEEDED:
        subscriptions.update(consecutive_failures=0)
    elif delivery.attempts:
        subscriptions.update(consecutive_failures=F("consecutive_failures") + 1)
        switch_off_if_failing(delivery.subscription_id)
    return status


def switch_off_if_failing(subscription_id: int) -> None:
    """Switch a subscription off once its deliveries keep failing, and tell the site's administrators."""
    subscription = WebhookSubscription.objects.filter(
        pk=subscription_id, is_active=True, consecutive_failures__gte=disable_after_failures()
    ).first()
    if subscription is None:
        return
    count = subscription.consecutive_failures
    reason = ngettext(
        "Switched off after %(count)d failed delivery in a row.",
        "Switched off after %(count)d failed deliveries in a row.",
        count,
    ) % {"count": count}
    WebhookSubscription.objects.filter(pk=subscription.pk).update(is_active=False, disabled_reason=reason)
    recipients = list(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(
            _("Webhook “%(name)s” switched off") % {"name": subscription.name},
            _("%(reason)s Its target is %(url)s. Check the delivery log, then switch it on again in the admin.")
            % {"reason": reason, "url": subscription.target_url},
            None,
            recipients,
            fail_silently=True,
        )


def send_due_retries(now: datetime.datetime | None = None) -> int:
    """Enqueue the deliveries whose next try is due (for backends that cannot defer); returns how many."""
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.RETRYING, next_attempt_at__lte=now or timezone.now()
    ).values_list("pk", flat=True)
    due = list(due)
    for delivery_id in due:
        deliver_webhook.enqueue(delivery_id)
    return len(due)
