"""Every API error is JSON {"message": ...} in English with a status the OpenAPI document lists.

Hand-made bad input on every operation (numbers out of range, NUL bytes, broken UTF-8, SQL and full-text
syntax, a 2,000-word search, 8 KB URLs, every HTTP method) and paths no endpoint answers: never a 5xx,
never HTML, never a redirect to a language prefix. tests/test_api_fuzz.py generates more of the same
from the document; tests/test_faults.py takes the database and the cache away.
"""

from urllib.parse import quote

import pytest

from projects.api.openapi.document import openapi_document
from projects.api.router import api_router

from .api_contract_tree import build_contract_tree

pytestmark = pytest.mark.django_db

NUMBERS = {"negative": "-1", "huge": "9" * 30, "float": "1e23", "non-numeric": "abc", "null": "null"}
TWO_THOUSAND_WORDS = quote(" ".join(["słowo"] * 2000))
EIGHT_KB = "a" * 8192

BAD_QUERIES = {
    **{f"{kind} {name}": f"{name}={value}" for name in ("limit", "offset", "id") for kind, value in NUMBERS.items()},
    "two ids": "id=null&id=null",
    "NUL search": "search=%00",
    "NUL inside a search": "search=a%00b",
    "NUL in other parameters": "locale=%00&type=%00&fields=%00",
    "NUL in a parameter name": "%00=1",
    "invalid UTF-8": "search=%ff%fe",
    "overlong UTF-8": "search=%c0%af",
    "broken UTF-8 in a filter": "title=%c3%28",
    "SQL in a search": "search=" + quote("' OR 1=1 --"),
    "SQL in a filter": "title=" + quote("'; DROP TABLE wagtailcore_page; --"),
    "FTS quote and semicolon": "search=" + quote('";'),
    "FTS operators": "search=" + quote('NEAR(a b) AND * OR NOT ^c "d'),
    "FTS column filter": "search=" + quote("title:a {title body}:b"),
    "LIKE wildcards": "search=" + quote("%_%"),
    "2,000-word search": f"search={TWO_THOUSAND_WORDS}",
    "8 KB search": f"search={EIGHT_KB}",
    "8 KB unknown parameter": f"{EIGHT_KB}=1",
    "8 KB ignored parameter": f"_={EIGHT_KB}",
    "unknown format": "format=AAA",
    "empty format": "format=",
    "unknown search operator": "search=a&search_operator=xor",
    "search operator alone": "search_operator=xor",
    "bad order": "order=" + quote("-;"),
    "bad fields": "fields=" + quote("*,-*,(,"),
    "bad locale": "locale=xx&fallback=maybe",
    "bad child_of": "child_of=abc&descendant_of=-1&translation_of=1e23",
    "bad dates": "date_from=2024-02-30&modified_since=yesterday",
}
OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]
UNKNOWN_PATHS = [
    "/api/",
    "/api/v2",
    "/api/v2/",
    "/api/v2/nothing/",
    "/api/v2/pages/abc/",
    "/api/v2/pages/1/extra/",
    "/api/v2/pages/%ff/",
    "/api/v2/pages/%00/",
    "/api/v3-preview/nothing/",
    f"/api/v2/{EIGHT_KB}/",
]
DOCUMENT_PATHS = sorted(openapi_document(api_router)["paths"])


@pytest.fixture
def tree(site_tree, django_capture_on_commit_callbacks):
    return build_contract_tree(site_tree, django_capture_on_commit_callbacks)


def _concrete(template: str, tree) -> str:
    ids = {
        "pages": tree.report.pk,
        "images": tree.photo.pk,
        "organisations": tree.organisation.pk,
        "people": tree.person.pk,
        "offices": tree.office.pk,
    }
    endpoint = template.split("/")[3]
    return template.replace("{id}", str(ids.get(endpoint, 1)))


def _error_of(response) -> str | None:
    """What is wrong with an error answer, or None when it is JSON {"message": "..."}."""
    if response["Content-Type"] != "application/json":
        return f"Content-Type {response['Content-Type']}"
    body = response.json()
    if not isinstance(body, dict) or not isinstance(body.get("message"), str) or not body["message"]:
        return f"body {body!r}"
    return None


@pytest.mark.parametrize("template", DOCUMENT_PATHS)
def test_bad_input_gets_a_documented_json_error_and_never_a_server_error(client, tree, template):
    documented = {int(status) for status in openapi_document(api_router)["paths"][template]["get"]["responses"]}
    path = _concrete(template, tree)
    problems = []
    for case, query in BAD_QUERIES.items():
        response = client.get(f"{path}?{query}")
        if response.status_code >= 500 or response.status_code not in documented:
            problems.append(f"{case}: {response.status_code} is not a documented answer")
        elif response.status_code >= 400 and (problem := _error_of(response)):
            problems.append(f"{case}: {response.status_code} with {problem}")

    assert problems == []


@pytest.mark.parametrize("template", DOCUMENT_PATHS)
def test_other_methods_get_a_json_405_that_allows_get(client, tree, template):
    path = _concrete(template, tree)
    for method in OTHER_METHODS:
        response = client.generic(method, path)

        assert response.status_code == 405, method
        assert _error_of(response) is None, method
        assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", UNKNOWN_PATHS)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_paths_no_endpoint_answers_are_json_404s_and_never_redirected(client, path, method):
    response = client.generic(method, path)

    assert response.status_code == 404
    assert not response.has_header("Location")
    assert _error_of(response) is None


def test_errors_are_in_english_whatever_language_the_caller_prefers(client, site_tree):
    client.cookies["django_language"] = "pl"
    polish = {"HTTP_ACCEPT_LANGUAGE": "pl-PL,pl;q=0.9"}

    not_allowed = client.post("/api/v2/pages/", **polish)
    bad_date = client.get("/api/v2/pages/?last_published_at=2024-13-45", **polish)

    assert not_allowed.json() == {"message": 'Method "POST" not allowed.'}
    assert bad_date.status_code == 400
    assert "invalid" in bad_date.json()["message"]
    assert "nieprawid" not in bad_date.json()["message"].lower()


def test_an_accept_header_without_json_is_a_documented_406(client, site_tree):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert _error_of(response) is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("id=abc", "id must be a positive whole number, not 'abc'"),
        ("id=null&id=null", "find takes one id"),
        ("format=AAA", "format must be one of: json"),
    ],
)
def test_find_and_format_say_what_is_wrong(client, site_tree, query, message):
    response = client.get(f"/api/v2/pages/find/?{query}")

    assert (response.status_code, response.json()) == (400, {"message": message})


@pytest.mark.parametrize(
    ("search", "message"),
    [
        ("\x00", "search may not contain control characters (such as NUL)"),
        ('";', "search needs at least one word of letters or digits"),
        ("słowo " * 2000, "search is longer than 200 characters"),
        (" ".join(["a"] * 21), "search has more than 20 words"),
    ],
)
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "people"])
def test_every_search_is_checked_in_one_place(client, site_tree, endpoint, search, message):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})

    assert response.status_code == 400
    assert response.json()["message"] in (message, "the query may not contain control characters (such as NUL)")


def test_wagtail_search_still_finds_words_around_punctuation(client, tree):
    response = client.get("/api/v2/images/", {"search": 'sala"; --'})

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [tree.photo.pk]
