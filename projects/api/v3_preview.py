"""Wagtail's v3 API (a preview on django-ninja) for authenticated tooling only.

Wagtail lets anonymous callers read public pages through v3; here every v3 URL first
requires a valid bearer token (an APIToken of an active user) or a logged-in session,
so partners keep to the stable v2 API and only our own tools see the preview.
"""

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver
from wagtail.api.v3.auth import BearerTokenAuth


def has_tooling_credentials(request: HttpRequest) -> bool:
    if request.headers.get("Authorization"):
        return BearerTokenAuth()(request) is not None
    return request.user.is_authenticated


def _require_credentials(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def gated(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_tooling_credentials(request):
            response = JsonResponse(
                {"message": "The v3 preview API is for authenticated tooling: send Authorization: Bearer <token>."},
                status=401,
            )
            response["WWW-Authenticate"] = 'Bearer realm="api-v3-preview"'
            return response
        return view(request, *args, **kwargs)

    return gated


def _gate(patterns: list) -> list:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _gate(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = _require_credentials(pattern.callback)
    return patterns


def v3_preview_urls() -> tuple[list, str, str]:
    """Wagtail's v3 URL patterns, each behind the credentials check; use as ``path(prefix, v3_preview_urls())``."""
    # Imported when a site mounts it: Wagtail's v3 API is a preview, built on import, that a host may leave out.
    from wagtail.api.v3.urls import api

    patterns, app_name, namespace = api.urls
    return _gate(list(patterns)), app_name, namespace
