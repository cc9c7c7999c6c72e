"""Schemas of the objects an endpoint emits, built from the models' api_fields and the serializers' fields."""

from typing import Any, get_type_hints

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelcluster.fields import ParentalKey
from taggit.managers import TaggableManager
from wagtail.api import APIField
from wagtail.api.v2 import serializers as wagtail_serializers
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.coreutils import get_content_languages
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import get_page_models

from ...api_shapes.fields import InstanceField
from ...api_shapes.shapes import (
    BOOLEAN,
    DATE,
    DATE_TIME,
    HTML,
    ID,
    INTEGER,
    STRING,
    URL,
    array,
    blank_or,
    choices,
    component,
    nullable,
    obj,
    schema_of,
    stream_schema,
)


def type_name(model: type[models.Model]) -> str:
    """The meta.type of a model's items, as Wagtail's TypeField writes it."""
    return f"{model._meta.app_label}.{model.__name__}"


def page_type_names() -> list[str]:
    return [type_name(model) for model in get_page_models()]


def nested_page() -> dict:
    """A page as Wagtail nests it (meta.parent, meta.alias_of)."""
    return obj(
        {
            "id": ID,
            "meta": obj({"type": {"enum": page_type_names()}, "detail_url": URL, "html_url": nullable(URL)}),
            "title": STRING,
        }
    )


def _declared_field_schema(field: Any, model: type[models.Model]) -> Any:
    """Schemas of the fields Wagtail's serializers declare, which cannot carry one themselves."""
    if isinstance(field, wagtail_serializers.TypeField | wagtail_serializers.PageTypeField):
        return {"const": type_name(model)}
    if isinstance(field, wagtail_serializers.DetailUrlField | DocumentDownloadUrlField):
        return URL
    if isinstance(field, wagtail_serializers.PageHtmlUrlField):
        return nullable(URL)
    if isinstance(field, wagtail_serializers.PageLocaleField):
        return {"type": "string", "enum": list(get_content_languages())}
    if isinstance(field, wagtail_serializers.PageParentField | wagtail_serializers.PageAliasOfField):
        return nullable(nested_page())
    raise LookupError(f"no API schema for {type(field).__name__}")


def _serializer_field_schema(field: Any, endpoint: type, model: type[models.Model]) -> Any:
    if isinstance(field, InstanceField):
        return schema_of(field.represent, endpoint)
    if hasattr(field, "api_schema"):
        return schema_of(field, endpoint)
    return _declared_field_schema(field, model)


def _string(field: models.Field) -> dict:
    return {"type": "string", "maxLength": field.max_length} if field.max_length else dict(STRING)


def django_field_schema(field: models.Field) -> Any:
    """A model field's value as the API serialises it."""
    if isinstance(field, StreamField):
        return stream_schema(field.stream_block)
    if isinstance(field, TaggableManager):
        return array(STRING)
    if field.choices:
        schema = choices([str(value) for value, _label in field.flatchoices], blank=field.blank)
    elif isinstance(field, RichTextField):
        schema = HTML
    elif isinstance(field, models.URLField):
        schema = blank_or(URL) if field.blank else URL
    elif isinstance(field, models.EmailField):
        email = {"type": "string", "format": "email"}
        schema = blank_or(email) if field.blank else email
    elif isinstance(field, models.DateTimeField):
        schema = DATE_TIME
    elif isinstance(field, models.DateField):
        schema = DATE
    elif isinstance(field, models.BooleanField):
        schema = BOOLEAN
    elif isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        schema = {"type": "integer", "minimum": 0}
    elif isinstance(field, models.IntegerField):
        schema = INTEGER
    elif isinstance(field, models.DecimalField):
        schema = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
    elif isinstance(field, models.CharField | models.TextField):
        schema = _string(field)
    else:
        raise LookupError(f"no API schema for {type(field).__name__} {field.model.__name__}.{field.name}")
    return nullable(schema) if field.null else schema


