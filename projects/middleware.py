"""Django's LocaleMiddleware, redirecting only what can be a language-prefixed page; the API speaks English."""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .api.errors import is_api_path

# The API documents itself and words its errors in English, whatever language the caller's browser prefers.
API_LANGUAGE = "en"


class PrefixedPagesLocaleMiddleware(LocaleMiddleware):
    """Leave 404s of the API, the admin and documents alone, and answer the API in English.

    Django redirects an unprefixed 404 to its /pl/ twin when that path would resolve, and Wagtail's
    catch-all page route makes every path resolve: /api/v2/pages/9/ would turn into a 302 to
    /pl/api/v2/pages/9/. Only a 404 that no other view answered (or that Wagtail's page route gave)
    can be a page missing its language prefix, and nothing below the API root is a page.
    """

    def process_request(self, request: HttpRequest) -> None:
        if is_api_path(request.path):
            translation.activate(API_LANGUAGE)
            request.LANGUAGE_CODE = API_LANGUAGE
            return
        super().process_request(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if is_api_path(request.path):
            return response
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name != "wagtail_serve":
            return response
        return super().process_response(request, response)
