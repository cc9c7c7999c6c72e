"""Admin integration: snippet listings, soft warnings on save, and the translation tools."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .admin_choosers import KronikaSnippetChooserViewSet, texts_for
from .admin_dashboard import kronika_panels
from .admin_listings import ProjectListingViewSet, ReportListingViewSet
from .importing.admin_urls import urlpatterns as import_urlpatterns
from .importing.forms import parents_for
from .localization.admin_urls import urlpatterns as translation_urlpatterns
from .localization.roles import user_may_change_instance
from .models import EventReportPage, Office, Organisation, OrganisationKind, Person
from .preview.admin import PreviewTargetViewSet
from .rich_text import PublicDocumentLinkHandler
from .webhooks.admin import WebhookDeliveryViewSet, WebhookSubscriptionViewSet

# Listings search through the default search backend, Kronika's (projects.search.backend): the public text
# of each snippet in any inflected form, and part of its name for what is not public.


class OrganisationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    city = django_filters.CharFilter(lookup_expr="icontains", label=_("City"))

    class Meta:
        model = Organisation
        fields = ["kind", "city"]


class PersonFilterSet(WagtailFilterSet):
    class Meta:
        model = Person
        fields = ["organisation", "is_public"]


class OfficeFilterSet(WagtailFilterSet):
    city = django_filters.CharFilter(lookup_expr="icontains", label=_("City"))

    class Meta:
        model = Office
        fields = ["organisation", "city"]


class SnippetIndexView(IndexView):
    """The listing of a Kronika snippet, whose "Add" button names the snippet in the right case."""

    @property
    def add_item_label(self) -> str:
        return texts_for(self.model).add


class KronikaSnippetViewSet(SnippetViewSet):
    """A snippet's admin with Kronika's chooser and listing texts."""

    index_view_class = SnippetIndexView
    chooser_viewset_class = KronikaSnippetChooserViewSet


class OrganisationViewSet(KronikaSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "acronym", "kind", "city"]
    list_export = ["name", "acronym", "kind", "city", "website"]
    filterset_class = OrganisationFilterSet


class PersonViewSet(KronikaSnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "organisation", "is_public"]
    filterset_class = PersonFilterSet


class OfficeViewSet(KronikaSnippetViewSet):
    model = Office
    icon = "home"
    list_display = ["name", "organisation", "city", "phone"]
    filterset_class = OfficeFilterSet


class ContactsViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, PersonViewSet, OfficeViewSet)
    menu_icon = "group"
    menu_label = _("Contacts")
    menu_name = "contacts"


register_snippet(ContactsViewSetGroup)


def warn_about_report_period(request: HttpRequest, page: Page) -> None:
    page = page.specific
    if isinstance(page, EventReportPage):
        for warning in page.period_warnings():
            messages.warning(request, warning)


@hooks.register("insert_editor_js")
def save_rich_text_on_submit() -> str:
    """Rich text typed just before "Save draft" or "Publish" is saved too (see the script's comment)."""
    return format_html('<script src="{}"></script>', static("projects/admin/draftail-save-on-submit.js"))


hooks.register("after_create_page", warn_about_report_period)
hooks.register("after_edit_page", warn_about_report_period)


@hooks.register("construct_homepage_panels")
def add_kronika_panels(request: HttpRequest, panels: list) -> None:
    panels.extend(kronika_panels())


@hooks.register("register_admin_viewset")
def register_listings() -> list:
    return [ReportListingViewSet(), ProjectListingViewSet()]


@hooks.register("register_admin_urls")
def register_translation_urls() -> list:
    return translation_urlpatterns


@hooks.register("register_admin_urls")
def register_import_urls() -> list:
    return import_urlpatterns


class ImportReportsMenuItem(MenuItem):
    """Shown to editors who may add a report under some project or report index."""

    def is_shown(self, request: HttpRequest) -> bool:
        return bool(parents_for(request.user))


@hooks.register("register_reports_menu_item")
def register_import_reports_menu_item() -> MenuItem:
    return ImportReportsMenuItem(
        _("Import reports"), reverse("kronika_import_reports"), icon_name="doc-full-inverse", name="import-reports"
    )


@hooks.register("construct_reports_menu")
def translate_the_translations_report_label(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    """wagtail-localize names its report with gettext when the menu is first built, in that request's language."""
    url = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == url:
            item.label = _("Translations")


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item() -> MenuItem:
    return MenuItem(
        _("Translation status"), reverse("kronika_translation_status"), icon_name="site", name="translation-status"
    )


def refuse_other_locales(request: HttpRequest, instance: object) -> None:
    """Translators change snippets only in their own locales (pages are limited by page permissions)."""
    if not user_may_change_instance(request.user, instance):
        raise PermissionDenied


# Ahead of wagtail-localize's own hook, which would open its translation editor for the snippet.
hooks.register("before_edit_snippet", refuse_other_locales, order=-1)
hooks.register("before_delete_snippet", refuse_other_locales, order=-1)


@hooks.register("register_admin_viewset")
def register_partner_viewsets() -> list:
    return [WebhookSubscriptionViewSet(), WebhookDeliveryViewSet(), PreviewTargetViewSet()]


# After Wagtail's own document link type (order 0), so this one replaces it.
@hooks.register("register_rich_text_features", order=1)
def link_only_public_documents(features) -> None:
    features.register_link_type(PublicDocumentLinkHandler)
