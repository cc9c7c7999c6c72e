"""<link rel="alternate"> to the feeds a page belongs to, so feed readers find them from any public page."""

from django import template
from django.template.context import Context
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from ..feeds.reports import content_languages, feeds_of_page

register = template.Library()

FEED_FORMATS = (("atom", "application/atom+xml"), ("json", "application/feed+json"))


@register.simple_tag(takes_context=True)
def feed_links(context: Context) -> SafeString:
    page = context.get("page")
    language = getattr(getattr(page, "locale", None), "language_code", None) or get_language()
    if language not in content_languages():
        return SafeString("")
    request = context.get("request")
    links = []
    for scope in feeds_of_page(page, language):
        for feed_format, media_type in FEED_FORMATS:
            path = scope.path(feed_format)
            links.append((media_type, request.build_absolute_uri(path) if request else path))
    return format_html_join("\n    ", '<link rel="alternate" type="{}" href="{}">', links)
