"""Objects chosen in blocks, loaded once for a whole page of API results instead of once per block.

The API loads every image, person and office the blocks of a result page choose (one query per model)
and converts the StreamFields inside `preloaded(...)`; the chooser blocks read from it there and
query as usual everywhere else.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from wagtail import blocks

_preloaded: ContextVar[Mapping[type[models.Model], Mapping[int, models.Model]] | None] = ContextVar(
    "kronika_preloaded_objects", default=None
)


@contextmanager
def preloaded(objects: Mapping[type[models.Model], Mapping[int, models.Model]]) -> Iterator[None]:
    token = _preloaded.set(objects)
    try:
        yield
    finally:
        _preloaded.reset(token)


def preloaded_objects(model: type[models.Model]) -> Mapping[int, models.Model] | None:
    """The loaded objects of `model` by primary key, or None outside `preloaded`."""
    objects = _preloaded.get()
    if objects is None:
        return None
    return objects.get(model, {})


def chosen_object_ids(block: blocks.Block, raw_value: object, found: dict[type[models.Model], set[int]]) -> None:
    """Add to `found` the primary keys of every object a block's stored (raw) value chooses."""
    if isinstance(block, blocks.StreamBlock):
        for item in raw_value or []:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                chosen_object_ids(child, item.get("value"), found)
    elif isinstance(block, blocks.ListBlock):
        for item in raw_value or []:
            # ListBlock stores items either bare or as {"type": "item", "value": …, "id": …}.
            is_block_format = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            chosen_object_ids(block.child_block, item["value"] if is_block_format else item, found)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw_value, dict) and name in raw_value:
                chosen_object_ids(child, raw_value[name], found)
    elif isinstance(block, blocks.ChooserBlock) and isinstance(raw_value, int):
        found.setdefault(block.model_class, set()).add(raw_value)
