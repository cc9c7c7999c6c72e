"""The dashboard: the editor's drafts, the latest published reports and translation coverage per language."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from projects.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

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


def test_failed_webhook_deliveries_show_on_the_dashboard_of_those_who_may_see_the_log(
    admin_client, client, django_user_model, site_tree
):
    partner = WebhookSubscription.objects.create(
        name="Portal partnera", target_url="https://partner.example.org/hook", events=["page.published"]
    )
    failed = WebhookDelivery.objects.create(
        subscription=partner,
        event_type="page.published",
        payload={},
        status=DeliveryStatus.FAILED,
        response_code=502,
        last_error="Bad Gateway",
    )
    WebhookDelivery.objects.create(
        subscription=partner, event_type="page.unpublished", payload={}, status=DeliveryStatus.SUCCEEDED
    )

    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    panel = html.split('id="kronika-webhook-failures-section"')[1].split("</section>")[0]
    assert "Portal partnera" in panel and "https://partner.example.org/hook" in panel
    assert "page.published" in panel and "HTTP 502: Bad Gateway" in panel and "page.unpublished" not in panel
    assert reverse("kronika_webhook_deliveries:inspect", args=[failed.pk]) in panel
    editor = django_user_model.objects.create_user("redaktor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "kronika-webhook-failures" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_no_webhook_panel_when_nothing_failed(admin_client, site_tree):
    assert "kronika-webhook-failures" not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
