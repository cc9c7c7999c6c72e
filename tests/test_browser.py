"""An editor's path through the real admin in headless Chromium: log in, write a report, save a draft."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from projects.models import EventReportPage

from .factories import ProjectPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_superuser("redaktorka", "redaktorka@example.org", "haslo-testowe-1")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_an_editor_writes_a_report_under_a_project_and_saves_a_draft(
    live_server, page, no_console_errors, site_tree, editor
):
    project = ProjectPageFactory(parent=site_tree.projects, slug="sniadania", title="Śniadania seniorów")

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", "redaktorka")
    page.fill("#id_password", "haslo-testowe-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(live_server.url + reverse("wagtailadmin_pages:add", args=["projects", "eventreportpage", project.pk]))
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == ["Report", "Event", "People and organisations", "Source notes", "Promote"]

    page.fill("#id_title", "Śniadanie seniorskie w Biłgoraju")
    body = page.locator("#panel-child-report-body-section")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor_box = body.locator("[contenteditable=true]").first
    editor_box.click()
    # Draftail mounts its editor after the block is inserted: type once it has the focus, and check it took.
    expect(editor_box).to_be_focused()
    editor_box.press_sequentially("Spotkanie sieciujące organizacji senioralnych.")
    expect(editor_box).to_contain_text("Spotkanie sieciujące organizacji senioralnych.")

    page.get_by_role("tab", name="Event").click()
    page.select_option("#id_event_kind", "networking")
    page.fill("#id_event_date", "2023-10-25")
    page.keyboard.press("Escape")
    page.fill("#id_city", "Biłgoraj")
    page.fill("#id_region", "powiat biłgorajski")

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    report = EventReportPage.objects.get(title="Śniadanie seniorskie w Biłgoraju")
    assert report.get_parent().specific == project
    assert not report.live
    assert (str(report.event_date), report.city, report.event_kind) == ("2023-10-25", "Biłgoraj", "networking")
    assert [block.block_type for block in report.body] == ["paragraph"]
    assert "Spotkanie sieciujące organizacji senioralnych." in report.body[0].value.source
