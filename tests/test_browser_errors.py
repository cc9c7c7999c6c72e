"""Errors an editor must be able to find: each tab's badge counts the errors inside it, blocks and rows too."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from projects.models import ReportParticipant

from .browser_admin import sign_in
from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

UNATTRIBUTED_QUOTE = ("quote", {"text": "Było warto.", "person": None, "attribution": "", "role": ""})
EMPTY_CONTACT_LINE = ("contact_line", {"label": "Zapisy", "phone": "", "email": ""})


def test_each_tab_counts_the_errors_of_its_blocks_and_rows(live_server, page, no_console_errors, site_tree, editor):
    project = ProjectPageFactory(parent=site_tree.projects)
    report = EventReportPageFactory(
        parent=project, body=[UNATTRIBUTED_QUOTE], contacts=[EMPTY_CONTACT_LINE, EMPTY_CONTACT_LINE, EMPTY_CONTACT_LINE]
    )
    ReportParticipant.objects.create(page=report, locale=report.locale, name="")

    sign_in(page, live_server.url)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[report.pk]))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Say who is quoted: choose a person or type a name.")).to_have_count(1)

    badge = "#tab-label-{} [data-w-count-target=total]"
    # The Report tab: the quote without a speaker. People: three contact lines without a phone or an e-mail, and
    # a participant with neither an organisation nor a name.
    expect(page.locator(badge.format("report"))).to_have_text("1")
    expect(page.locator(badge.format("people"))).to_have_text("4")
    expect(page.locator(badge.format("event"))).to_have_text("")
