"""The admin form of a webhook subscription: events, languages and page types as checkboxes, a checked target."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from ..models import FundingProgramPage, ProjectPage, WebhookSubscription
from ..models.webhook_event_types import EventType
from .addresses import resolve_target


def language_choices() -> list[tuple[str, str]]:
    return list(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES))


def page_type_choices() -> list[tuple[str, str]]:
    models = [model for model in apps.get_app_config("projects").get_models() if issubclass(model, Page)]
    return [(model._meta.label, str(model._meta.verbose_name).capitalize()) for model in models]


class PageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, page: Page) -> str:
        return f"{page.title} ({page.locale.language_code})"


class WebhookSubscriptionForm(WagtailAdminModelForm):
    target_url = forms.URLField(
        label=_("Target URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The partner's HTTPS address that receives the events."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )
    locales = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only events in these languages; none ticked: all."),
    )
    page_types = forms.MultipleChoiceField(
        label=_("Page types"),
        choices=page_type_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only pages of these types; none ticked: all."),
    )
    projects = PageChoiceField(
        label=_("Projects"),
        queryset=ProjectPage.objects.select_related("locale").order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only these projects and their reports, in every language; none chosen: all."),
    )
    programs = PageChoiceField(
        label=_("Funding programs"),
        queryset=FundingProgramPage.objects.select_related("locale").order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only these programs, the projects they fund and their reports; none chosen: all."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "target_url", "events", "locales", "page_types", "projects", "programs", "is_active"]

    def clean_target_url(self) -> str:
        url = self.cleaned_data["target_url"]
        resolve_target(url)
        return url
