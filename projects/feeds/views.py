"""The feed views: Atom through Django's syndication framework, JSON Feed 1.1 as plain JSON."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, JsonResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.timezone import now

from . import items
from .reports import FeedScope, ReportFeed, load_feed

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class AtomWithContent(Atom1Feed):
    """Atom 1.0 whose entries carry the summary as <summary> and the image, date and place as <content>."""

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class AtomReportFeed(Feed):
    """Atom 1.0 of the latest event reports in one language, of all projects or one project or program."""

    feed_type = AtomWithContent

    def __init__(self, kind: str = "all") -> None:
        super().__init__()
        self.kind = kind

    @classmethod
    def view(cls, kind: str = "all"):
        """A view making one feed object per request: the feed keeps the request and the language on itself."""

        def feed_view(request: HttpRequest, **kwargs):
            return cls(kind)(request, **kwargs)

        return feed_view

    def get_object(self, request: HttpRequest, language: str, object_id: int | None = None) -> ReportFeed:
        return load_feed(request, FeedScope(language, self.kind, object_id))

    def title(self, feed: ReportFeed) -> str:
        return feed.title

    def link(self, feed: ReportFeed) -> str:
        return feed.home_page_url

    def feed_url(self, feed: ReportFeed) -> str:
        return feed.scope.path("atom")

    def feed_guid(self, feed: ReportFeed) -> str:
        return self.request.build_absolute_uri(feed.scope.path("atom"))

    def subtitle(self, feed: ReportFeed) -> str:
        return feed.title

    def items(self, feed: ReportFeed) -> list[dict]:
        return feed.items

    def get_feed(self, obj: ReportFeed, request: HttpRequest):
        self.request = request
        # Django reads the feed's language as an attribute, not through a method taking the object.
        self.language = self.feed_language = obj.scope.language
        return super().get_feed(obj, request)

    def item_title(self, item: dict) -> str:
        return item["title"]

    def item_link(self, item: dict) -> str:
        return item["meta"]["html_url"] or item["meta"]["detail_url"]

    def item_guid(self, item: dict) -> str:
        return item["meta"]["detail_url"]

    item_guid_is_permalink = False

    def item_description(self, item: dict) -> str:
        # Atom's summary is declared HTML: the editor's plain text is escaped into it.
        return escape(item.get("summary") or item["title"])

    def item_extra_kwargs(self, item: dict) -> dict:
        return {"content_html": items.content_html(item, self.feed_language)}

    def item_pubdate(self, item: dict) -> datetime.datetime | None:
        return items.published_at(item)

    def item_updateddate(self, item: dict) -> datetime.datetime:
        return items.updated_at(item) or now()

    def item_categories(self, item: dict) -> list[str]:
        return [place] if (place := item.get("city")) else []


def json_feed(feed: ReportFeed, request: HttpRequest) -> dict:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1); each item's `_kronika` holds what JSON Feed has no name for.

    {"version", "title", "home_page_url", "feed_url", "language", "items": [{"id", "url", "title", "summary",
     "content_html", "image", "date_published", "date_modified", "language",
     "_kronika": {"api_id", "detail_url", "event_date", "event_end_date", "place", "city", "region", "venue",
                  "hero_image"}}]}
    """
    language = feed.scope.language
    return {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_page_url,
        "feed_url": request.build_absolute_uri(feed.scope.path("json")),
        "language": language,
        "items": [_json_feed_item(item, language) for item in feed.items],
    }


def _json_feed_item(item: dict, language: str) -> dict:
    published, updated, picture = items.published_at(item), items.updated_at(item), items.image(item)
    entry = {
        "id": item["meta"]["detail_url"],
        "url": item["meta"]["html_url"] or item["meta"]["detail_url"],
        "title": item["title"],
        "content_html": items.content_html(item, language),
        "language": item["meta"].get("locale") or language,
        "_kronika": {
            "api_id": item["id"],
            "detail_url": item["meta"]["detail_url"],
            "event_date": item.get("event_date"),
            "event_end_date": item.get("event_end_date"),
            "place": items.place(item),
            "city": item.get("city", ""),
            "region": item.get("region", ""),
            "venue": item.get("venue", ""),
            "hero_image": item.get("hero_image"),
        },
    }
    if item.get("summary"):
        entry["summary"] = item["summary"]
    if picture is not None:
        entry["image"] = picture["url"]
    if published is not None:
        entry["date_published"] = published.isoformat()
    if updated is not None:
        entry["date_modified"] = updated.isoformat()
    return entry


def json_report_feed(request: HttpRequest, language: str, object_id: int | None = None, kind: str = "all"):
    feed = load_feed(request, FeedScope(language, kind, object_id))
    return JsonResponse(
        json_feed(feed, request),
        content_type="application/feed+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
