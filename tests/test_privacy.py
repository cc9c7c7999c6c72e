"""The public rule (projects.visibility) and the answers that depend on who asks: one regression test per leak.

The walk over every public surface is tests/test_leaks.py; these pin each cause on its own.
"""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from projects.api_shapes.representations import public_person
from projects.models import Person, ProjectCoordinator
from projects.renditions import generate_responsive_renditions

from .api_fixtures import build_reports
from .factories import EventReportPageFactory, PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/?fields=title"


def enter_password(client: Client, restriction: PageViewRestriction, password: str) -> None:
    """Submit Wagtail's password form for a restricted page, as a visitor would."""
    with translation.override("pl"):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, restriction.page_id])
    response = client.post(url, {"password": password, "return_url": "/"})
    assert response.status_code == 302, response.content


def unlock_collection(client: Client, restriction: CollectionViewRestriction) -> None:
    """Mark a collection's password as entered in the client's session, as Wagtail's password form does."""
    session = client.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()


@pytest.fixture
def protected_project(site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="chroniony", title="Projekt pod hasłem")
    EventReportPageFactory(parent=project, slug="relacja", title="Relacja pod hasłem")
    restriction = PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    return restriction


def titles(response) -> set[str]:
    return {item["title"] for item in response.json()["items"]}


def test_a_password_holders_answer_is_private_and_never_reaches_anonymous_clients(client, protected_project):
    holder = Client()
    enter_password(holder, protected_project, "tajne")

    unlocked = holder.get(PAGES)
    anonymous = client.get(PAGES)

    assert {"Projekt pod hasłem", "Relacja pod hasłem"} <= titles(unlocked)
    assert unlocked["Cache-Control"] == "private, no-store"
    assert "X-Kronika-Cache" not in unlocked
    assert titles(anonymous).isdisjoint({"Projekt pod hasłem", "Relacja pod hasłem"})
    assert anonymous["Cache-Control"].startswith("public")


def test_an_anonymous_answer_is_shared_even_when_a_password_holder_asked_first(client, protected_project):
    holder = Client()
    enter_password(holder, protected_project, "tajne")
    holder.get(PAGES)

    first = client.get(PAGES)
    second = client.get(PAGES)

    assert first["X-Kronika-Cache"] == "miss"
    assert second["X-Kronika-Cache"] == "hit"
    assert titles(second) == titles(first)


def page_html(client: Client, page) -> str:
    response = client.get(page.get_url())
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_hidden_person_is_named_neither_on_the_report_page_nor_in_its_quote(client, site_tree):
    report = build_reports(site_tree, 1)[0]
    Person.objects.filter(name__in=["Anna Giżycka", "Jarosław Wypyszyński"]).update(is_public=False)

    html = page_html(client, report)
    api = client.get(f"/api/v2/pages/{report.pk}/").content.decode()

    for text in (html, api):
        assert "Giżycka" not in text
        assert "Wypyszyński" not in text
        assert "Koordynatorka projektu" not in text
    assert "Sieciowanie to współpraca." in html


def test_a_hidden_coordinator_is_not_named_on_the_project_page(client, site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="koordynowany")
    ProjectCoordinator.objects.create(page=project, person=PersonFactory(name="Ukryta Koordynatorka", is_public=False))
    ProjectCoordinator.objects.create(page=project, name="Jan Jawny")

    html = page_html(client, project)

    assert "Ukryta Koordynatorka" not in html
    assert "Jan Jawny" in html


# What decides which facts of a person are public is read in projects/visibility.py only.
PERSON_PRIVACY_READS = re.compile(r"\.(is_public|show_email|show_phone)\b|\b(is_public|show_email|show_phone)=True")


def test_the_public_rule_for_people_is_written_once():
    root = Path(__file__).resolve().parent.parent
    sources = [
        *root.glob("projects/**/*.py"),
        *root.glob("projects/templates/**/*.html"),
        *root.glob("templates/**/*.html"),
    ]
    readers = sorted(
        str(path.relative_to(root))
        for path in sources
        if "migrations" not in path.parts
        and path.name != "visibility.py"
        and PERSON_PRIVACY_READS.search(path.read_text())
    )

    assert readers == []


@pytest.mark.parametrize(
    ("is_public", "show_email", "show_phone"),
    [(True, True, True), (True, False, True), (True, True, False), (False, True, True)],
)
def test_the_site_and_the_api_show_the_same_contact_details(client, is_public, show_email, show_phone):
    person = PersonFactory(
        is_public=is_public, show_email=show_email, show_phone=show_phone, email="jan@example.org", phone="61 887 11 66"
    )

    api = public_person(person)

    expected_email = "jan@example.org" if is_public and show_email else ""
    assert ((api or {}).get("email") or "") == person.public_email == expected_email
    assert ((api or {}).get("phone") or {}).get("display", "") == person.public_phone


@pytest.fixture
def private_collection(db) -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Tylko dla zespołu")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="zespol"
    )
    return collection


@pytest.fixture
def private_image(private_collection):
    image = wagtail_factories.ImageFactory(title="Zdjęcie zespołu", collection=private_collection)
    generate_responsive_renditions.enqueue(image.pk)
    return image


@pytest.fixture
def public_image(db):
    image = wagtail_factories.ImageFactory(title="Zdjęcie jawne")
    generate_responsive_renditions.enqueue(image.pk)
    return image


