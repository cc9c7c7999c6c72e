"""Serializer classes built once per shape instead of once per request.

Wagtail's API v2 builds a new serializer class for every request (``_get_serializer_class``: the
endpoint's field lists, the ``fields`` parameter, and a class per nested model, put together with
``type()``), about a tenth of an uncached detail's time. The class depends only on the endpoint, the
model and the parsed ``fields`` parameter, so the same class can serve every request of that shape.
Wagtail offers no public hook for this; ``_get_serializer_class`` is the classmethod its own
``get_serializer_class`` and nested fields call, so it is the one place to remember the result.
"""

from collections import OrderedDict
from threading import Lock

# ``fields`` comes from the caller: a bounded number of shapes is kept, the least recently used dropped.
MAX_CLASSES = 256

_classes: OrderedDict = OrderedDict()
_lock = Lock()


def _frozen(fields_config) -> tuple:
    """Wagtail's parsed ``fields`` (lists of (name, negated, sub-fields)) as a hashable key."""
    return tuple(
        (name, negated, _frozen(sub_fields) if sub_fields else sub_fields)
        for name, negated, sub_fields in fields_config
    )


class SharedSerializerClasses:
    """A mixin for Wagtail API viewsets: one serializer class per (endpoint, model, fields, details, nesting)."""

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        key = (cls, router, model, _frozen(fields_config), show_details, nested)
        with _lock:
            serializer_class = _classes.get(key)
            if serializer_class is not None:
                _classes.move_to_end(key)
                return serializer_class
        # Built outside the lock; a BadRequestError (an unknown field) is raised to the caller and not kept.
        serializer_class = super()._get_serializer_class(
            router, model, fields_config, show_details=show_details, nested=nested
        )
        with _lock:
            _classes[key] = serializer_class
            while len(_classes) > MAX_CLASSES:
                _classes.popitem(last=False)
        return serializer_class
