"""The OpenAPI 3.1 document of the public API, generated from the router, the endpoints and the models."""

import inspect
import re
from typing import Any

from django.conf import settings
from django.urls import reverse
from wagtail.api.v2.router import WagtailAPIRouter

from ...api_shapes.shapes import INTEGER, STRING, Component, array, component, obj, schema_of
from .models import endpoint_components
from .parameters import detail_parameters, find_parameters, listing_parameters

ERROR = component("Error", obj({"message": STRING}), "What was wrong with the request, or that nothing was found.")
_ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")

API_DESCRIPTION = """\
Published, public content for partner sites: reports of events, projects, funding programs,
and the organisations, people and offices they name. JSON is compact; rich text is HTML with
absolute links; images come with their responsive renditions; chosen snippets are inlined.

Every item carries its language (`meta.locale`), its other languages (`meta.alternates`) and,
with `locale=…&fallback=true`, the source-language items not translated yet (`meta.fallback`).
StreamFields (`body`, `description`, `contacts`) are lists of blocks told apart by `type`.
"""


def _error(description: str, **extra: Any) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}, **extra}


def _ok(description: str, schema: Any) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


RATE_LIMITED = _error(
    "Too many requests from this client; try again after Retry-After seconds.",
    headers={"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer", "minimum": 1}}},
)


DATABASE_UNAVAILABLE = _error(
    "The database cannot be reached; try again after Retry-After seconds.",
    headers={"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer", "minimum": 1}}},
)
SERVER_ERROR = _error("An unexpected error; it has been logged.")
NOT_ACCEPTABLE = _error("The Accept header allows no JSON.")


def _errors(responses: dict) -> dict:
    """The responses of an operation, with the errors any request may meet."""
    return {**responses, "406": NOT_ACCEPTABLE, "429": RATE_LIMITED, "500": SERVER_ERROR, "503": DATABASE_UNAVAILABLE}


def _summary(endpoint: type) -> str:
    return (endpoint.__doc__ or endpoint.__name__).strip().splitlines()[0]


def _description(endpoint: type) -> str:
    return inspect.cleandoc(endpoint.__doc__ or endpoint.__name__)


def _listing_operation(name: str, endpoint: type) -> dict:
    if hasattr(endpoint.listing_view, "api_schema"):
        listing = schema_of(endpoint.listing_view, endpoint)
    else:
        listing_item = endpoint_components(endpoint)[1]
        listing = obj({"meta": obj({"total_count": {**INTEGER, "minimum": 0}}), "items": array(listing_item)})
    return {
        "operationId": f"{name}_listing",
        "summary": f"List {name}",
        "description": _description(endpoint),
        "parameters": listing_parameters(endpoint),
        "responses": _errors(
            {
                "200": _ok(f"A page of {name}.", listing),
                "400": _error("A parameter is unknown or malformed, or a limit is out of range."),
            }
        ),
    }


def _detail_operation(name: str, endpoint: type) -> dict:
    return {
        "operationId": f"{name}_detail",
        "summary": f"One of {name}",
        "description": _description(endpoint),
        "parameters": detail_parameters(endpoint),
        "responses": _errors(
            {
                "200": _ok("The item with all its fields.", endpoint_components(endpoint)[0]),
                "400": _error("A parameter is malformed."),
                "404": _error("No public item has this id."),
            }
        ),
    }


def _find_operation(name: str, endpoint: type) -> dict:
    return {
        "operationId": f"{name}_find",
        "summary": f"Find one of {name}",
        "description": "Redirects to the detail URL of the item found; other parameters are kept.",
        "parameters": find_parameters(endpoint),
        "responses": _errors(
            {
                "302": {
                    "description": "Found: the detail URL is in Location.",
                    "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
                },
                "400": _error("A parameter is malformed."),
                "404": _error("Nothing public was found."),
            }
        ),
    }


OPERATIONS = {"listing": _listing_operation, "detail": _detail_operation, "find": _find_operation}


def _path_of(router: WagtailAPIRouter, name: str, pattern: Any) -> tuple[str, list[dict]]:
    base = reverse(f"{router.url_namespace}:{name}:listing")
    route = _ROUTE_PARAMETER.sub(
        lambda match: "{id}" if match[1] == "pk" else "{" + match[1] + "}", str(pattern.pattern)
    )
    parameters = [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
        for _ in _ROUTE_PARAMETER.findall(str(pattern.pattern))
    ]
    return base + route, parameters


def _paths(router: WagtailAPIRouter) -> dict:
    paths = {}
    for name, endpoint in router._endpoints.items():
        for pattern in endpoint.get_urlpatterns():
            path, path_parameters = _path_of(router, name, pattern)
            operation = OPERATIONS[pattern.name](name, endpoint)
            operation["tags"] = [name]
            operation["parameters"] = path_parameters + operation["parameters"]
            paths[path] = {"get": operation}
    return paths


def _collect(schema: Any, components: dict[str, dict]) -> Any:
    """The schema with every Component replaced by a $ref, and the components gathered by name."""
    if isinstance(schema, Component):
        if schema.name not in components:
            components[schema.name] = {}
            body = _collect(schema.schema, components)
            components[schema.name] = {**body, "description": schema.description} if schema.description else body
        elif components[schema.name] and _collect(schema.schema, dict(components)) != {
            key: value for key, value in components[schema.name].items() if key != "description"
        }:
            raise ValueError(f"two different schemas are both called {schema.name}")
        return {"$ref": f"#/components/schemas/{schema.name}"}
    if isinstance(schema, dict):
        return {key: _collect(value, components) for key, value in schema.items()}
    if isinstance(schema, list | tuple):
        return [_collect(value, components) for value in schema]
    return schema


def openapi_document(router: WagtailAPIRouter) -> dict:
    """The OpenAPI 3.1 document of every endpoint of the router."""
    components: dict[str, dict] = {}
    paths = _collect(_paths(router), components)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{getattr(settings, 'WAGTAIL_SITE_NAME', 'Kronika')} public API",
            "version": "2",
            "description": API_DESCRIPTION,
        },
        "tags": [{"name": name, "description": _summary(endpoint)} for name, endpoint in router._endpoints.items()],
        "paths": paths,
        "components": {"schemas": dict(sorted(components.items()))},
    }
