import copy
import re

import pytest
from django.test import override_settings
from openapi_spec_validator import validate
from wagtail import blocks
from wagtail.coreutils import get_content_languages

from projects.api_shapes.shapes import block_value_schema
from projects.models import EventKind, EventReportPage, FundingProgramPage, ProjectPage

from .api_contract_tree import build_contract_tree
from .openapi_validation import errors_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree, django_capture_on_commit_callbacks):
    return build_contract_tree(site_tree, django_capture_on_commit_callbacks)


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operation(document: dict, path: str) -> dict:
    return document["paths"][path]["get"]


def _parameter(document: dict, path: str, name: str) -> dict:
    return next(p for p in _operation(document, path)["parameters"] if p["name"] == name)


def test_the_document_is_valid_openapi_3_1(document):
    validate(document)

    assert document["openapi"] == "3.1.0"
    assert {path for path in document["paths"] if path.endswith("/{id}/")} == {
        f"/api/v2/{name}/{{id}}/" for name in ("pages", "images", "documents", "organisations", "people", "offices")
    }


def test_every_stream_field_is_a_union_discriminated_on_type(document):
    schemas = document["components"]["schemas"]
    for model in (EventReportPage, ProjectPage, FundingProgramPage):
        for field_name in ("body", "contacts", "description"):
            if not hasattr(model, field_name):
                continue
            stream_block = model._meta.get_field(field_name).stream_block
            union = schemas[type(stream_block).__name__]["items"]
            assert set(union["discriminator"]["mapping"]) == set(stream_block.child_blocks)
            assert union["discriminator"]["propertyName"] == "type"
            for block_type, ref in union["discriminator"]["mapping"].items():
                member = schemas[ref.removeprefix("#/components/schemas/")]
                assert member["properties"]["type"] == {"const": block_type}
                assert member["properties"]["value"], f"{block_type} has an empty value schema"


