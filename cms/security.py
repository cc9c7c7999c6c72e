"""Sign-in throttling (django-axes) and the Content-Security-Policy (django-csp) of the admin and the site.

Throttling: how a locked-out sign-in is answered, and which sign-ins count.

The lockout is by user name: after ``AXES_FAILURE_LIMIT`` wrong passwords for one account, signing in to it is
paused for ``AXES_COOLOFF_TIME`` from anywhere, while colleagues behind the same office address keep signing in.
``manage.py axes_reset_username NAME`` lifts it at once (``axes_reset`` lifts every lockout).
"""

import math

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render


class SignInAttemptsBackend(AxesStandaloneBackend):
    """Refuses sign-ins to a locked-out account; lets code that authenticates without a request through.

    Only a sign-in over HTTP can be guessed at, and it always comes with its request; ``authenticate()`` without
    one (Django's test client ``login()``, management commands) is not throttled, where axes would raise.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def cool_off_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def sign_in_locked_out(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """The admin's sign-in page, saying the account is paused and for how long (429 with Retry-After)."""
    minutes = cool_off_minutes()
    response = render(request, "security/sign_in_locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the directives of ``CONTENT_SECURITY_POLICY_BY_PATH`` replaced below a path.

    The longest matching path prefix wins; a view's own ``@csp_replace``/``@csp_update`` still comes first.
    """

    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False):
        parts = super().get_policy_parts(request=request, response=response, report_only=report_only)
        if report_only or parts.replace is not None:
            return parts
        prefixes = getattr(settings, "CONTENT_SECURITY_POLICY_BY_PATH", {})
        matching = [prefix for prefix in prefixes if request.path_info.startswith(prefix)]
        if matching:
            parts.replace = prefixes[max(matching, key=len)]
        return parts
