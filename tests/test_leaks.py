"""The leak suite: nothing private reaches anyone who may not see it, on any public surface.

tests/leak_world.py builds, once for this module, everything that must not leak (a draft revision of a
published report, never published, unpublished and scheduled pages, pages under password, login and group
restrictions and their children, images and documents of a private collection also used on a public page,
a hidden person, a public person's hidden e-mail, phone and notes, source notes), each with its own marker.

Each surface in SURFACES is a small function that requests everything it serves through a Walk
(``walk.get(url, params)``; ``walk.text(label, text)`` for what is not an HTTP answer, such as a
webhook payload). Each test walks one surface as every visitor in VISITORS: first those who may see
something (a password holder, a logged-in member of a group), so that their answers sit in every cache,
then an anonymous client. A marker in an answer (body or headers) to a visitor not allowed to see it
fails the test, naming the marker, the visitor and the URL.

To add a surface (feeds, webhooks, a widget, a search page), write a function and add one line:

    def report_feed(walk: Walk) -> None:
        walk.get("/pl/relacje/feed/")
        walk.get("/pl/relacje/feed/", {"project": walk.world.public_report.get_parent().pk})

    SURFACES = [..., Surface("report feed", report_feed)]

A surface that walks an endpoint of the API router names it in ``endpoints``:
test_every_api_endpoint_is_walked fails for a registered endpoint that no surface names.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from projects.api.caching import api_listing_paths
from projects.models.preview_tokens import SALT as PREVIEW_SALT
from projects.webhooks.payloads import build_payload

from .leak_world import MARKERS, PASSWORD, PROJECT, REPORT, SECRET_WORD, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once for the module inside a transaction rolled back at its end; each test rolls back its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


class Walk:
    """One visitor's requests to one surface, and every answer they got."""

    def __init__(self, client: Client, world: World) -> None:
        self.client = client
        self.world = world
        self.answers: list[tuple[str, str]] = []

    def get(self, url: str, params: dict | None = None) -> HttpResponse:
        response = self.client.get(url, params or {})
        query = "&".join(f"{key}={value}" for key, value in (params or {}).items())
        # An answer may repeat the URL asked for (a redirect to the login form): that tells the visitor nothing.
        text = _answer_text(response).replace(url, "<the URL asked for>").replace(quote(url), "<the URL asked for>")
        self.text(f"GET {url}{'?' + query if query else ''} ({response.status_code})", text)
        return response

    def json(self, url: str, params: dict | None = None) -> dict:
        response = self.get(url, params)
        return response.json() if response.status_code == 200 else {}

    def text(self, label: str, text: str) -> None:
        self.answers.append((label, text))


def _answer_text(response: HttpResponse) -> str:
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return headers + "\n\n" + body.decode("utf-8", errors="replace")


@dataclass
class Surface:
    name: str
    walk: Callable[[Walk], None]
    endpoints: tuple[str, ...] = ()


@dataclass
class Visitor:
    name: str
    may_see: frozenset[str]
    enter: Callable[[Client, World], None] = field(default=lambda client, world: None)


def _enter_password(client: Client, world: World) -> None:
    restriction = world.password_restriction
    with translation.override("pl"):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, restriction.page_id])
    assert client.post(url, {"password": PASSWORD, "return_url": "/"}).status_code == 302


def _log_in(client: Client, world: World) -> None:
    client.force_login(world.member)


# Those who may see something come first, so that an anonymous visitor after them meets warm caches.
VISITORS = [
    Visitor("password holder", frozenset({"password page", "password page's child"}), _enter_password),
    Visitor(
        "group member",
        frozenset({"login page", "login page's child", "group page", "group page's child"}),
        _log_in,
    ),
    Visitor("anonymous", frozenset()),
]


