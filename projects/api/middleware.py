"""Django's LocaleMiddleware, minus its redirect of API 404s to a language-prefixed HTML URL."""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware


class APIAwareLocaleMiddleware(LocaleMiddleware):
    """Leave API responses alone: a 404 from /api/v2/pages/9/ must stay a JSON 404, not a 302 to /pl/api/…"""

    api_namespaces = frozenset(["wagtailapi"])

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        match = getattr(request, "resolver_match", None)
        if match is not None and self.api_namespaces.intersection(match.namespaces):
            return response
        return super().process_response(request, response)
