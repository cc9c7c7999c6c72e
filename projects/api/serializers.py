"""Serializers of the endpoints: Wagtail's, with rich text as absolute HTML and Kronika's meta fields."""

import copy
from typing import Any

from rest_framework.fields import Field, SkipField
from wagtail import fields as wagtail_fields
from wagtail.api.v2.serializers import (
    BaseSerializer,
    PageLocaleField,
    PageParentField,
    PageSerializer,
    RichTextFieldSerializer,
)
from wagtail.coreutils import get_content_languages
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.images.api.v2.serializers import ImageSerializer

from ..api_shapes.fields import InstanceField
from ..api_shapes.representations import IMAGE, absolute_url, image_representation
from ..api_shapes.richtext import requested_rich_text_format, rich_text_representation
from ..api_shapes.shapes import BOOLEAN, STRING, URL, array, emits, nullable, schema_of
from ..models import TranslationState
from ..search.index import root_model
from ..search.query import SearchInputError
from ..search.requests import search_of
from ..search.snippets import snippets_of


def _alternates_schema(endpoint: type) -> dict:
    return {
        "type": "object",
        "propertyNames": {"enum": list(get_content_languages())},
        "additionalProperties": schema_of(endpoint.link, endpoint),
    }


def _translation_status_schema(endpoint: type) -> dict:
    return {"enum": [*TranslationState.values, None]}


class AbsoluteRichTextField(RichTextFieldSerializer):
    """A rich text field as HTML with absolute links (or the ?rich_text_format= asked for)."""

    def to_representation(self, value: Any) -> str:
        request = self.context.get("request")
        batch = self.context.get("batch")
        links = batch.link_urls if batch is not None else None
        return rich_text_representation(str(value), request, requested_rich_text_format(request), links)


@emits(_alternates_schema)
def alternates(item: Any, context: dict) -> dict:
    """{locale_code: {"id": int, "html_url": str}} for pages, {"id", "detail_url"} for snippets."""
    return context["batch"].alternates.of(item)


@emits(_translation_status_schema)
def translation_status(item: Any, context: dict) -> Any:
    """The item's translation state (projects.localization.status), or null when it has none."""
    return context["batch"].alternates.status_of(item)


@emits(BOOLEAN)
def is_fallback(item: Any, context: dict) -> bool:
    """true when the item is the source-language version served because locale= has none."""
    requested = context.get("requested_locale")
    return bool(requested) and item.locale.language_code != requested


@emits(nullable(STRING))
def requested_locale(item: Any, context: dict) -> str | None:
    """The locale= code asked for, or null."""
    return context.get("requested_locale")


LANGUAGE_META_FIELDS = ["alternates", "translation_status", "fallback", "requested_locale"]


@emits(nullable(STRING))
def search_snippet(item: Any, context: dict) -> str | None:
    """Where the item matched ?search=: about 30 words of escaped HTML, the matching words in <mark>; null if none.

    Only in answers to a search. Computed once for the whole page of results, from their search documents.
    """
    request = context.get("request")
    if request is None or "search" not in request.GET:
        return None
    snippets = context.get("search_snippets")
    if snippets is None:
        try:
            search = search_of(request)
        except SearchInputError:
            return None
        batch = context.get("batch")
        snippets = context["search_snippets"] = snippets_of(batch.items if batch is not None else [item], search)
    return snippets.get((root_model(type(item)), item.pk))


SEARCH_META_FIELDS = ["search_snippet"]
# Meta fields that depend on the request or change outside the item: never stored in a snapshot.
LIVE_META_FIELDS = LANGUAGE_META_FIELDS + SEARCH_META_FIELDS


class SearchSnippetMixin:
    """meta.search_snippet only in answers to a search, so other answers keep their shape."""

    def to_representation(self, instance: Any) -> dict:
        return self.without_search_snippet(super().to_representation(instance))

    def without_search_snippet(self, data: dict) -> dict:
        request = self.context.get("request")
        if "meta" in data and (request is None or "search" not in request.GET):
            data["meta"].pop("search_snippet", None)
        return data


_language_meta = {
    "alternates": InstanceField(alternates),
    "translation_status": InstanceField(translation_status),
    "fallback": InstanceField(is_fallback),
    "requested_locale": InstanceField(requested_locale),
}


def _with_absolute_rich_text(mapping: dict) -> dict:
    mapping = mapping.copy()
    mapping[wagtail_fields.RichTextField] = AbsoluteRichTextField
    return mapping


class BatchedParentField(PageParentField):
    """meta.parent of a detail, from the parents the result batch loaded in one query for all its pages."""

    def get_attribute(self, instance: Any) -> Any:
        batch = self.context.get("batch")
        return batch.parent_of(instance) if batch is not None else super().get_attribute(instance)


# Shapes come from the fields= parameter: bounded so that a client sending endless variations cannot grow memory.
MAX_CACHED_SHAPES = 256
_FIELDS_BY_SHAPE: dict[tuple, dict[str, Field]] = {}