def api_pages(walk: Walk) -> None:
    listing = "/api/v2/pages/"
    report_filters = [
        {"event_date_from": "2000-01-01", "event_date_to": "2100-01-01"},
        {"city": "gniezno"},
        {"event_kind": "workshop"},
        {"region": "powiat"},
    ]
    for params in [
        {},
        {"fields": "*"},
        {"type": REPORT, "fields": "*", "limit": 100},
        {"type": PROJECT, "fields": "*"},
        {"locale": "pl", "fields": "*"},
        {"locale": "en", "fallback": "true", "fields": "*"},
        {"search": SECRET_WORD},
        {"search": "ukryta", "fields": "*"},
        {"search": "jawna", "fields": "*"},
        {"order": "-id", "fields": "*"},
        {"modified_since": "2000-01-01T00:00:00Z", "fields": "*"},
        {"fields": "*", "rich_text_format": "html"},
        *({"type": REPORT, "fields": "*", **extra} for extra in report_filters),
    ]:
        walk.get(listing, params)
    for page in walk.world.pages:
        walk.get(f"{listing}{page.pk}/")
        walk.get(f"{listing}{page.pk}/", {"fields": "*"})
        walk.get(listing, {"child_of": page.pk, "fields": "*"})
        walk.get(listing, {"descendant_of": page.pk})
        walk.get(listing, {"type": REPORT, "project": page.pk, "fields": "*"})
        walk.get(f"{listing}find/", {"id": page.pk})
        walk.get(f"{listing}find/", {"html_path": page.url_path.split("/", 2)[-1]})


def api_media(walk: Walk) -> None:
    for endpoint, items in (("images", walk.world.images), ("documents", walk.world.documents)):
        listing = f"/api/v2/{endpoint}/"
        for params in [{}, {"fields": "*"}, {"search": SECRET_WORD}, {"order": "-id"}]:
            walk.get(listing, params)
        for item in items:
            walk.get(f"{listing}{item.pk}/")
            walk.get(f"{listing}find/", {"id": item.pk})


def api_snippets(walk: Walk) -> None:
    for endpoint in ("people", "organisations", "offices"):
        listing = f"/api/v2/{endpoint}/"
        for params in [
            {},
            {"fields": "*"},
            {"locale": "en", "fallback": "true", "fields": "*"},
            {"search": "ukryta"},
            {"search": "jawna", "fields": "*"},
        ]:
            walk.get(listing, params)
    for person in walk.world.people:
        walk.get(f"/api/v2/people/{person.pk}/")
        walk.get("/api/v2/people/find/", {"id": person.pk})


def change_log(walk: Walk) -> None:
    """The log holds ids only: an entry about a secret object counts as its marker."""
    for params in [{}, {"since": 0, "limit": 100}]:
        for item in walk.json("/api/v2/changes/", params).get("items", []):
            secret = walk.world.secret_ids.get((item["endpoint"], item["id"]))
            if secret:
                walk.text(f"/api/v2/changes/ entry {item}", MARKERS[secret][0])


def api_documentation(walk: Walk) -> None:
    walk.get("/api/v2/openapi.json")
    walk.get("/api/v2/docs/")


def v3_preview(walk: Walk) -> None:
    walk.get("/api/v3-preview/pages/")
    for page in walk.world.pages:
        walk.get(f"/api/v3-preview/pages/{page.pk}/", {"version": "draft"})


def html_site(walk: Walk) -> None:
    for page in walk.world.pages:
        url = page.get_url()
        if url:
            walk.get(url)
    walk.get("/pl/relacje/", {"page": 2})
    walk.get("/")


def media_files(walk: Walk) -> None:
    for image in walk.world.images:
        walk.get(f"/media/{image.file.name}")
        for rendition in image.renditions.all():
            walk.get(f"/media/{rendition.file.name}")
    for document in walk.world.documents:
        walk.get(f"/media/{document.file.name}")
        walk.get(document.url)


def feeds(walk: Walk) -> None:
    for language in ("pl", "en"):
        for feed_format in ("atom", "json"):
            walk.get(f"/feeds/{language}/reports.{feed_format}")
            for page in walk.world.pages:
                walk.get(f"/feeds/{language}/projects/{page.pk}/reports.{feed_format}")
                walk.get(f"/feeds/{language}/programs/{page.pk}/reports.{feed_format}")


