"""Delta sync: ``/api/v2/changes/?since=<cursor>`` tells partners what to create, update or remove."""

from django.http import HttpRequest
from django.urls import NoReverseMatch, path, reverse
from rest_framework.response import Response
from wagtail.api.utils import get_full_url
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from ..api_shapes.shapes import (
    BOOLEAN,
    DATE_TIME,
    ID,
    STRING,
    URL,
    array,
    choices,
    component,
    emits,
    nullable,
    obj,
    query_parameter,
)
from ..conf import changes_page_size
from ..models import ContentChange
from ..models.changes import VISIBLE_ACTIONS, ChangeAction
from .errors import JSONErrorsMixin

CURSOR = {"type": "integer", "minimum": 0}
CHANGE = component(
    "Change",
    obj(
        {
            "cursor": ID,
            "action": choices(list(ChangeAction.values)),
            "endpoint": {**STRING, "examples": ["pages", "organisations"]},
            "type": {"type": "string", "pattern": r"^\w+\.\w+$", "examples": ["projects.EventReportPage"]},
            "id": ID,
            "locale": STRING,
            "recorded_at": DATE_TIME,
            "detail_url": nullable(URL),
        }
    ),
    "One public change; detail_url is null once the object is unpublished or deleted.",
)
CHANGES = obj({"meta": obj({"since": CURSOR, "next_cursor": CURSOR, "has_more": BOOLEAN}), "items": array(CHANGE)})


def _whole_number(request: HttpRequest, name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise BadRequestError(f"{name} must be a whole number of at least {minimum}, not {raw[:40]!r}")
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise BadRequestError(f"{name} must be {bound}, not {value}")
    return value


class ChangesAPIViewSet(JSONErrorsMixin, BaseAPIViewSet):
    """What changed since a cursor, oldest first.

    Emits ``{"meta": {"since": 40, "next_cursor": 57, "has_more": false},
    "items": [{"cursor": 41, "action": "created"|"updated"|"unpublished"|"deleted",
    "endpoint": "pages", "type": "projects.EventReportPage", "id": 12, "locale": "pl",
    "recorded_at": "2025-01-31T10:00:00Z", "detail_url": "https://…/api/v2/pages/12/" or null}]}``.
    Start with no ``since`` (or 0), apply the items in order, keep ``next_cursor`` and pass it
    as ``since`` next time; while ``has_more`` is true, ask again at once.
    """

    model = ContentChange
    known_query_parameters = frozenset(["since", "limit", "format", "_"])

    @classmethod
    def api_query_parameters(cls) -> list[dict]:
        default_limit, max_limit = changes_page_size()
        return [
            query_parameter("since", {**CURSOR, "default": 0}, "The next_cursor of the previous answer; 0 for all."),
            query_parameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": max_limit, "default": default_limit},
                "How many changes to return.",
            ),
        ]

    @emits(CHANGES)
    def listing_view(self, request: HttpRequest) -> Response:
        unknown = set(request.GET) - self.known_query_parameters
        if unknown:
            names = ", ".join(sorted(unknown))
            raise BadRequestError(f"query parameter is not an operation or a recognised field: {names}")
        default_limit, max_limit = changes_page_size()
        since = _whole_number(request, "since", 0, 0)
        limit = _whole_number(request, "limit", default_limit, 1, max_limit)
        changes = list(ContentChange.objects.filter(pk__gt=since).order_by("pk")[: limit + 1])
        has_more = len(changes) > limit
        changes = changes[:limit]
        items = [self._item(change) for change in changes]
        next_cursor = changes[-1].pk if changes else since
        return Response({"meta": {"since": since, "next_cursor": next_cursor, "has_more": has_more}, "items": items})

    def _item(self, change: ContentChange) -> dict:
        return {
            "cursor": change.pk,
            "action": change.action,
            "endpoint": change.endpoint,
            "type": change.object_type,
            "id": change.object_id,
            "locale": change.locale,
            "recorded_at": change.recorded_at.isoformat().replace("+00:00", "Z"),
            "detail_url": self._detail_url(change) if change.action in VISIBLE_ACTIONS else None,
        }

    def _detail_url(self, change: ContentChange) -> str | None:
        namespace = self.request.resolver_match.namespaces[0]
        try:
            return get_full_url(self.request, reverse(f"{namespace}:{change.endpoint}:detail", args=[change.object_id]))
        except NoReverseMatch:
            return None

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]
