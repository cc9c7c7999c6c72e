"""The embeddable reports widget on the demo partner page, in headless Chromium, and the page itself."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.staticfiles import finders
from playwright.sync_api import expect
from wagtail.models import Site

from .factories import EventReportPageFactory, ProjectPageFactory

WIDGET = "projects/widget/kronika-reports.js"


def test_the_widget_is_one_static_file_without_dependencies():
    source = open(finders.find(WIDGET), encoding="utf-8").read()

    assert "import " not in source and "require(" not in source
    assert "attachShadow" in source and "data-kronika-reports" in source
    assert "innerHTML" not in source, "the widget builds nodes, so API text can never become markup"


@pytest.mark.django_db
def test_the_demo_page_links_the_widget_and_the_feeds_with_no_inline_script(client, site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="sieciowanie")

    response = client.get("/partners/demo/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/projects/widget/kronika-reports.js" in page
    assert f'data-project="{project.pk}"' in page
    assert "/feeds/pl/reports.atom" in page and f"/feeds/en/projects/{project.pk}/reports.json" in page
    assert "<script>" not in page and "<style" not in page and " style=" not in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_page_shows_the_latest_reports_through_the_widget(live_server, page, site_tree):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = urlsplit(live_server.url).hostname, urlsplit(live_server.url).port
    site.save()
    project = ProjectPageFactory(parent=site_tree.projects, slug="sieciowanie", title="Sieciowanie")
    photo = wagtail_factories.ImageFactory(
        title="Sala", description="Uczestnicy przy stole", file__width=1600, file__height=1000
    )
    for day in range(5):
        EventReportPageFactory(
            parent=project,
            slug=f"relacja-{day}",
            title=f"Relacja {day}",
            event_date=datetime.date(2023, 10, 20 + day),
            city="Gniezno",
            hero_image=photo if day == 4 else None,
        )
    EventReportPageFactory(
        parent=project, slug="szkic", title="Szkic", live=False, event_date=datetime.date(2024, 1, 1)
    )
    # The test server serves static files, not uploads (DEBUG is off): the browser reads those from MEDIA_ROOT.
    page.route(
        "**/media/**",
        lambda route: route.fulfill(path=Path(settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1]),
    )
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/partners/demo/")

    widget = page.locator("#widget-pl")
    expect(widget).to_have_attribute("data-kronika-state", "ready")
    articles = widget.locator("article")
    assert articles.count() == 4
    titles = widget.get_by_role("heading", level=3).all_inner_texts()
    assert titles == ["Relacja 4", "Relacja 3", "Relacja 2", "Relacja 1"]
    first_link = widget.get_by_role("link", name="Relacja 4")
    assert first_link.get_attribute("href").endswith("/pl/projekty/sieciowanie/relacja-4/")
    assert "Gniezno" in widget.locator("article").first.inner_text()
    assert widget.locator("time").first.get_attribute("datetime") == "2023-10-24"
    # Keyboard users reach the reports' links.
    first_link.focus()
    assert page.evaluate("document.querySelector('#widget-pl').shadowRoot.activeElement.textContent") == "Relacja 4"
    # The host page's styles (dashed image borders, square bullets) stay outside.
    assert widget.locator("ul").evaluate("list => getComputedStyle(list).listStyleType") == "none"
    [image] = widget.locator("img").all()
    assert image.get_attribute("alt") == "Uczestnicy przy stole"
    assert "480w" in image.get_attribute("srcset") and "960w" in image.get_attribute("srcset")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.evaluate("img => getComputedStyle(img).borderStyle") == "none"
    assert errors == []
    first_link.click()
    page.wait_for_url("**/pl/projekty/sieciowanie/relacja-4/")
    assert page.get_by_role("heading", name="Relacja 4").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_widget_falls_back_to_its_link_when_the_api_fails(live_server, page, site_tree):
    page.route("**/api/v2/pages/**", lambda route: route.fulfill(status=503, body="{}"))

    page.goto(live_server.url + "/partners/demo/")

    expect(page.locator("#widget-pl")).to_have_attribute("data-kronika-state", "failed")
    fallback = page.locator("#widget-pl").get_by_role("link", name="Relacje z wydarzeń na stronie Kroniki")
    assert fallback.is_visible()
