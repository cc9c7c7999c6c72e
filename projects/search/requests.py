"""A search as a request asks for it: ?search=, ?search_operator=, in the language of ?locale= or in all of them."""

from django.http import HttpRequest
from wagtail.coreutils import get_content_languages

from .analysis import language_of
from .query import Search


def query_languages(locale_code: str | None) -> tuple[str, ...]:
    """The languages to analyse a query in: the requested one, or every content language (pages of any may match)."""
    codes = [locale_code] if locale_code else list(get_content_languages())
    return tuple(dict.fromkeys(language_of(code) for code in codes))


def search_of(request: HttpRequest) -> Search | None:
    """The request's search, or None when it asks for none; raises SearchInputError for a query it cannot run."""
    if "search" not in request.GET:
        return None
    return Search.parse(
        request.GET["search"],
        query_languages(request.GET.get("locale")),
        operator=request.GET.get("search_operator"),
    )


def orders_by_relevance(request: HttpRequest) -> bool:
    return request.GET.get("order", "relevance") == "relevance"
