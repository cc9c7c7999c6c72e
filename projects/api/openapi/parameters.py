"""Query parameters of each operation: from the filters' and pagination's own hooks, and Wagtail's views."""

from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.api.rich_text import APIRichText
from wagtail.fields import RichTextField, StreamField

from ...api_shapes.shapes import DATE, ID, query_parameter
from .models import endpoint_models, page_type_names

PAGE_OR_ROOT = {"type": "string", "pattern": r"^([1-9][0-9]*|root)$"}


def _rich_text_formats() -> list[str]:
    return [value for name, value in vars(APIRichText).items() if name.startswith("FORMAT_")]


def _page_types() -> dict:
    names = "|".join(name.replace(".", r"\.") for name in page_type_names())
    return {"type": "string", "pattern": rf"^({names})(,({names}))*$", "examples": ["projects.EventReportPage"]}


# Parameters Wagtail's own views and filters read; Kronika's filters document theirs in get_schema_operation_parameters.
WAGTAIL_PARAMETERS: dict[str, Callable[[], dict]] = {
    "fields": lambda: query_parameter(
        "fields",
        {"type": "string"},
        "Fields to add (name), remove (-name), start from all (*) or none (_), comma-separated; "
        "inline rows take sub-fields: organisers(role). Required properties in the schemas are the defaults.",
    ),
    "order": lambda: query_parameter(
        "order",
        {"type": "string", "examples": ["-event_date", "title", "random"]},
        "Sort by database fields (-name for descending), comma-separated, or random.",
    ),
    "rich_text_format": lambda: query_parameter(
        "rich_text_format",
        {"type": "string", "enum": _rich_text_formats(), "default": APIRichText.get_default_format()},
        "How rich text is written: html has absolute links.",
    ),
    "type": lambda: query_parameter("type", _page_types(), "Only pages of these types, comma-separated."),
    "child_of": lambda: query_parameter("child_of", PAGE_OR_ROOT, "Only the children of this page (or the root)."),
    "descendant_of": lambda: query_parameter(
        "descendant_of", PAGE_OR_ROOT, "Only pages below this page (or the root)."
    ),
    "ancestor_of": lambda: query_parameter("ancestor_of", ID, "Only the pages above this page."),
    "translation_of": lambda: query_parameter(
        "translation_of", PAGE_OR_ROOT, "Only the translations of this page (or the root)."
    ),
    "site": lambda: query_parameter("site", {"type": "string"}, "Only pages of the site with this hostname."),
    "format": lambda: query_parameter("format", {"type": "string", "enum": ["json"]}, "Always JSON."),
    "_": lambda: query_parameter("_", {"type": "string"}, "Ignored: lets a client bust its own cache."),
    "search": lambda: query_parameter("search", {"type": "string"}, "Words to find, with Wagtail's search."),
    "search_operator": lambda: query_parameter(
        "search_operator", {"type": "string", "enum": ["and", "or"]}, "Whether every word or any word must match."
    ),
    "id": lambda: query_parameter("id", ID, "The id of the item to find."),
    "html_path": lambda: query_parameter(
        "html_path",
        {"type": "string", "examples": ["/pl/projekty/sieciowanie/"]},
        "The path of a page on the site, with or without its language prefix.",
    ),
}


def _hooked_parameters(endpoint: type) -> dict[str, dict]:
    hooks = [backend() for backend in endpoint.filter_backends]
    if endpoint.pagination_class is not None:
        hooks.append(endpoint.pagination_class())
    parameters = [parameter for hook in hooks for parameter in hook.get_schema_operation_parameters(endpoint)]
    if hasattr(endpoint, "api_query_parameters"):
        parameters.extend(endpoint.api_query_parameters())
    found = {}
    for parameter in parameters:
        found.setdefault(parameter["name"], parameter)
    return found


def _documented(names: frozenset[str], hooked: dict[str, dict], endpoint: type) -> list[dict]:
    missing = sorted(name for name in names if name not in hooked and name not in WAGTAIL_PARAMETERS)
    if missing:
        raise LookupError(f"{endpoint.__name__} takes undocumented query parameters: {', '.join(missing)}")
    return [hooked[name] if name in hooked else WAGTAIL_PARAMETERS[name]() for name in sorted(names)]


def _filter_schema(field: models.Field) -> dict:
    if isinstance(field, models.BooleanField):
        return {"type": "string", "enum": ["true", "false", "1", "0"]}
    if field.choices:
        return {"type": "string", "enum": [str(value) for value, _label in field.flatchoices]}
    if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
        return {"type": "integer"}
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return DATE
    return {"type": "string"}


def _filterable_fields(endpoint: type, model: type[models.Model]) -> dict[str, models.Field]:
    fields = {}
    for name in endpoint.get_available_fields(model, db_fields_only=True):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete and not isinstance(field, StreamField | RichTextField):
            fields[name] = field
    return fields


def _field_filters(endpoint: type, taken: set[str]) -> list[dict]:
    """Exact-match filters on database fields (?slug=, ?event_date=…), with the types that have them."""
    owners: dict[str, list[str]] = {}
    schemas: dict[str, dict] = {}
    models_ = endpoint_models(endpoint)
    for model in models_:
        for name, field in _filterable_fields(endpoint, model).items():
            if name not in taken:
                owners.setdefault(name, []).append(model.__name__)
                schemas.setdefault(name, _filter_schema(field))
    parameters = []
    for name, names in sorted(owners.items()):
        where = "" if len(names) == len(models_) else f" Needs type= one of: {', '.join(names)}."
        parameters.append(query_parameter(name, schemas[name], f"Items whose {name} is exactly this.{where}"))
    return parameters


def listing_parameters(endpoint: type) -> list[dict]:
    hooked = _hooked_parameters(endpoint)
    documented = _documented(endpoint.known_query_parameters, hooked, endpoint)
    if hasattr(endpoint.listing_view, "api_schema"):
        # An endpoint with its own listing (delta sync) checks its parameters itself: no field filters.
        return documented
    return documented + _field_filters(endpoint, {parameter["name"] for parameter in documented})


def detail_parameters(endpoint: type) -> list[dict]:
    return _documented(frozenset(["fields", "rich_text_format"]), {}, endpoint)


def find_parameters(endpoint: type) -> list[dict]:
    return _documented(endpoint.find_query_parameters, {}, endpoint)