def _serializer_shape(serializer_class: type) -> tuple:
    """What the fields of one of Wagtail's per-request serializer classes are built from, nested ones included."""
    children = getattr(serializer_class, "child_serializer_classes", {})
    return (
        serializer_class.__bases__,
        serializer_class.Meta.model,
        tuple(serializer_class.Meta.fields),
        tuple(getattr(serializer_class, "meta_fields", ())),
        tuple(sorted((name, _serializer_shape(child)) for name, child in children.items())),
    )


class KronikaPageSerializer(SearchSnippetMixin, PageSerializer):
    """A page for the request in the context: from its snapshot when it has a current one, else built live.

    The choice is made once per page, by the result batch (projects.api.batch), and to_representation is
    the one way a page is represented: the views call it for every answer, and the snapshot builder
    (projects.api.snapshots) calls it, with no snapshot to read, to build the snapshots themselves.
    """

    search_snippet = InstanceField(search_snippet)
    parent = BatchedParentField(read_only=True)
    serializer_field_mapping = _with_absolute_rich_text(PageSerializer.serializer_field_mapping)
    alternates = _language_meta["alternates"]
    translation_status = _language_meta["translation_status"]
    fallback = _language_meta["fallback"]
    requested_locale = _language_meta["requested_locale"]

    def to_representation(self, instance: Any) -> dict:
        batch = self.context.get("batch")
        stored = batch.stored_representation(instance) if batch is not None else None
        if stored is None:
            return super().to_representation(instance)
        return self.without_search_snippet(self._from_snapshot(instance, stored))

    def _from_snapshot(self, instance: Any, stored: dict) -> dict:
        """The fields asked for, picked out of the page's stored detail in this serializer's order, as
        Wagtail's BaseSerializer.to_representation lays them out (id first, then meta, then the rest);
        the meta fields that depend on the request (LIVE_META_FIELDS) are computed for this one."""
        fields = [field for field in self.fields.values() if not field.write_only]
        meta_fields = [field for field in fields if field.field_name in self.meta_fields]
        body_fields = [field for field in fields if field.field_name not in self.meta_fields]
        data = {"id": None} if any(field.field_name == "id" for field in body_fields) else {}
        meta = {}
        for field in meta_fields:
            if field.field_name not in LIVE_META_FIELDS:
                meta[field.field_name] = stored["meta"][field.field_name]
                continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            meta[field.field_name] = None if attribute is None else field.to_representation(attribute)
        if meta:
            data["meta"] = meta
        for field in body_fields:
            data[field.field_name] = stored[field.field_name]
        return data

    def get_fields(self) -> dict[str, Field]:
        # Wagtail makes a new serializer class per request, and DRF builds every field of it again from the
        # model (about 10 ms for a report with fields=*). The fields depend only on the class's shape, so they
        # are built once per shape and each serializer gets fresh copies, which DRF then binds to it.
        shape = _serializer_shape(type(self))
        fields = _FIELDS_BY_SHAPE.get(shape)
        if fields is None:
            fields = super().get_fields()
            if len(_FIELDS_BY_SHAPE) >= MAX_CACHED_SHAPES:
                _FIELDS_BY_SHAPE.clear()
            _FIELDS_BY_SHAPE[shape] = fields
        return copy.deepcopy(fields)


class SnippetSerializer(SearchSnippetMixin, BaseSerializer):
    search_snippet = InstanceField(search_snippet)
    serializer_field_mapping = _with_absolute_rich_text(BaseSerializer.serializer_field_mapping)
    locale = PageLocaleField(read_only=True)
    alternates = _language_meta["alternates"]
    translation_status = _language_meta["translation_status"]
    fallback = _language_meta["fallback"]
    requested_locale = _language_meta["requested_locale"]


def _image_part(name: str):
    def represent(image: Any, context: dict) -> Any:
        return image_representation(image, context.get("request"))[name]

    represent.__doc__ = f"The {name!r} of projects.api_shapes.representations.image_representation."
    return emits(IMAGE.schema["properties"][name])(represent)


@emits(array(STRING))
def image_tags(image: Any, context: dict) -> list[str]:
    """["tag", …] sorted by name, from tags the view prefetched."""
    return sorted(tag.name for tag in image.tags.all())


@emits(URL)
def image_download_url(image: Any, context: dict) -> str:
    """The original file's URL, absolute like every other URL here (Wagtail gives local storage's relative one)."""
    return absolute_url(context.get("request"), image.file.url)


class ResponsiveImageSerializer(SearchSnippetMixin, ImageSerializer):
    search_snippet = InstanceField(search_snippet)
    tags = InstanceField(image_tags)
    download_url = InstanceField(image_download_url)
    alt = InstanceField(_image_part("alt"))
    focal_point = InstanceField(_image_part("focal_point"))
    renditions = InstanceField(_image_part("renditions"))
    srcset = InstanceField(_image_part("srcset"))


class SearchedDocumentSerializer(SearchSnippetMixin, DocumentSerializer):
    search_snippet = InstanceField(search_snippet)
