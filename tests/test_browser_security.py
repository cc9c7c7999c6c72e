"""The site, the API docs and the admin's lockout page in headless Chromium, under the Content-Security-Policy:
each must show what it should with no console error and no policy violation (``no_console_errors``)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_visitor_reads_the_site_and_the_api_docs_under_the_policy(live_server, page, no_console_errors, site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="sniadania", title="Śniadania seniorów")
    report = EventReportPageFactory(parent=project, slug="bilgoraj", title="Śniadanie w Biłgoraju", city="Biłgoraj")

    page.goto(live_server.url + report.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Śniadanie w Biłgoraju")
    # The inline stylesheet ran (it carries the nonce): the body is centred in a column.
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"

    page.goto(live_server.url + project.url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(live_server.url + "/api/v2/docs/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"


def test_a_locked_out_editor_sees_why_in_the_admin(live_server, page, no_console_errors, django_user_model, settings):
    django_user_model.objects.create_superuser("redaktorka", "redaktorka@example.org", "haslo-testowe-1")
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "redaktorka")
        page.fill("#id_password", f"zle-haslo-{attempt}")
        page.get_by_role("button", name=re.compile("Sign in|Zaloguj")).click()
        page.wait_for_load_state()
        if page.get_by_role("heading", name="Too many failed sign-ins").count():
            break
    expect(page.get_by_role("heading", name="Too many failed sign-ins")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("paused for 15 minutes")
    page.get_by_role("link", name="Back to sign in").click()
    page.wait_for_url(re.compile(r"/admin/login/"))
