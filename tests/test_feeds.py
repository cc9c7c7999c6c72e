"""Atom and JSON Feed 1.1 of event reports: valid, discoverable, cached like the API, and only what is public."""

import datetime

import feedparser
import pytest
from wagtail.models import Locale, PageViewRestriction

from projects.models import ProjectFunding

from .factories import EventReportPageFactory, FundingProgramPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(site_tree):
    """A program funding one of two projects; public reports, a draft, a restricted one and one of another project."""
    program = FundingProgramPageFactory(parent=site_tree.programs, title="Aktywni+", slug="aktywni")
    project = ProjectPageFactory(parent=site_tree.projects, title="Sieciowanie", slug="sieciowanie")
    other_project = ProjectPageFactory(parent=site_tree.projects, title="Inny", slug="inny")
    ProjectFunding.objects.create(page=project, program=program, currency="PLN")
    older = EventReportPageFactory(
        parent=project,
        slug="starsza",
        title="Sesja w Gnieźnie",
        summary="Spotkanie <b>partnerów</b> & gości",
        event_date=datetime.date(2016, 2, 26),
        city="Gniezno",
        region="powiat gnieźnieński",
        venue="Urząd Miasta",
    )
    newer = EventReportPageFactory(
        parent=project, slug="nowsza", title="Warsztaty", event_date=datetime.date(2023, 10, 25)
    )
    other = EventReportPageFactory(
        parent=other_project, slug="inna", title="Inna relacja", event_date=datetime.date(2010, 5, 1)
    )
    draft = EventReportPageFactory(parent=project, slug="szkic", title="Szkic relacji", live=False)
    restricted = EventReportPageFactory(parent=project, slug="ukryta", title="Ukryta relacja")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    older.save_revision().publish()
    return {
        "program": program,
        "project": project,
        "older": older,
        "newer": newer,
        "other": other,
        "draft": draft,
        "restricted": restricted,
    }


def _atom(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_atom_feed_of_a_language_parses_without_errors_and_lists_public_reports_newest_first(client, reports):
    parsed = _atom(client, "/feeds/pl/reports.atom")

    assert [entry.title for entry in parsed.entries] == ["Warsztaty", "Sesja w Gnieźnie", "Inna relacja"]
    assert parsed.feed.language == "pl"
    entry = parsed.entries[1]
    assert entry.link == "http://localhost/pl/projekty/sieciowanie/starsza/"
    assert "Urząd Miasta, Gniezno, powiat gnieźnieński" in entry.content[0].value
    assert "Spotkanie &lt;b&gt;partnerów&lt;/b&gt; &amp; gości" in entry.content[0].value
    assert entry.id.endswith(f"/api/v2/pages/{reports['older'].pk}/")


def test_the_json_feed_has_version_1_1_and_its_required_fields(client, reports):
    response = client.get("/feeds/pl/reports.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"] == "http://testserver/feeds/pl/reports.json"
    assert [item["title"] for item in feed["items"]] == ["Warsztaty", "Sesja w Gnieźnie", "Inna relacja"]
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith("http") and item["content_html"]
    older = feed["items"][1]
    assert older["summary"] == "Spotkanie <b>partnerów</b> & gości"
    assert older["_kronika"]["event_date"] == "2016-02-26"
    assert older["_kronika"]["place"] == "Urząd Miasta, Gniezno, powiat gnieźnieński"
    assert older["date_published"]


@pytest.mark.parametrize("feed_format", ["atom", "json"])
def test_project_and_program_feeds_list_only_their_reports(client, reports, feed_format):
    project = client.get(f"/feeds/pl/projects/{reports['project'].pk}/reports.{feed_format}")
    program = client.get(f"/feeds/pl/programs/{reports['program'].pk}/reports.{feed_format}")

    for response in (project, program):
        assert response.status_code == 200
        body = response.content.decode()
        assert "Warsztaty" in body and "Sesja w Gnieźnie" in body
        assert "Inna relacja" not in body


def test_feeds_never_show_drafts_or_restricted_reports(client, reports):
    for path in (
        "/feeds/pl/reports.atom",
        "/feeds/pl/reports.json",
        f"/feeds/pl/projects/{reports['project'].pk}/reports.atom",
        f"/feeds/pl/programs/{reports['program'].pk}/reports.json",
    ):
        body = client.get(path).content.decode()
        assert "Szkic relacji" not in body and "Ukryta relacja" not in body
        assert "/szkic/" not in body and "/ukryta/" not in body


def test_a_logged_in_editor_gets_the_public_feed_too(admin_client, reports):
    body = admin_client.get("/feeds/pl/reports.json").content.decode()

    assert "Ukryta relacja" not in body and "Szkic relacji" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/xx/reports.atom",
        "/feeds/pl/projects/999999/reports.json",
        "/feeds/pl/reports.rss",
    ],
)
def test_an_unknown_feed_is_a_404(client, reports, path):
    assert client.get(path).status_code == 404


def test_a_feed_of_a_report_or_a_hidden_project_is_a_404(client, reports):
    assert client.get(f"/feeds/pl/projects/{reports['older'].pk}/reports.atom").status_code == 404
    reports["project"].unpublish()
    assert client.get(f"/feeds/pl/projects/{reports['project'].pk}/reports.atom").status_code == 404
    assert client.get(f"/feeds/pl/programs/{reports['project'].pk}/reports.json").status_code == 404


def test_an_english_feed_lists_english_reports_only(client, reports):
    english = Locale.objects.get(language_code="en")
    reports["project"].get_parent().get_parent().copy_for_translation(english).save_revision().publish()
    translation = reports["older"].copy_for_translation(english, copy_parents=True)
    translation.title = "Session in Gniezno"
    translation.save_revision().publish()

    feed = client.get("/feeds/en/reports.json").json()
    project_feed = client.get(f"/feeds/en/projects/{reports['project'].pk}/reports.json").json()

    assert [item["title"] for item in feed["items"]] == ["Session in Gniezno"]
    assert feed["language"] == "en" and feed["items"][0]["language"] == "en"
    assert [item["title"] for item in project_feed["items"]] == ["Session in Gniezno"]


def test_feeds_carry_etags_answer_304_and_are_invalidated_on_publish(client, reports):
    first = client.get("/feeds/pl/reports.atom")
    assert first["ETag"] and first["Last-Modified"] and "s-maxage" in first["Cache-Control"]
    assert client.get("/feeds/pl/reports.atom", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/feeds/pl/reports.atom")["X-Kronika-Cache"] == "hit"

    reports["draft"].save_revision().publish()

    after = client.get("/feeds/pl/reports.atom")
    assert after["X-Kronika-Cache"] == "miss"
    assert "Szkic relacji" in after.content.decode()
    assert client.get("/feeds/pl/reports.atom", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_public_pages_announce_their_feeds(client, reports):
    project_page = client.get("/pl/projekty/sieciowanie/").content.decode()
    report_page = client.get("/pl/projekty/sieciowanie/starsza/").content.decode()
    program_page = client.get("/pl/programy/aktywni/").content.decode()

    project_id, program_id = reports["project"].pk, reports["program"].pk
    assert '<link rel="alternate" type="application/atom+xml" href="http://testserver/feeds/pl/reports.atom">' in (
        project_page
    )
    assert f'type="application/feed+json" href="http://testserver/feeds/pl/projects/{project_id}/reports.json"' in (
        project_page
    )
    assert f"/feeds/pl/projects/{project_id}/reports.atom" in report_page
    assert f"/feeds/pl/programs/{program_id}/reports.atom" in program_page
