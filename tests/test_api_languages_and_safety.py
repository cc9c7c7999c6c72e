import pytest
from wagtail.models import Locale, PageViewRestriction

from .api_fixtures import build_reports
from .factories import EventReportPageFactory, PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def _publish_translation(page, locale):
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def english(site_tree):
    """An English site tree; one of two reports translated."""
    locale = Locale.objects.get_or_create(language_code="en")[0]
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    translated = EventReportPageFactory(parent=project, slug="przetlumaczona", title="Przetłumaczona")
    untranslated = EventReportPageFactory(parent=project, slug="tylko-po-polsku", title="Tylko po polsku")
    _publish_translation(site_tree.home, locale)
    english = _publish_translation(translated, locale)
    english.title = "Translated"
    english.save_revision().publish()
    return {"locale": locale, "translated": translated, "untranslated": untranslated, "english": english}


def _items(client, **params) -> list[dict]:
    response = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", **params})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_locale_without_fallback_is_wagtails(client, english):
    assert [item["title"] for item in _items(client, locale="en")] == ["Translated"]


def test_fallback_serves_the_source_for_missing_translations_and_flags_it(client, english):
    items = {item["title"]: item["meta"] for item in _items(client, locale="en", fallback="true")}

    assert set(items) == {"Translated", "Tylko po polsku"}
    assert items["Tylko po polsku"]["locale"] == "pl"
    assert items["Tylko po polsku"]["fallback"] is True
    assert items["Tylko po polsku"]["requested_locale"] == "en"
    assert items["Translated"]["fallback"] is False


def test_every_item_lists_its_live_translations(client, english):
    polish = client.get(f"/api/v2/pages/{english['translated'].pk}/").json()
    listing = {item["id"]: item["meta"] for item in _items(client)}

    assert polish["meta"]["alternates"] == {
        "en": {"id": english["english"].pk, "html_url": english["english"].full_url}
    }
    assert listing[english["english"].pk]["alternates"]["pl"]["id"] == english["translated"].pk
    assert listing[english["untranslated"].pk]["alternates"] == {}
    assert "translation_status" in polish["meta"]


def test_find_works_with_locale_prefixed_paths(client, english):
    path = english["english"].url

    response = client.get("/api/v2/pages/find/", {"html_path": path})

    assert path.startswith("/en/")
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith(f"/api/v2/pages/{english['english'].pk}/")


@pytest.fixture
def hidden(site_tree):
    """A live report, a draft, an unpublished one, and reports under a view restriction (on an ancestor too)."""
    project = ProjectPageFactory(parent=site_tree.projects, slug="widoczny")
    EventReportPageFactory(parent=project, slug="widoczna", title="Widoczna relacja", city="Gniezno")
    EventReportPageFactory(parent=project, slug="szkic", title="Szkic UKRYTE", live=False, city="Gniezno")
    unpublished = EventReportPageFactory(parent=project, slug="wycofana", title="Wycofana UKRYTE", city="Gniezno")
    unpublished.unpublish()
    private = EventReportPageFactory(parent=project, slug="prywatna", title="Prywatna UKRYTE", city="Gniezno")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    restricted_project = ProjectPageFactory(parent=site_tree.projects, slug="zamkniety", title="Zamknięty UKRYTE")
    below = EventReportPageFactory(parent=restricted_project, slug="pod", title="Pod UKRYTE", city="Gniezno")
    PageViewRestriction.objects.create(page=restricted_project, restriction_type="login")
    return {"project": project, "private": private, "below": below, "unpublished": unpublished}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": "projects.EventReportPage", "fields": "*"},
        {"type": "projects.EventReportPage", "city": "gniezno"},
        {"type": "projects.EventReportPage", "event_date_from": "2000-01-01"},
        {"search": "ukryte"},
        {"search": "relacja"},
        {"locale": "pl", "fallback": "true"},
    ],
)
def test_hidden_pages_never_appear_in_listings(client, hidden, params):
    response = client.get("/api/v2/pages/", {**params, "limit": 100})

    assert response.status_code == 200
    assert "UKRYTE" not in response.content.decode()


def test_hidden_pages_have_no_detail_and_cannot_be_found(client, hidden):
    for page in (hidden["private"], hidden["below"], hidden["unpublished"]):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert client.get("/api/v2/pages/find/", {"html_path": page.url_path}).status_code == 404
    assert client.get("/api/v2/pages/find/", {"html_path": "/pl/projekty/zamkniety/pod/"}).status_code == 404


def test_a_restricted_project_is_not_inlined_in_its_reports(client, hidden):
    response = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "project": hidden["project"].pk})

    assert response.status_code == 200
    restricted = client.get(
        "/api/v2/pages/", {"type": "projects.EventReportPage", "project": hidden["below"].get_parent().pk}
    )
    assert restricted.status_code == 400


def test_a_person_made_non_public_disappears_from_blocks_and_endpoints(client, site_tree):
    report = build_reports(site_tree, 1)[0]
    from projects.models import Person

    Person.objects.filter(name__in=["Anna Giżycka", "Jarosław Wypyszyński"]).update(is_public=False)
    PersonFactory(name="Inna")

    detail = client.get(f"/api/v2/pages/{report.pk}/").content.decode()
    people = client.get("/api/v2/people/").content.decode()
    listing = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "fields": "*"}).content.decode()

    for text in (detail, people, listing):
        assert "Giżycka" not in text and "Wypyszyński" not in text
    assert "Inna" in people
