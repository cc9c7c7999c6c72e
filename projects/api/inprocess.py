"""Asking the public API from inside the site: what an anonymous visitor of a site would get, same code, same rule.

Snapshots, feeds, webhook payloads and the preview read pages through this instead of serialising them a second way,
so whatever the API hides (drafts, restricted pages, non-public people) stays hidden there too.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from wagtail.models import Site


class SiteVisitorRequest(HttpRequest):
    """A GET made in the site itself on behalf of an anonymous visitor of one of its sites.

    Django's own request, without a WSGI environment to parse: the scheme is the site's, so the absolute URLs the
    API builds from it (detail_url) are the ones a visitor of that site gets.
    """

    def __init__(self, scheme: str) -> None:
        super().__init__()
        self._site_scheme = scheme

    def _get_scheme(self) -> str:
        return self._site_scheme


def anonymous_site_request(site: Site, path: str, params: dict[str, str] | None = None) -> HttpRequest | None:
    """An anonymous GET of `path` on `site`, so every URL in the answer is the site's own; None for an unknown host."""
    parts = urlsplit(site.root_url)
    # Django's own default when DEBUG is on and ALLOWED_HOSTS is empty.
    allowed_hosts = settings.ALLOWED_HOSTS or [".localhost", "127.0.0.1", "[::1]"]
    if not validate_host(parts.hostname or "", allowed_hosts):
        return None
    request = SiteVisitorRequest(parts.scheme)
    request.method = "GET"
    request.path = request.path_info = path
    request.META.update(
        {
            "REQUEST_METHOD": "GET",
            "SERVER_NAME": parts.hostname,
            "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
            "HTTP_HOST": parts.netloc,
        }
    )
    request.GET = QueryDict(mutable=True)
    request.GET.update(params or {})
    request.user = AnonymousUser()
    # A visitor who has entered no password and holds no session.
    request.session = SessionBase()
    return request


def call_view(request: HttpRequest) -> HttpResponse | None:
    """The response of the view at the request's path, without middleware; None when no view answers there."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response


def public_api_json(site: Site, path: str, params: dict[str, str] | None = None) -> dict | None:
    """The API's JSON answer to an anonymous visitor of `site`, or None when it is not a 200."""
    request = anonymous_site_request(site, path, params)
    response = call_view(request) if request is not None else None
    if response is None or response.status_code != 200:
        return None
    return json.loads(response.content)
