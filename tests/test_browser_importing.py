"""An editor imports two old reports in the real admin: upload, preview with warnings, confirm, open the drafts."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import EventReportPage

from .browser_admin import sign_in
from .factories import ProjectPageFactory
from .test_importing import GNIEZNO, TEXT_REPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_editor_imports_two_reports_through_a_preview(live_server, page, site_tree, editor):
    project = ProjectPageFactory(parent=site_tree.projects, slug="woes", title="WOES")

    sign_in(page, live_server.url)

    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Import reports").click()
    page.wait_for_url(re.compile(r"/admin/reports/import/$"))
    page.select_option("#id_parent", str(project.pk))
    page.set_input_files(
        "#id_files",
        [
            {"name": "szkolenie.txt", "mimeType": "text/plain", "buffer": TEXT_REPORT.encode("cp1250")},
            {"name": GNIEZNO.name, "mimeType": "text/plain", "buffer": GNIEZNO.read_bytes()},
        ],
    )
    page.get_by_role("button", name="Preview").click()

    files = page.locator("section.kronika-import-file")
    expect(files).to_have_count(2)
    expect(files.nth(0).get_by_role("heading", level=2)).to_have_text("szkolenie.txt")
    expect(files.nth(0)).to_contain_text("Read as Windows-1250")
    expect(files.nth(1)).to_contain_text("Sesja dialogowa w Gnieźnie – relacja")
    expect(files.nth(1).locator(".kronika-import-warnings")).to_contain_text("looks like a photo caption")
    assert EventReportPage.objects.count() == 0

    page.get_by_role("button", name="Create the drafts").click()
    expect(page.get_by_role("heading", name="2 drafts created")).to_be_visible()
    assert sorted(EventReportPage.objects.values_list("title", "live")) == [
        ("Sesja dialogowa w Gnieźnie – relacja", False),
        ("Szkolenie dla wolontariuszy w Gnieźnie", False),
    ]

    page.get_by_role("link", name="Sesja dialogowa w Gnieźnie – relacja").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator("#id_title")).to_have_value("Sesja dialogowa w Gnieźnie – relacja")
    # The draft keeps its notes in Polish, the language of its content.
    warnings = page.locator("section", has=page.get_by_text("Check before publishing")).first
    expect(warnings).to_contain_text("wygląda na podpis zdjęcia")
    page.get_by_role("tab", name="Source notes").click()
    notes = page.locator("[name^='source_notes-'][name$='-note']").evaluate_all("fields => fields.map(f => f.value)")
    assert any("wygląda na podpis zdjęcia" in note for note in notes), notes
