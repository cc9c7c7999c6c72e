"""JSON Schema (2020-12) of what the API emits, declared beside the code that emits it.

Representations, serializer fields and blocks carry their schema (`@emits(...)`, `api_schema`,
`Block.get_api_schema()`); projects.api.openapi assembles them into the OpenAPI document. A shape
used in several places is a `Component`, which the document lists once under components/schemas.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wagtail import blocks

STRING: dict = {"type": "string"}
INTEGER: dict = {"type": "integer"}
BOOLEAN: dict = {"type": "boolean"}
NULL: dict = {"type": "null"}
ID: dict = {"type": "integer", "minimum": 1}
DATE: dict = {"type": "string", "format": "date"}
DATE_TIME: dict = {"type": "string", "format": "date-time"}
URL: dict = {"type": "string", "format": "uri"}
HTML: dict = {"type": "string", "contentMediaType": "text/html"}


@dataclass(frozen=True, eq=False)
class Component:
    """A named schema: `{"$ref": "#/components/schemas/<name>"}` wherever it is used."""

    name: str
    schema: Any
    description: str = field(default="")


def component(name: str, schema: Any, description: str = "") -> Component:
    return Component(name, schema, description)


def component_ref(named: Component) -> str:
    return f"#/components/schemas/{named.name}"


def nullable(schema: Any) -> dict:
    """The schema, or null."""
    if isinstance(schema, dict) and set(schema) <= {"type", "format", "maxLength", "minimum", "maximum"}:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, NULL]}


def obj(properties: Mapping[str, Any], *, optional: tuple[str, ...] = (), description: str = "") -> dict:
    """A closed object: every property is required unless named in `optional`, and no others appear."""
    schema = {
        "type": "object",
        "properties": dict(properties),
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def array(items: Any, **constraints: Any) -> dict:
    return {"type": "array", "items": items, **constraints}


def choices(values: list[str], *, blank: bool = False) -> dict:
    """One of the values (or "" when the field may be left blank)."""
    return {"type": "string", "enum": [*values, ""] if blank else list(values)}


def blank_or(schema: dict) -> dict:
    """A formatted string (a URL, an e-mail) or "" when left blank."""
    return {"anyOf": [schema, {"type": "string", "maxLength": 0}]}


def emits(schema: Any) -> Callable:
    """Declare the JSON a function emits; `schema` may be a callable of the endpoint, read at build time."""

    def declare(function: Callable) -> Callable:
        function.api_schema = schema
        return function

    return declare


def schema_of(thing: Any, endpoint: type | None = None) -> Any:
    """The declared schema of a function, field or class (resolving a callable one for `endpoint`)."""
    schema = getattr(thing, "api_schema", None)
    if schema is None:
        raise LookupError(f"{thing!r} declares no API schema")
    return schema(endpoint) if callable(schema) else schema


def _string_block(block: blocks.FieldBlock) -> dict:
    schema = dict(STRING)
    max_length = getattr(block.field, "max_length", None)
    if max_length:
        schema["maxLength"] = max_length
    if isinstance(block, blocks.EmailBlock):
        schema = {**schema, "format": "email"}
        return schema if block.required else blank_or(schema)
    return schema


def _choice_block(block: blocks.ChoiceBlock) -> dict:
    values = [str(value) for value, _label in block.field.choices if value != ""]
    return choices(values, blank=not block.required)


def stream_item_name(stream: blocks.StreamBlock, child_name: str) -> str:
    return f"{type(stream).__name__}.{child_name}"


def stream_schema(stream: blocks.StreamBlock) -> Component:
    """A StreamBlock: a list of {"type", "value", "id"} items, a union discriminated by "type"."""
    members = {}
    for name, child in stream.child_blocks.items():
        members[name] = component(
            stream_item_name(stream, name),
            obj(
                {
                    "type": {"const": name},
                    "value": block_value_schema(child),
                    "id": {"type": "string", "format": "uuid"},
                }
            ),
            str(child.meta.label or name) + (f": {type(child).__doc__}" if type(child).__doc__ else ""),
        )
    union = {
        "oneOf": list(members.values()),
        "discriminator": {
            "propertyName": "type",
            "mapping": {name: component_ref(member) for name, member in members.items()},
        },
    }
    return component(type(stream).__name__, array(union), type(stream).__doc__ or "")


def block_value_schema(block: blocks.Block) -> Any:
    """The schema of the "value" a block emits in the API; an error for a block that declares none."""
    if hasattr(block, "get_api_schema"):
        return block.get_api_schema()
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block)
    if isinstance(block, blocks.ListBlock):
        return array(block_value_schema(block.child_block))
    if isinstance(block, blocks.StructBlock):
        return obj({name: block_value_schema(child) for name, child in block.child_blocks.items()})
    if isinstance(block, blocks.ChoiceBlock):
        return _choice_block(block)
    if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.EmailBlock):
        return _string_block(block)
    raise LookupError(f"{type(block).__name__} declares no API schema: give it get_api_schema()")


def query_parameter(name: str, schema: dict, description: str) -> dict:
    """An OpenAPI query parameter, as DRF's get_schema_operation_parameters() hooks return them."""
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
