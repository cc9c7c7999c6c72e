"""The dashboard: the editor's drafts, the latest published reports and translation coverage per language."""

import pytest
from django.urls import reverse

from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_my_drafts_the_latest_reports_and_what_translators_are_missing(
    admin_client, admin_user, site_tree, english
):
    project = ProjectPageFactory(parent=site_tree.projects, title="Zefirra")
    published = EventReportPageFactory(parent=project, title="Sesja w Gnieźnie", city="Gniezno")
    draft = EventReportPageFactory(parent=project, title="Szkic relacji", live=False)
    draft.save_revision(user=admin_user)
    someone_elses = EventReportPageFactory(parent=project, title="Cudzy szkic", live=False)
    someone_elses.save_revision()

    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    drafts = html.split('id="kronika-my-drafts-section"')[1].split('id="kronika-latest-reports-section"')[0]
    assert "Szkic relacji" in drafts and "Cudzy szkic" not in drafts
    latest = html.split('id="kronika-latest-reports-section"')[1].split('id="kronika-translation-coverage-section"')[0]
    assert published.title in latest and "Gniezno" in latest and "Szkic relacji" not in latest
    coverage = html.split('id="kronika-translation-coverage-section"')[1]
    missing_link = reverse("kronika_translation_status") + "?locale=en&amp;status=missing"
    assert "English" in coverage and missing_link in coverage
