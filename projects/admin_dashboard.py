"""Dashboard panels for the work Kronika is for: one's drafts, the latest reports, translation coverage and
webhook deliveries that failed.

Wagtail's own panels stay: what awaits the editor's review (reports submitted for moderation) and their
most recent edits.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import OuterRef, Subquery
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from .localization.locales import target_locales
from .localization.views import LocaleCoverage, status_rows
from .models import DeliveryStatus, EventReportPage, WebhookDelivery

PANEL_SIZE = 8


def explorable(user, pages):
    return pages.filter(pk__in=policy_registry.get_by_type(Page).explorable_instances(user).values("pk"))


class MyDraftsPanel(Component):
    """Pages whose latest revision is the editor's own and is not published yet."""

    name = "kronika_my_drafts"
    template_name = "projects/dashboard/my_drafts.html"
    order = 90

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict:
        user = parent_context["request"].user
        author = Revision.page_revisions.filter(pk=OuterRef("latest_revision_id")).values("user_id")[:1]
        drafts = (
            Page.objects.filter(has_unpublished_changes=True)
            .annotate(draft_author=Subquery(author))
            .filter(draft_author=user.pk)
            .select_related("locale", "latest_revision")
            .order_by("-latest_revision__created_at")
        )
        return {"drafts": list(drafts[:PANEL_SIZE].specific())}


class LatestReportsPanel(Component):
    """The event reports published last, with their date, place and language."""

    name = "kronika_latest_reports"
    template_name = "projects/dashboard/latest_reports.html"
    order = 260

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict:
        user = parent_context["request"].user
        reports = explorable(user, EventReportPage.objects.live()).select_related("locale")
        return {"reports": list(reports.order_by("-last_published_at")[:PANEL_SIZE])}


class TranslationCoveragePanel(Component):
    """How much of the content each target language has, with links to what is missing or out of date."""

    name = "kronika_translation_coverage"
    template_name = "projects/dashboard/translation_coverage.html"
    order = 270

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict:
        rows = status_rows(parent_context["request"].user)
        coverage = []
        for locale in target_locales():
            counts: dict[str, int] = {}
            for row in rows:
                state = row.states.get(locale.language_code)
                counts[state] = counts.get(state, 0) + 1
            coverage.append(LocaleCoverage(locale, counts, len(rows)))
        return {"coverage": coverage}


class WebhookFailuresPanel(Component):
    """Deliveries to partners that failed lately, for those who may see the delivery log; nothing when none did."""

    name = "kronika_webhook_failures"
    template_name = "projects/dashboard/webhook_failures.html"
    order = 80

    def render_html(self, parent_context: Mapping[str, Any]) -> str:
        user = parent_context["request"].user
        if not ModelPermissionPolicy(WebhookDelivery).user_has_any_permission(user, {"view", "change"}):
            return ""
        # A new panel is made for each request (kronika_panels), so what it found can wait on it for the template.
        self.failures = list(
            WebhookDelivery.objects.filter(status__in=[DeliveryStatus.FAILED, DeliveryStatus.RETRYING])
            .select_related("subscription")
            .order_by("-created_at", "-pk")[:PANEL_SIZE]
        )
        return super().render_html(parent_context) if self.failures else ""

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict:
        return {"failures": self.failures}


def kronika_panels() -> list[Component]:
    return [WebhookFailuresPanel(), MyDraftsPanel(), LatestReportsPanel(), TranslationCoveragePanel()]
