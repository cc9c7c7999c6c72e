"""Schemathesis against the published OpenAPI document: generated requests never get a 5xx.

Every operation of /api/v2/openapi.json is sent requests that fit its parameters (positive) and requests
that break them (negative), through Django's WSGI application. Each response is checked for a server
error, a status the document lists for that operation, its content type, its schema (JSON {"message"}
for every error) and, for negative requests, a 4xx. Bounded: EXAMPLES per operation and mode, from a
fixed seed (``derandomize``), so CI runs the same cases in the same time; raise EXAMPLES locally to dig.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from projects.api.router import api_router

from .api_contract_tree import build_contract_tree

pytestmark = pytest.mark.django_db

EXAMPLES = 15
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def every_error_is_a_json_message(ctx, response, case) -> None:
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict), f"{response.status_code} answered {body!r}"
        assert isinstance(body.get("message"), str), f"{response.status_code} answered {body!r}"


@pytest.fixture
def wsgi_app():
    """Django's WSGI application inside the test's transaction.

    Like Django's test client, it must not close the connection between requests: that would end the
    transaction holding the test's data.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(site_tree, django_capture_on_commit_callbacks, wsgi_app):
    build_contract_tree(site_tree, django_capture_on_commit_callbacks)
    return schemathesis.openapi.from_wsgi("/api/v2/openapi.json", wsgi_app)


def _operations(schema, endpoint: str) -> list:
    operations = [result.ok() for result in schema.get_all_operations()]
    return [operation for operation in operations if operation.tags == [endpoint]]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("endpoint", list(api_router._endpoints))
def test_generated_requests_get_documented_answers_and_never_a_server_error(api_schema, endpoint, mode):
    operations = _operations(api_schema, endpoint)
    assert operations, f"{endpoint} has no operation in the document"
    checks = [*CHECKS, every_error_is_a_json_message]
    if mode is GenerationMode.NEGATIVE:
        checks.append(negative_data_rejection)

    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check_operation(case) -> None:
            # Schemathesis sends requests' default Accept-Encoding (gzip, deflate) but its WSGI transport does not
            # decompress what it gets back; compressed answers are tested on their own (test_api_caching).
            response = case.call(headers={"Accept-Encoding": "identity"})
            case.validate_response(response, checks=checks)

        check_operation()
