"""/partners/demo/: what a partner's page looks like with Kronika's widget, and where the feeds are."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from wagtail.models import Locale

from projects.feeds.reports import FeedScope
from projects.models import FundingProgramPage, ProjectPage

WIDGET_SCRIPT = "projects/widget/kronika-reports.js"


def _first_public(model: type, language: str):
    return model.objects.live().public().filter(locale__language_code=language).order_by("pk").first()


def partners_demo(request: HttpRequest) -> HttpResponse:
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    existing = set(Locale.objects.filter(language_code__in=languages).values_list("language_code", flat=True))
    project = ProjectPage.objects.live().public().filter(locale__language_code=languages[0]).order_by("pk").first()
    program = (
        FundingProgramPage.objects.live().public().filter(locale__language_code=languages[0]).order_by("pk").first()
    )
    feeds = []
    for language in (code for code in languages if code in existing):
        scopes = [FeedScope(language)]
        if project is not None:
            scopes.append(FeedScope(language, "project", project.pk))
        if program is not None:
            scopes.append(FeedScope(language, "program", program.pk))
        feeds += [
            {"language": language, "kind": scope.kind, "atom": scope.path("atom"), "json": scope.path("json")}
            for scope in scopes
        ]
    context = {
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "widget_url": request.build_absolute_uri(static(WIDGET_SCRIPT)),
        "project": project,
        "program": program,
        "feeds": feeds,
    }
    return render(request, "partners/demo.html", context)


def partners_demo_preview(request: HttpRequest) -> HttpResponse:
    """The demo partner's preview page: its script reads the draft with the token in the address."""
    return render(request, "partners/preview.html")