def webhook_payloads(walk: Walk) -> None:
    """What a webhook would carry about every page and person, whatever happened to them."""
    events = [("pages", page.pk, page.specific_class._meta.label, "page.updated") for page in walk.world.pages]
    events += [("people", person.pk, "projects.Person", "person.saved") for person in walk.world.people]
    for endpoint, object_id, object_type, event_type in events:
        event = {
            "id": "e",
            "type": event_type,
            "occurred_at": "",
            "endpoint": endpoint,
            "object_id": object_id,
            "object_type": object_type,
            "locale": "pl",
        }
        walk.text(
            f"webhook {event_type} of {endpoint} {object_id}", json.dumps(build_payload(event), ensure_ascii=False)
        )


def draft_preview_without_a_token(walk: Walk) -> None:
    walk.get("/api/preview/")
    walk.get("/api/preview/", {"token": "x"})
    for page in walk.world.pages:
        # Signed as a real token would be, for drafts that were never previewed.
        forged = signing.dumps({"d": str(page.pk), "p": page.pk}, salt=PREVIEW_SALT)
        walk.get("/api/preview/", {"token": forged})


def reports_widget(walk: Walk) -> None:
    walk.get("/partners/demo/")
    walk.get("/partners/demo/preview/")
    for language in ("pl", "en"):
        widget_listing = {
            "type": REPORT,
            "locale": language,
            "order": "-event_date",
            "limit": 20,
            "fields": "summary,hero_image,event_date,event_end_date,city,region,venue",
        }
        walk.get("/api/v2/pages/", widget_listing)


SURFACES = [
    Surface("API pages", api_pages, endpoints=("pages",)),
    Surface("API images and documents", api_media, endpoints=("images", "documents")),
    Surface("API people, organisations, offices", api_snippets, endpoints=("people", "organisations", "offices")),
    Surface("API change log", change_log, endpoints=("changes",)),
    Surface("OpenAPI document and docs", api_documentation),
    Surface("v3 preview without a token", v3_preview),
    Surface("HTML site", html_site),
    Surface("media and document files", media_files),
    Surface("feeds", feeds),
    Surface("webhook payloads", webhook_payloads),
    Surface("draft preview without a token", draft_preview_without_a_token),
    Surface("reports widget and demo partner pages", reports_widget),
]


def walk_as(visitor: Visitor, surface: Surface, world: World) -> Walk:
    client = Client()
    visitor.enter(client, world)
    walk = Walk(client, world)
    surface.walk(walk)
    return walk


def leaks_in(walk: Walk, visitor: Visitor) -> list[str]:
    return [
        f"{name} reached {visitor.name}: {label}"
        for label, text in walk.answers
        for name, strings in MARKERS.items()
        if name not in visitor.may_see and any(string in text for string in strings)
    ]


@pytest.mark.parametrize("surface", SURFACES, ids=lambda surface: surface.name)
def test_nothing_private_reaches_anyone_who_may_not_see_it(world, surface):
    leaks = []
    for visitor in VISITORS:
        walk = walk_as(visitor, surface, world)
        assert walk.answers, f"{surface.name} requested nothing"
        leaks += leaks_in(walk, visitor)

    assert leaks == []


def test_the_walk_reaches_what_each_visitor_may_see(world):
    """The markers are where the suite looks: those allowed to see a page find it, and the public report is shown."""
    for visitor in VISITORS:
        walk = walk_as(visitor, SURFACES[0], world)
        found = {name for name, strings in MARKERS.items() for _, text in walk.answers if strings[0] in text}
        assert found == visitor.may_see, visitor.name
        assert any("Jawna relacja" in text for _, text in walk.answers)


def test_every_api_endpoint_is_walked():
    """An endpoint registered in the router (projects/api/router.py) must be named by a surface that walks it."""
    registered = {path.rstrip("/").rsplit("/", 1)[-1] for path in api_listing_paths()}
    walked = {endpoint for surface in SURFACES for endpoint in surface.endpoints}

    assert {"pages", "images", "people", "changes"} <= registered
    assert registered - walked == set()
