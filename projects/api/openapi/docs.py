"""What the docs page shows, read from the OpenAPI document: operations, parameters and schemas."""

from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_REF_PREFIX = "#/components/schemas/"


def describe(schema: Any) -> SafeString:
    """A schema in a few words of HTML, linking the named schemas it uses."""
    if not isinstance(schema, dict):
        return format_html("{}", schema)
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(_REF_PREFIX)
        return format_html('<a href="#schema-{}">{}</a>', name, name)
    for union in ("oneOf", "anyOf"):
        if union in schema:
            return mark_safe(" | ".join(describe(member) for member in schema[union]))  # noqa: S308
    if "const" in schema:
        return format_html("<code>{}</code>", _json_literal(schema["const"]))
    if "enum" in schema:
        return format_html(
            "one of {}", format_html_join(", ", "<code>{}</code>", ((_json_literal(v),) for v in schema["enum"]))
        )
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return mark_safe(" | ".join(describe({**schema, "type": kind}) for kind in kinds))  # noqa: S308
    if kinds == "array":
        return format_html("list of {}", describe(schema.get("items", {})))
    if kinds == "object":
        return _describe_object(schema)
    return format_html("{}{}", kinds or "value", _constraints(schema) if kinds != "null" else "")


def _json_literal(value: Any) -> str:
    return "null" if value is None else f'"{value}"' if isinstance(value, str) else str(value).lower()


def _constraints(schema: dict) -> SafeString:
    notes = []
    for key, label in (("format", "{}"), ("pattern", "matching {}"), ("minimum", "≥ {}"), ("maximum", "≤ {}")):
        if key in schema:
            notes.append(label.format(schema[key]))
    if "maxLength" in schema:
        notes.append("empty" if schema["maxLength"] == 0 else f"at most {schema['maxLength']} characters")
    return format_html(" ({})", ", ".join(notes)) if notes else mark_safe("")  # noqa: S308


def _describe_object(schema: dict) -> SafeString:
    if "properties" in schema:
        required = set(schema.get("required", []))
        parts = format_html_join(
            ", ",
            "{}{}: {}",
            ((name, "" if name in required else "?", describe(value)) for name, value in schema["properties"].items()),
        )
        return format_html("{{{}}}", parts)
    if isinstance(schema.get("additionalProperties"), dict):
        keys = schema.get("propertyNames", {})
        return format_html(
            "map of {} to {}", describe(keys) if keys else "string", describe(schema["additionalProperties"])
        )
    return mark_safe("object")  # noqa: S308


def _properties(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "required": name in required,
            "type": describe(value),
            "description": value.get("description", ""),
        }
        for name, value in schema.get("properties", {}).items()
    ]


def docs_context(document: dict) -> dict:
    """The template context of the docs page."""
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            responses = []
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                responses.append(
                    {
                        "status": status,
                        "description": response["description"],
                        "type": describe(schema) if schema else "",
                    }
                )
            operations.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation["summary"],
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "location": parameter["in"],
                            "type": describe(parameter["schema"]),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation["parameters"]
                    ],
                    "responses": responses,
                }
            )
    schemas = [
        {
            "name": name,
            "description": schema.get("description", ""),
            "type": describe({key: value for key, value in schema.items() if key != "properties"})
            if "properties" not in schema
            else "",
            "properties": _properties(schema),
        }
        for name, schema in document["components"]["schemas"].items()
    ]
    return {"info": document["info"], "operations": operations, "schemas": schemas, "openapi": document["openapi"]}
