"""Webhook subscriptions and their delivery log."""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .webhook_event_types import EventType


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """A partner's endpoint and the content events it receives, signed with its secret."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Who receives these events, e.g. the partner."))
    target_url = models.URLField(
        _("target URL"), max_length=500, help_text=_("The partner's HTTPS address that receives the events.")
    )
    secret = models.CharField(_("secret"), max_length=100, default=new_secret, editable=False)
    events = models.JSONField(_("events"), default=list, help_text=_("The events this partner receives."))
    locales = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Only events in these languages; none ticked: all.")
    )
    page_types = models.JSONField(
        _("page types"), default=list, blank=True, help_text=_("Only pages of these types; none ticked: all.")
    )
    projects = models.ManyToManyField(
        "projects.ProjectPage",
        verbose_name=_("projects"),
        blank=True,
        related_name="+",
        help_text=_("Only these projects and their reports, in every language; none chosen: all."),
    )
    programs = models.ManyToManyField(
        "projects.FundingProgramPage",
        verbose_name=_("funding programs"),
        blank=True,
        related_name="+",
        help_text=_("Only these programs, the projects they fund and their reports; none chosen: all."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(_("failed deliveries in a row"), default=0, editable=False)
    disabled_reason = models.TextField(_("why it was switched off"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Waiting to retry")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event sent to one subscription: what was sent, each attempt and how it ended."""

    subscription = models.ForeignKey(
        WebhookSubscription, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, db_index=True)
    event_type = models.CharField(_("event"), max_length=40)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    attempt_log = models.JSONField(_("attempt log"), default=list, blank=True)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription}"

    @property
    def is_finished(self) -> bool:
        return self.status in (DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED)


__all__ = ["DeliveryStatus", "EventType", "WebhookDelivery", "WebhookSubscription"]
