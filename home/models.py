"""The home page of each language version of the site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from projects.models import EventReportPage


class HomePage(Page):
    """The start page of one language version: an introduction and the latest reports."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "projects.ProjectIndexPage",
        "projects.FundingProgramIndexPage",
        "projects.EventReportIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["latest_reports"] = (
            EventReportPage.objects.live().public().descendant_of(self).order_by("-event_date")[:6]
        )
        return context
