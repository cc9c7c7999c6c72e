"""Every error of the public API as JSON ``{"message": ...}`` in English, whatever raises it.

Three places can answer an error, and all of them build it here:
- inside a viewset, DRF hands every exception to ``api_exception_handler`` (wired by ``JSONErrorsMixin``):
  Wagtail's and DRF's own errors, values the database refuses, a database that cannot be reached;
- outside any view (no URL matched, or a middleware failed), Django calls the site's error handlers, which
  ``handler404``/``handler500``/``handler400``/``handler403`` point at the views below;
- the views below answer HTML for the site: Django's pages, and a plain 503 page when the database is down.

A database that cannot be reached is a 503 with Retry-After, never a 500: nothing the client sent was wrong.
The API speaks English (``projects.middleware`` activates it below the API root), so DRF's and Django's
messages are English too.
"""

import logging
import sys
import unicodedata
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults
from rest_framework.exceptions import APIException
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from ..conf import api_path_prefix

logger = logging.getLogger(__name__)

# OperationalError: the server is gone, refuses connections or is overloaded; InterfaceError: the connection broke.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE_MESSAGE = f"The database is unavailable; try again in {RETRY_AFTER_SECONDS} seconds."
NOT_FOUND_MESSAGE = "Nothing public matches this request."
SERVER_ERROR_MESSAGE = "The server failed to answer this request; the error has been logged."
# Values Django or the database refuse (a bad date in a field filter, an id too large for the column).
REFUSED_VALUES = (ValidationError, OverflowError, DataError)
_SHOWN_PATH_LENGTH = 200
ALLOWED_WHITESPACE = frozenset("\t\n\r")


def api_root() -> str:
    """The first segment of the API prefix (/api/ for /api/v2/): every path below it is the API's."""
    return "/" + api_path_prefix().strip("/").split("/")[0] + "/"


def is_api_path(path: str) -> bool:
    return path.startswith(api_root())


def error_body(message: str) -> dict:
    """The one shape of every API error: {"message": "..."}."""
    return {"message": message}


def error_response(status: int, message: str, headers: dict | None = None) -> JsonResponse:
    response = JsonResponse(error_body(message), status=status, headers=headers)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable_headers() -> dict:
    return {"Retry-After": str(RETRY_AFTER_SECONDS)}


def _detail_message(detail: object) -> str:
    """DRF keeps details as a string, a list or a dict of them; partners get one sentence."""
    if isinstance(detail, dict):
        return "; ".join(f"{key}: {_detail_message(value)}" for key, value in detail.items())
    if isinstance(detail, list | tuple):
        return "; ".join(_detail_message(value) for value in detail)
    return str(detail)


def _refused_message(error: Exception) -> str:
    return f"invalid value in the query: {'; '.join(getattr(error, 'messages', [str(error)]))}"


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's exception handler for the public API; None lets Django's handler500 answer (and log) the rest."""
    if isinstance(exc, DATABASE_UNAVAILABLE):
        logger.error("The database is unavailable: %s", exc)
        return Response(error_body(DATABASE_UNAVAILABLE_MESSAGE), status=503, headers=database_unavailable_headers())
    if isinstance(exc, BadRequestError):
        return Response(error_body(str(exc)), status=400)
    if isinstance(exc, REFUSED_VALUES):
        return Response(error_body(_refused_message(exc)), status=400)
    if isinstance(exc, Http404):
        return Response(error_body(str(exc) or NOT_FOUND_MESSAGE), status=404)
    if isinstance(exc, PermissionDenied):
        return Response(error_body(str(exc) or "Forbidden."), status=403)
    if isinstance(exc, APIException):
        headers = {}
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        return Response(error_body(_detail_message(exc.detail)), status=exc.status_code, headers=headers)
    return None


def has_control_characters(value: str) -> bool:
    """NUL and other control characters but whitespace: no partner means them, and PostgreSQL refuses NUL."""
    return any(unicodedata.category(char) == "Cc" and char not in ALLOWED_WHITESPACE for char in value)


class CheckedFormatNegotiation(DefaultContentNegotiation):
    """DRF answers an unknown ?format= with an empty 404 and ignores an empty one; both are malformed."""

    def select_renderer(self, request, renderers: list, format_suffix: str | None = None) -> tuple:
        if format_suffix is None and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            self.filter_renderers(renderers, "")
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers: list, format: str) -> list:
        known = [renderer for renderer in renderers if renderer.format == format]
        if not known:
            formats = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise BadRequestError(f"format must be one of: {formats}")
        return known


class JSONErrorsMixin:
    """For API viewsets: errors through ``api_exception_handler``, a checked ?format=, no control characters."""

    content_negotiation_class = CheckedFormatNegotiation

    def get_exception_handler(self) -> Callable[[Exception, dict], Response | None]:
        return api_exception_handler

    def handle_exception(self, exc: Exception) -> Response:
        # Wagtail answers Http404 itself, with str(exc) as the message: DRF's lookups raise it empty.
        if isinstance(exc, Http404) and not str(exc):
            exc = Http404(NOT_FOUND_MESSAGE)
        return super().handle_exception(exc)

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if has_control_characters(name) or any(has_control_characters(value) for value in values):
                raise BadRequestError("the query may not contain control characters (such as NUL)")


def _shown(path: str) -> str:
    return path if len(path) <= _SHOWN_PATH_LENGTH else path[:_SHOWN_PATH_LENGTH] + "…"


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: a JSON 404 below the API root (no URL matched), Django's page elsewhere."""
    if is_api_path(request.path):
        return error_response(404, f"No endpoint answers at {_shown(request.path)}.")
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a request Django refused before any view (a bad Host, too many fields)."""
    if is_api_path(request.path):
        return error_response(400, "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403."""
    if is_api_path(request.path):
        return error_response(403, "Forbidden.")
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500, called while the exception is handled: a database that cannot be reached is a 503."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        if is_api_path(request.path):
            return error_response(503, DATABASE_UNAVAILABLE_MESSAGE, database_unavailable_headers())
        # Rendered without the request: its context processors would ask the database for the user.
        page = render_to_string("projects/503.html")
        response = HttpResponse(page, status=503, headers=database_unavailable_headers())
        response["Cache-Control"] = "no-store"
        return response
    if is_api_path(request.path):
        return error_response(500, SERVER_ERROR_MESSAGE)
    return defaults.server_error(request)