def _schemas(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schemas(value)


def test_no_value_is_left_untyped(document):
    assert {} not in list(_schemas(document["components"]))


def test_a_block_without_a_schema_stops_the_document():
    with pytest.raises(LookupError, match="URLBlock declares no API schema"):
        block_value_schema(blocks.StructBlock([("link", blocks.URLBlock())]))


def test_parameters_come_from_the_code_and_settings(client):
    with override_settings(WAGTAILAPI_LIMIT_MAX=37):
        document = client.get("/api/v2/openapi.json").json()

    assert _parameter(document, "/api/v2/pages/", "limit")["schema"]["maximum"] == 37
    assert _parameter(document, "/api/v2/pages/", "event_kind")["schema"]["enum"] == list(EventKind.values)
    assert _parameter(document, "/api/v2/people/", "locale")["schema"]["enum"] == list(get_content_languages())
    assert _parameter(document, "/api/v2/pages/", "event_date_from")["schema"] == {"type": "string", "format": "date"}
    type_pattern = _parameter(document, "/api/v2/pages/", "type")["schema"]["pattern"]
    assert re.fullmatch(type_pattern, "projects.EventReportPage,projects.ProjectPage")
    assert not re.fullmatch(type_pattern, "projects.Person")
    assert {p["name"] for p in _operation(document, "/api/v2/pages/find/")["parameters"]} == {"id", "html_path"}
    assert {p["name"] for p in _operation(document, "/api/v2/changes/")["parameters"]} == {
        "since",
        "limit",
        "format",
        "_",
    }


def _requests(tree) -> list[tuple[str, str, dict, int]]:
    """(document path, URL, query, expected status) of every endpoint shape."""
    pages = "/api/v2/pages/"
    report_listing = {"type": "projects.EventReportPage", "fields": "*"}
    return [
        (pages, pages, {}, 200),
        (pages, pages, {"fields": "*"}, 200),
        (pages, pages, report_listing, 200),
        (pages, pages, {"type": "projects.ProjectPage", "fields": "*"}, 200),
        (pages, pages, {"type": "projects.FundingProgramPage", "fields": "*", "locale": "en", "fallback": "true"}, 200),
        (pages, pages, {**report_listing, "event_kind": "dialogue_session", "city": "gniezno"}, 200),
        (pages, pages, {"event_kind": "dance"}, 400),
        (pages, pages, {"limit": "1000"}, 400),
        (pages, pages, {"unknown": "1"}, 400),
        *[
            ("/api/v2/pages/{id}/", f"/api/v2/pages/{page.pk}/", {}, 200)
            for page in (
                tree.report,
                tree.project,
                tree.program,
                tree.program_en,
                tree.report.get_parent().get_parent(),
            )
        ],
        ("/api/v2/pages/{id}/", "/api/v2/pages/99999/", {}, 404),
        ("/api/v2/pages/find/", "/api/v2/pages/find/", {"html_path": "/nie/ma/"}, 404),
        *[
            (f"/api/v2/{name}/", f"/api/v2/{name}/", {"fields": "*"}, 200)
            for name in ("images", "documents", "organisations", "people", "offices")
        ],
        ("/api/v2/organisations/", "/api/v2/organisations/", {"locale": "xx"}, 400),
        ("/api/v2/images/{id}/", f"/api/v2/images/{tree.photo.pk}/", {}, 200),
        ("/api/v2/organisations/{id}/", f"/api/v2/organisations/{tree.organisation.pk}/", {}, 200),
        ("/api/v2/people/{id}/", f"/api/v2/people/{tree.person.pk}/", {}, 200),
        ("/api/v2/offices/{id}/", f"/api/v2/offices/{tree.office.pk}/", {}, 200),
        ("/api/v2/people/{id}/", "/api/v2/people/99999/", {}, 404),
        ("/api/v2/changes/", "/api/v2/changes/", {}, 200),
        ("/api/v2/changes/", "/api/v2/changes/", {"since": "1", "limit": "2"}, 200),
        ("/api/v2/changes/", "/api/v2/changes/", {"since": "-1"}, 400),
    ]


def test_every_endpoint_answers_as_the_document_says(client, tree, document):
    for path, url, query, status in _requests(tree):
        response = client.get(url, query)

        assert response.status_code == status, (url, query, response.content[:300])
        assert errors_of(document, path, status, response.json()) == [], (url, query)


@pytest.mark.parametrize("path, url_of", [("/api/v2/pages/find/", lambda tree: "/pl/projekty/sieciowanie/")])
def test_find_redirects_to_a_detail_that_matches(client, tree, document, path, url_of):
    response = client.get(path, {"html_path": url_of(tree)})

    assert response.status_code == 302
    assert "302" in _operation(document, path)["responses"]
    detail = client.get(response["Location"])
    assert errors_of(document, "/api/v2/pages/{id}/", 200, detail.json()) == []
    assert detail.json()["id"] == tree.project.pk


def test_every_kind_of_block_was_checked(client, tree):
    body = client.get(f"/api/v2/pages/{tree.report.pk}/").json()
    used = {block["type"] for block in body["body"]} | {block["type"] for block in body["contacts"]}
    stream_blocks = EventReportPage._meta.get_field("body").stream_block.child_blocks
    contact_blocks = EventReportPage._meta.get_field("contacts").stream_block.child_blocks

    assert used == set(stream_blocks) | set(contact_blocks)
    quotes = [block["value"]["speaker"] for block in body["body"] if block["type"] == "quote"]
    assert [quote["person"] is None for quote in quotes] == [False, True]


def _body_block(data: dict, block_type: str) -> dict:
    return next(block for block in data["body"] if block["type"] == block_type)


def _break_heading_level(data):
    _body_block(data, "heading")["value"]["level"] = "h7"


def _leak_internal_notes(data):
    _body_block(data, "staff_contact")["value"]["person"]["internal_notes"] = "prywatne"


def _unknown_block(data):
    data["body"].append({"type": "video", "value": {"url": "x"}, "id": "0f0e7c9e-2b45-4ab6-b9a5-2a2d0cbbd2a7"})


def _image_as_bare_id(data):
    _body_block(data, "image")["value"] = 3


def _drop_title(data):
    del data["title"]


def _date_as_text(data):
    data["event_date"] = "26 lutego 2016"


def _unknown_locale_in_meta(data):
    data["meta"]["locale"] = "xx"


@pytest.mark.parametrize(
    "break_it",
    [
        _break_heading_level,
        _leak_internal_notes,
        _unknown_block,
        _image_as_bare_id,
        _drop_title,
        _date_as_text,
        _unknown_locale_in_meta,
    ],
)
def test_a_wrong_shape_fails_validation(client, tree, document, break_it):
    data = client.get(f"/api/v2/pages/{tree.report.pk}/").json()
    assert errors_of(document, "/api/v2/pages/{id}/", 200, data) == []
    broken = copy.deepcopy(data)

    break_it(broken)

    assert errors_of(document, "/api/v2/pages/{id}/", 200, broken) != []


def test_an_error_body_must_be_just_a_message(document):
    assert errors_of(document, "/api/v2/pages/", 400, {"message": "limit must be from 1 to 100"}) == []
    assert errors_of(document, "/api/v2/pages/", 400, {"detail": "Bad request"}) != []


def test_the_document_is_compact_and_cacheable(client):
    response = client.get("/api/v2/openapi.json")

    assert b"\n" not in response.content and b'", "' not in response.content
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert client.get("/api/v2/openapi.json", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_docs_page_shows_everything_and_needs_no_internet(client, document):
    response = client.get("/api/v2/docs/")
    html = response.content.decode()

    assert response.status_code == 200
    # Nothing is loaded or linked from elsewhere: no scripts, stylesheets, images, frames or fonts, and every
    # link stays on the page or points at the document beside it. (Example URLs in descriptions are text.)
    assert re.findall(r"<(?:script|link|img|iframe|object|embed|source)\b|@import|url\(|\bsrc=", html) == []
    assert set(re.findall(r'href="(?!#)([^"]*)"', html)) == {"../openapi.json"}
    for path in document["paths"]:
        assert path in html
    for name in document["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    assert "one of <code>&quot;networking&quot;</code>" in html
