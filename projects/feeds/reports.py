"""What a feed of event reports holds: the public API's listing of reports, newest event first.

The items are the API's own listing items (same public rule, same snapshots, same URLs); this module only
decides which listing a feed is and names it. Nothing here serialises a page a second way.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from ..api.caching import api_detail_path
from ..api.inprocess import public_api_json
from ..conf import api_path_prefix, feed_length

REPORT_TYPE = "projects.EventReportPage"
FEED_FIELDS = "summary,hero_image,event_date,event_end_date,city,region,venue,last_published_at"
SCOPES = ("all", "project", "program")


@dataclass(frozen=True)
class FeedScope:
    """One feed: the reports in a language, optionally of one project or of the projects one program funds."""

    language: str
    kind: str = "all"
    object_id: int | None = None

    def url_name(self, feed_format: str) -> str:
        return f"kronika-feeds:{self.kind}-{feed_format}"

    def url_args(self) -> list:
        return [self.language] if self.object_id is None else [self.language, self.object_id]

    def path(self, feed_format: str) -> str:
        return reverse(self.url_name(feed_format), args=self.url_args())


@dataclass
class ReportFeed:
    """A feed's title, home page and items (API listing items with the feed's fields)."""

    scope: FeedScope
    title: str
    home_page_url: str
    items: list[dict] = field(default_factory=list)


def content_languages() -> set[str]:
    return {code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)}


def _site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site answers at this address.")
    return site


def _scope_page(site: Site, scope: FeedScope) -> dict | None:
    """The project or program the feed is about, as the API details it, in the feed's language when translated."""
    path = api_detail_path("pages", scope.object_id)
    detail = public_api_json(site, path) if path else None
    expected = "projects.ProjectPage" if scope.kind == "project" else "projects.FundingProgramPage"
    if detail is None or detail["meta"]["type"] != expected:
        return None
    translated = detail["meta"].get("alternates", {}).get(scope.language)
    if detail["meta"].get("locale") != scope.language and translated:
        detail = public_api_json(site, api_detail_path("pages", translated["id"])) or detail
    return detail


def _language_home(site: Site, language: str) -> str:
    locale = Locale.objects.filter(language_code=language).first()
    root = site.root_page.get_translation_or_none(locale) if locale else None
    page = root if root is not None and root.live else site.root_page
    return page.get_full_url() or site.root_url


def load_feed(request: HttpRequest, scope: FeedScope) -> ReportFeed:
    """The feed's reports from the public API; 404 for an unknown language or a project/program not public."""
    if scope.language not in content_languages() or not Locale.objects.filter(language_code=scope.language).exists():
        raise Http404("No feed in this language.")
    site = _site(request)
    params = {
        "type": REPORT_TYPE,
        "locale": scope.language,
        "order": "-event_date",
        "fields": FEED_FIELDS,
        "limit": str(feed_length()),
    }
    with translation.override(scope.language):
        if scope.kind == "all":
            title = _("%(site)s: event reports") % {"site": site.site_name or settings.WAGTAIL_SITE_NAME}
            home_page_url = _language_home(site, scope.language)
        else:
            subject = _scope_page(site, scope)
            if subject is None:
                raise Http404("No public project or program with this id.")
            params[scope.kind] = str(scope.object_id)
            title = _("%(title)s: event reports") % {"title": subject["title"]}
            home_page_url = subject["meta"]["html_url"] or _language_home(site, scope.language)
    listing = public_api_json(site, api_path_prefix() + "pages/", params)
    if listing is None:
        raise Http404("The reports of this feed cannot be listed.")
    return ReportFeed(scope=scope, title=title, home_page_url=home_page_url, items=listing["items"])


def feeds_of_page(page: Page | None, language: str) -> list[FeedScope]:
    """The feeds a page announces with <link rel="alternate">: its language's, and its project's or program's."""
    scopes = [FeedScope(language)]
    model = page.specific_class if page is not None else None
    label = model._meta.label if model is not None else ""
    if label == "projects.ProjectPage":
        scopes.append(FeedScope(language, "project", page.pk))
    elif label == "projects.FundingProgramPage":
        scopes.append(FeedScope(language, "program", page.pk))
    elif label == REPORT_TYPE:
        parent = page.get_parent()
        if parent is not None and parent.specific_class is not None:
            if parent.specific_class._meta.label == "projects.ProjectPage":
                scopes.append(FeedScope(language, "project", parent.pk))
    return scopes
