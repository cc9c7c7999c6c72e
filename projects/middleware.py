"""Django's LocaleMiddleware, redirecting only what can be a language-prefixed page."""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware


class PrefixedPagesLocaleMiddleware(LocaleMiddleware):
    """Leave 404s of the API, the admin and documents alone.

    Django redirects an unprefixed 404 to its /pl/ twin when that path would resolve, and Wagtail's
    catch-all page route makes every path resolve: /api/v2/pages/9/ would turn into a 302 to
    /pl/api/v2/pages/9/. Only a 404 that no other view answered (or that Wagtail's page route gave)
    can be a page missing its language prefix.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name != "wagtail_serve":
            return response
        return super().process_response(request, response)
