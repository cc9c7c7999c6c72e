"""Asking the public API from inside the site: what an anonymous visitor of a site would get, same code, same rule.

Snapshots, feeds, webhook payloads and the preview read pages through this instead of serialising them a second way,
so whatever the API hides (drafts, restricted pages, non-public people) stays hidden there too.
"""

import json
from io import StringIO
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from wagtail.models import Site


def anonymous_site_request(site: Site, path: str, params: dict[str, str] | None = None) -> HttpRequest | None:
    """An anonymous GET of `path` on `site`, so every URL in the answer is the site's own; None for an unknown host."""
    parts = urlsplit(site.root_url)
    # Django's own default when DEBUG is on and ALLOWED_HOSTS is empty.
    allowed_hosts = settings.ALLOWED_HOSTS or [".localhost", "127.0.0.1", "[::1]"]
    if not validate_host(parts.hostname or "", allowed_hosts):
        return None
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": urlencode(params or {}),
            "SERVER_NAME": parts.hostname,
            "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
            "HTTP_HOST": parts.netloc,
            "wsgi.url_scheme": parts.scheme,
            "wsgi.input": StringIO(),
        }
    )
    request.user = AnonymousUser()
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