@pytest.fixture
def report_with_private_image(site_tree, private_image, public_image):
    project = ProjectPageFactory(parent=site_tree.projects, slug="z-obrazem")
    report = EventReportPageFactory(
        parent=project,
        slug="relacja-z-obrazem",
        hero_image=private_image,
        body=[
            {"type": "image", "value": {"image": private_image.pk, "alt_text": "", "caption": "Tajne", "credit": ""}},
            {
                "type": "gallery",
                "value": {
                    "title": "Galeria",
                    "images": [
                        {"image": image.pk, "alt_text": "", "caption": "", "credit": ""}
                        for image in (private_image, public_image)
                    ],
                },
            },
        ],
    )
    report.save_revision().publish()
    return report


def _files_of(image) -> list[str]:
    return [image.file.name, *(rendition.file.name for rendition in image.renditions.all())]


def test_a_private_image_on_a_public_page_leaves_no_trace_in_the_api(client, report_with_private_image, private_image):
    for params in ({}, {"fields": "*"}):
        detail = client.get(f"/api/v2/pages/{report_with_private_image.pk}/", params)
        listing = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "fields": "*"})
        for response in (detail, listing):
            text = response.content.decode()
            assert "Zdjęcie zespołu" not in text
            assert all(name.rsplit("/", 1)[-1] not in text for name in _files_of(private_image))
    body = detail.json()
    assert body["hero_image"] is None
    assert [block["value"] for block in body["body"] if block["type"] == "image"] == [None]
    gallery = next(block["value"] for block in body["body"] if block["type"] == "gallery")
    assert [image["title"] for image in gallery["images"]] == ["Zdjęcie jawne"]


def test_a_private_image_on_a_public_page_leaves_no_trace_on_the_site(client, report_with_private_image, private_image):
    html = page_html(client, report_with_private_image)

    assert "Zdjęcie jawne" in html or "<img" in html
    assert "Tajne" not in html
    for name in _files_of(private_image):
        assert name.rsplit("/", 1)[-1].split(".")[0] not in html


def test_a_snapshot_forgets_an_image_whose_collection_becomes_private(
    client, site_tree, public_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = EventReportPageFactory(parent=site_tree.reports, slug="jawna", hero_image=public_image)
        report.save_revision().publish()
    assert client.get(f"/api/v2/pages/{report.pk}/").json()["hero_image"]["title"] == "Zdjęcie jawne"

    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=public_image.collection, restriction_type=CollectionViewRestriction.LOGIN
        )

    assert client.get(f"/api/v2/pages/{report.pk}/").json()["hero_image"] is None


def test_the_images_endpoint_shows_private_images_to_nobody(client, private_image, public_image):
    holder = Client()
    unlock_collection(holder, CollectionViewRestriction.objects.get())

    for visitor in (client, holder):
        listing = visitor.get("/api/v2/images/").json()
        assert [item["title"] for item in listing["items"]] == ["Zdjęcie jawne"]
        assert visitor.get(f"/api/v2/images/{private_image.pk}/").status_code == 404


def test_private_image_files_reach_only_those_who_may_see_them(admin_client, private_image, public_image):
    client = Client()
    holder = Client()
    unlock_collection(holder, CollectionViewRestriction.objects.get())

    for name in _files_of(private_image):
        url = f"/media/{name}"
        assert Client().get(url).status_code == 404, url
        unlocked = holder.get(url)
        assert unlocked.status_code == 200, url
        assert "private" in unlocked["Cache-Control"]
        assert admin_client.get(url).status_code == 200, url
    for name in _files_of(public_image):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]
    assert client.get("/media/original_images/../../etc/passwd").status_code == 404
    assert client.get("/media/original_images/nie-ma.jpg").status_code == 404


@pytest.fixture
def private_document(private_collection):
    return wagtail_factories.DocumentFactory(title="Umowa zespołu", collection=private_collection)


def test_private_documents_are_read_only_through_the_serve_view_that_checks_them(client, private_document):
    assert client.get(f"/media/{private_document.file.name}").status_code == 404
    assert private_document.url == reverse("wagtaildocs_serve", args=[private_document.pk, private_document.filename])
    # Wagtail answers with the collection's password form, never the file.
    response = client.get(private_document.url)
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    assert client.get("/api/v2/documents/").json()["items"] == []


def test_a_link_to_a_private_document_keeps_its_text_and_loses_its_href(client, site_tree, private_document):
    public_document = wagtail_factories.DocumentFactory(title="Regulamin")
    paragraph = (
        f'<p><a linktype="document" id="{private_document.pk}">umowa</a> i '
        f'<a linktype="document" id="{public_document.pk}">regulamin</a></p>'
    )
    report = EventReportPageFactory(
        parent=site_tree.reports, slug="z-dokumentem", body=[{"type": "paragraph", "value": paragraph}]
    )
    report.save_revision().publish()

    html = page_html(client, report)
    api = client.get(f"/api/v2/pages/{report.pk}/").content.decode()

    for text in (html, api):
        assert private_document.filename not in text
        assert f"/documents/{private_document.pk}/" not in text
        assert "umowa" in text
        assert public_document.url in text


def test_the_editor_is_told_which_photos_the_public_will_not_see(report_with_private_image, public_image):
    with translation.override("en"):
        warnings = report_with_private_image.editor_warnings()

    assert "1 photo of this page is in a private collection: the website and the API leave it out." in warnings
    report_with_private_image.hero_image = public_image
    report_with_private_image.body = []
    assert not any("private collection" in warning for warning in report_with_private_image.editor_warnings())
