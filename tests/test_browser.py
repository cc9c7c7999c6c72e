"""An editor's path through the real admin in headless Chromium: log in, write a report, save a draft."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from projects.models import EventReportPage

from .browser_admin import sign_in
from .factories import ProjectPageFactory

PARAGRAPH = "Spotkanie sieciujące organizacji senioralnych."

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_editor_writes_a_report_under_a_project_and_saves_a_draft(
    live_server, page, no_console_errors, site_tree, editor
):
    project = ProjectPageFactory(parent=site_tree.projects, slug="sniadania", title="Śniadania seniorów")

    sign_in(page, live_server.url)

    page.goto(live_server.url + reverse("wagtailadmin_pages:add", args=["projects", "eventreportpage", project.pk]))
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == ["Report", "Event", "People and organisations", "Source notes", "Promote"]

    page.fill("#id_title", "Śniadanie seniorskie w Biłgoraju")
    page.get_by_role("tab", name="Event").click()
    page.select_option("#id_event_kind", "networking")
    page.fill("#id_event_date", "2023-10-25")
    page.keyboard.press("Escape")
    page.fill("#id_city", "Biłgoraj")
    page.fill("#id_region", "powiat biłgorajski")

    page.get_by_role("tab", name="Report").click()
    body = page.locator("#panel-child-report-body-section")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor_box = body.locator("[contenteditable=true]").first
    editor_box.click()
    expect(editor_box).to_be_focused()
    editor_box.press_sequentially(PARAGRAPH)
    # Wait for the editor's own state to hold the text (what a save reads), not for the screen to show it, then save
    # at once, as a quick editor does: Draftail alone would copy the text into the form 250 ms later, too late.
    editor_input = body.locator(".Draftail-Editor__wrapper").first.locator("xpath=../input[@type='hidden']")
    page.wait_for_function(
        "([input, text]) => input.draftailEditor?.getEditorState().getCurrentContent().getPlainText() === text",
        arg=[editor_input.element_handle(), PARAGRAPH],
    )
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    report = EventReportPage.objects.get(title="Śniadanie seniorskie w Biłgoraju")
    assert report.get_parent().specific == project
    assert not report.live
    assert (str(report.event_date), report.city, report.event_kind) == ("2023-10-25", "Biłgoraj", "networking")
    assert [block.block_type for block in report.body] == ["paragraph"]
    assert PARAGRAPH in report.body[0].value.source
