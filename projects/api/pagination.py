"""Pagination with every limit and offset checked before the database sees it."""

from django.conf import settings
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from ..api_shapes.shapes import query_parameter
from .counting import total_count

# Past this an offset is a mistake (and too large a number crashes SQLite's integer conversion).
MAX_OFFSET = 1_000_000


def _whole_number(raw: str, name: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        raise BadRequestError(f"{name} must be a whole number, not '{raw}'")
    return int(raw)


class CheckedPagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing limit=0 and absurd offsets with a 400 as well."""

    def paginate_queryset(self, queryset, request, view=None):
        # Wagtail's paging, with stricter numbers and the count kept per generation (projects.api.counting).
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        limit = min(20, limit_max) if limit_max else 20
        if "limit" in request.GET:
            limit = _whole_number(request.GET["limit"], "limit")
            if limit < 1 or (limit_max and limit > limit_max):
                raise BadRequestError(f"limit must be from 1 to {limit_max}")
        offset = 0
        if "offset" in request.GET:
            offset = _whole_number(request.GET["offset"], "offset")
            if offset > MAX_OFFSET:
                raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        self.view = view
        self.total_count = total_count(queryset)
        return queryset[offset : offset + limit]

    def get_schema_operation_parameters(self, view) -> list[dict]:
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        return [
            query_parameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": limit_max, "default": min(20, limit_max)},
                "How many items to return.",
            ),
            query_parameter(
                "offset",
                {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
                "How many items to skip.",
            ),
        ]
