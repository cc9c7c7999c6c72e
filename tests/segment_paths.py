"""Segment paths of a TranslationSource, with block ids and row keys replaced by readable names."""

import re

from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail_localize.models import TranslationSource

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _block_names(value, names: dict[str, str]) -> None:
    if isinstance(value, StreamValue):
        for index, block in enumerate(value):
            names[block.id] = f"{block.block_type}#{index}"
            _block_names(block.value, names)
    elif isinstance(value, StructValue):
        for child in value.values():
            _block_names(child, names)
    elif isinstance(value, ListValue):
        for index, bound in enumerate(value.bound_blocks):
            names[bound.id] = f"#{index}"
            _block_names(bound.value, names)


def _readable_names(instance) -> dict[str, str]:
    names: dict[str, str] = {}
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            _block_names(getattr(instance, field.name), names)
    for relation in get_all_child_relations(instance):
        for index, row in enumerate(getattr(instance, relation.get_accessor_name()).all()):
            if hasattr(row, "translation_key"):
                names[str(row.translation_key)] = f"#{index}"
    return names


def segment_paths(instance) -> dict[str, list[str]]:
    """The sorted paths of the strings, related objects and overridable values a translator gets."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    names = _readable_names(instance)

    def readable(path: str) -> str:
        return UUID.sub(lambda match: names.get(match.group(0), "?"), path)

    return {
        "strings": sorted(readable(s.context.path) for s in source.stringsegment_set.select_related("context")),
        "related": sorted(readable(s.context.path) for s in source.relatedobjectsegment_set.select_related("context")),
        "overridable": sorted(
            readable(s.context.path) for s in source.overridablesegment_set.select_related("context")
        ),
    }