def _attribute_schema(model: type[models.Model], name: str) -> Any:
    """A property's value, from its return annotation."""
    attribute = getattr(model, name, None)
    getter = attribute.fget if isinstance(attribute, property) else attribute
    returns = get_type_hints(getter).get("return") if callable(getter) else None
    simple = {str: STRING, bool: BOOLEAN, int: INTEGER}
    if returns not in simple:
        raise LookupError(f"{model.__name__}.{name} needs a return annotation of str, bool or int for the API schema")
    return simple[returns]


def child_item_schema(model: type[models.Model]) -> Any:
    """A row of an inline panel (organisers, goals…): all its api_fields, as Wagtail nests them."""
    return item_schemas(BaseAPIViewSet, model, nested=True)[0]


def _model_schema(model: type[models.Model], name: str) -> Any:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return _attribute_schema(model, name)
    if field.one_to_many and isinstance(getattr(field, "field", None), ParentalKey):
        return array(child_item_schema(field.related_model))
    return django_field_schema(field)


def field_schema(endpoint: type, model: type[models.Model], field: APIField) -> Any:
    """The schema of one API field of a model on an endpoint."""
    declared = endpoint.base_serializer_class._declared_fields
    if field.serializer is not None:
        return _serializer_field_schema(field.serializer, endpoint, model)
    if field.name in declared:
        return _serializer_field_schema(declared[field.name], endpoint, model)
    if field.name == "id":
        return ID
    return _model_schema(model, field.name)


def item_schemas(endpoint: type, model: type[models.Model], *, nested: bool = False) -> tuple[dict, dict]:
    """(detail, listing item) schemas of a model on an endpoint.

    Required are the fields a response has by default; `fields=` adds the optional ones, or removes some.
    """
    body = {field.name: field_schema(endpoint, model, field) for field in endpoint.get_body_fields(model)}
    meta = {field.name: field_schema(endpoint, model, field) for field in endpoint.get_meta_fields(model)}
    if nested:
        # Wagtail leaves out a nested row's detail_url: inline rows have no endpoint.
        meta.pop("detail_url", None)
        return obj({**body, "meta": obj(meta)}), {}
    # Fields only some answers carry (meta.search_snippet, in answers to a search) are never required.
    sometimes = set(getattr(endpoint, "conditional_fields", ()))
    detail_defaults = set(endpoint.get_detail_default_fields(model)) - sometimes
    listing_defaults = set(endpoint.get_listing_default_fields(model)) - sometimes
    detail = _item(body, meta, detail_defaults)
    listed_body = {name: schema for name, schema in body.items() if name not in endpoint.detail_only_fields}
    listed_meta = {name: schema for name, schema in meta.items() if name not in endpoint.detail_only_fields}
    return detail, _item(listed_body, listed_meta, listing_defaults)


def _item(body: dict, meta: dict, defaults: set[str]) -> dict:
    return obj(
        {**body, "meta": obj(meta, optional=tuple(name for name in meta if name not in defaults))},
        optional=tuple(name for name in body if name not in defaults),
    )


def endpoint_models(endpoint: type) -> list[type[models.Model]]:
    """The models whose items an endpoint emits: every page type for pages, else the endpoint's model."""
    if endpoint.model is not None and endpoint.model._meta.label == "wagtailcore.Page":
        return list(get_page_models())
    return [endpoint.model]


def endpoint_components(endpoint: type) -> tuple[Any, Any]:
    """(detail, listing item) schemas of an endpoint: one model's, or a union of page types on meta.type."""
    details, listed = [], []
    for model in endpoint_models(endpoint):
        detail, item = item_schemas(endpoint, model)
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        details.append(component(f"{model.__name__}Detail", detail, doc))
        listed.append(component(f"{model.__name__}ListingItem", item, doc))
    if len(details) == 1:
        return details[0], listed[0]
    return {"oneOf": details}, {"oneOf": listed}
