"""Webhooks in the admin (Settings): subscriptions with a secret shown once, and the delivery log."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from ..models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from ..models.webhooks import new_secret
from .forms import WebhookSubscriptionForm
from .payloads import ping_payload
from .tasks import deliver_webhook


def secret_message(request: HttpRequest, subscription: WebhookSubscription) -> None:
    messages.warning(
        request,
        _("The secret of “%(name)s” is %(secret)s. Copy it now into the receiver: it is not shown again.")
        % {"name": subscription.name, "secret": subscription.secret},
    )


class SubscriptionCreateView(generic.CreateView):
    def save_instance(self) -> WebhookSubscription:
        instance = super().save_instance()
        secret_message(self.request, instance)
        return instance


class SubscriptionEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self) -> list:
        name = "kronika_webhooks"
        return [
            *super().header_more_buttons,
            Button(_("Send a test event"), url=reverse(f"{name}:send_test", args=[self.object.pk]), icon_name="mail"),
            Button(_("Rotate the secret"), url=reverse(f"{name}:rotate", args=[self.object.pk]), icon_name="key"),
            Button(
                _("Delivery log"),
                url=reverse("kronika_webhook_deliveries:index") + f"?subscription={self.object.pk}",
                icon_name="list-ul",
            ),
        ]


class ConfirmActionView(generic.base.WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) for an action done by POST, on one object of a viewset."""

    template_name = "projects/webhooks/confirm_action.html"
    model = None
    url_namespace = ""
    header_icon = "cog"

    def dispatch(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.object = get_object_or_404(self.model, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self) -> str:
        return str(self.object)

    @property
    def cancel_url(self) -> str:
        return reverse(f"{self.url_namespace}:edit", args=[self.object.pk])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(self.act())

    def act(self) -> str:
        raise NotImplementedError


class RotateSecretView(ConfirmActionView):
    model = WebhookSubscription
    url_namespace = "kronika_webhooks"
    page_title = gettext_lazy("Rotate the secret")
    action_label = gettext_lazy("Make a new secret")
    confirmation_message = gettext_lazy(
        "The current secret stops working at once: deliveries from now on are signed with the new one."
    )

    def act(self) -> str:
        self.object.secret = new_secret()
        self.object.save(update_fields=["secret"])
        secret_message(self.request, self.object)
        return self.cancel_url


class SendTestEventView(ConfirmActionView):
    model = WebhookSubscription
    url_namespace = "kronika_webhooks"
    page_title = gettext_lazy("Send a test event")
    action_label = gettext_lazy("Send")
    confirmation_message = gettext_lazy("A signed event of type “test” is sent to the target now.")

    def act(self) -> str:
        event_id = uuid.uuid4()
        delivery = WebhookDelivery.objects.create(
            subscription=self.object,
            event_id=event_id,
            event_type="test",
            payload=ping_payload(str(event_id), timezone.now().isoformat()),
        )
        deliver_webhook.enqueue(delivery.pk)
        messages.success(self.request, _("The test event is on its way."))
        return reverse("kronika_webhook_deliveries:inspect", args=[delivery.pk])


class SendAgainView(ConfirmActionView):
    model = WebhookDelivery
    url_namespace = "kronika_webhook_deliveries"
    page_title = gettext_lazy("Send again")
    action_label = gettext_lazy("Send again")
    confirmation_message = gettext_lazy(
        "The same event, with the same event id, is sent again as a new delivery: receivers that already have it "
        "can recognise it."
    )

    @property
    def cancel_url(self) -> str:
        return reverse("kronika_webhook_deliveries:inspect", args=[self.object.pk])

    def act(self) -> str:
        delivery = WebhookDelivery.objects.create(
            subscription=self.object.subscription,
            event_id=self.object.event_id,
            event_type=self.object.event_type,
            payload=self.object.payload,
        )
        deliver_webhook.enqueue(delivery.pk)
        messages.success(self.request, _("The event is sent again."))
        return reverse("kronika_webhook_deliveries:inspect", args=[delivery.pk])


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    name = "kronika_webhooks"
    icon = "link-external"
    menu_label = gettext_lazy("Webhooks")
    add_to_settings_menu = True
    add_view_class = SubscriptionCreateView
    edit_view_class = SubscriptionEditView
    copy_view_enabled = False
    list_display = ["name", "target_url", "is_active", "consecutive_failures", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "target_url"]

    def get_form_class(self, for_update: bool = False) -> type:
        return WebhookSubscriptionForm

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/rotate/", RotateSecretView.as_view(), name="rotate"),
            path("<int:pk>/send-test/", SendTestEventView.as_view(), name="send_test"),
        ]


class DeliveryInspectView(generic.InspectView):
    @cached_property
    def header_more_buttons(self) -> list:
        return [
            *super().header_more_buttons,
            Button(
                _("Send again"),
                url=reverse("kronika_webhook_deliveries:send_again", args=[self.object.pk]),
                icon_name="repeat",
            ),
        ]


class DeliveryIndexView(generic.IndexView):
    def get_edit_url(self, instance: WebhookDelivery) -> str | None:
        return self.get_inspect_url(instance)

    def get_list_more_buttons(self, instance: WebhookDelivery) -> list:
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(
                _("Send again"),
                url=reverse("kronika_webhook_deliveries:send_again", args=[instance.pk]),
                icon_name="repeat",
                priority=25,
            ),
        ]


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log: read-only, newest first, with the payload and every attempt."""

    model = WebhookDelivery
    name = "kronika_webhook_deliveries"
    icon = "list-ul"
    menu_label = gettext_lazy("Webhook deliveries")
    add_to_settings_menu = True
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "event_type",
        "subscription",
        "status",
        "response_code",
        "response_ms",
        "attempts",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "subscription", "event_type"]
    inspect_view_fields = [
        "subscription",
        "event_id",
        "event_type",
        "status",
        "attempts",
        "response_code",
        "response_ms",
        "last_error",
        "next_attempt_at",
        "created_at",
        "delivered_at",
        "attempt_log",
        "payload",
    ]
    form_fields = ["status"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        # The log records what happened: nobody adds or edits an entry (the title links to its details).
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None, "edit_url_name": None}

    def get_urlpatterns(self) -> list:
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if getattr(pattern, "name", None) not in ("add", "edit", "copy")
        ]
        return [*patterns, path("<int:pk>/send-again/", SendAgainView.as_view(), name="send_again")]


__all__ = ["DeliveryStatus", "WebhookDeliveryViewSet", "WebhookSubscriptionViewSet"]
