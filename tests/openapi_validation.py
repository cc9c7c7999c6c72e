"""Validate API responses against the OpenAPI document the API serves (JSON Schema 2020-12)."""

from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:kronika:openapi"


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def response_validator(document: dict, path: str, status: int) -> Draft202012Validator:
    """A validator of the JSON body of GET `path` (as the document spells it) answering `status`."""
    registry = Registry().with_resource(DOCUMENT_URI, Resource.from_contents(document, DRAFT202012))
    pointer = _pointer("paths", path, "get", "responses", str(status), "content", "application/json", "schema")
    return Draft202012Validator(
        {"$ref": f"{DOCUMENT_URI}#/{pointer}"}, registry=registry, format_checker=FormatChecker()
    )


def errors_of(document: dict, path: str, status: int, body: Any) -> list[str]:
    """Every way the body breaks its schema, as readable lines (empty when it matches)."""
    validator = response_validator(document, path, status)
    # best_match descends into oneOf/anyOf, naming the deepest property that broke rather than the whole item.
    closest = [best_match([error]) for error in validator.iter_errors(body)]
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}" for error in closest]
