"""Headless preview: a draft read by a partner's front end with a short-lived single-page token, and the
site's own templates as the preview when no target is configured."""

import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core import signing
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Site

from projects.models import PreviewDraft, PreviewTarget
from projects.models.preview import validate_url_template
from projects.models.preview_tokens import SALT

from .api_fixtures import build_reports
from .factories import (
    EventReportPageFactory,
    FundingProgramPageFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(site_tree):
    return PreviewTarget.objects.create(
        site=Site.objects.get(is_default_site=True),
        name="Partner",
        url_template="https://partner.example.org/preview/{type}/{page_id}?token={token}&api={api_url}",
    )


@pytest.fixture
def report(site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="sieciowanie")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Opublikowany tytuł", summary="Stare")
    report.save_revision().publish()
    return report


def preview_redirect(page, admin_user, mode: str) -> str:
    request = RequestFactory().get("/admin/preview/", HTTP_HOST="localhost")
    request.user = admin_user
    response = page.serve_preview(request, mode)
    assert response.status_code == 302
    return response["Location"]


def token_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["token"][0]


def test_a_target_adds_a_preview_mode_and_the_site_templates_stay_the_default(report, target):
    report.refresh_from_db()

    assert report.default_preview_mode == ""
    assert report.preview_modes[-1] == (f"target-{target.pk}", "Partner")


def test_without_a_target_only_the_site_templates_preview(report):
    assert [mode for mode, _label in report.preview_modes] == [""]


def test_the_front_end_reads_the_draft_in_the_shape_of_the_public_detail(client, report, target, admin_user):
    draft = report.get_latest_revision_as_object()
    draft.title = "Tytuł w szkicu"
    draft.summary = "Nowe podsumowanie"

    location = preview_redirect(draft, admin_user, target.mode_name)

    assert location.startswith(f"https://partner.example.org/preview/projects.EventReportPage/{report.pk}?token=")
    api_url = unquote(parse_qs(urlsplit(location).query)["api"][0])
    preview = client.get(api_url)
    assert preview.status_code == 200 and preview["Cache-Control"] == "private, no-store"
    body = preview.json()
    public = client.get(f"/api/v2/pages/{report.pk}/", {"fields": "*"}, HTTP_HOST="localhost").json()
    assert body.keys() == public.keys() and body["meta"].keys() == public["meta"].keys()
    assert (body["title"], body["summary"]) == ("Tytuł w szkicu", "Nowe podsumowanie")
    assert public["title"] == "Opublikowany tytuł"


def test_a_new_draft_never_published_can_be_previewed(client, report, target, admin_user):
    draft = EventReportPageFactory(parent=report.get_parent(), slug="szkic", title="Szkic", live=False)

    token = token_of(preview_redirect(draft, admin_user, target.mode_name))

    assert client.get(reverse("kronika-preview"), {"token": token}).json()["title"] == "Szkic"
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_a_draft_shows_only_what_the_public_api_would(client, site_tree, target, admin_user):
    [report] = build_reports(site_tree, 1)
    hidden = PersonFactory(name="Jan Ukryty", is_public=False, email="ukryty@example.org")
    report.body = [*report.body.raw_data, {"type": "staff_contact", "value": {"person": hidden.pk, "note": "x"}}]

    token = token_of(preview_redirect(report, admin_user, target.mode_name))
    body = client.get(reverse("kronika-preview"), {"token": token}).content.decode()

    assert "Anna Giżycka" in body
    assert "Jan Ukryty" not in body and "ukryty@example.org" not in body and "prywatne" not in body


@pytest.mark.parametrize(
    ("params", "status"),
    [({}, 400), ({"token": "nonsense"}, 403), ({"token": "x", "fields": "*"}, 400)],
)
def test_the_preview_endpoint_refuses_requests_without_a_valid_token(client, report, params, status):
    response = client.get(reverse("kronika-preview"), params)

    assert response.status_code == status and response.json()["message"]
    assert "Opublikowany" not in response.content.decode()


def test_a_token_is_useless_once_expired_forged_or_for_another_page(client, settings, report, target, admin_user):
    token = token_of(preview_redirect(report, admin_user, target.mode_name))
    key, page_id = signing.loads(token, salt=SALT)["d"], report.pk
    other = EventReportPageFactory(parent=report.get_parent(), slug="inna")

    for forged in (
        signing.dumps({"d": key, "p": other.pk}, salt=SALT),
        signing.dumps({"d": "not-a-uuid", "p": page_id}, salt=SALT),
        signing.dumps({"d": key, "p": page_id}, salt="another.purpose"),
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
    ):
        assert client.get(reverse("kronika-preview"), {"token": forged}).status_code == 403
    # A token is no key to anything else.
    assert client.get(f"/api/v2/pages/{report.pk}/", {"token": token}).status_code == 400

    settings.KRONIKA_PREVIEW_TOKEN_SECONDS = -1
    assert client.get(reverse("kronika-preview"), {"token": token}).status_code == 403


def test_expired_drafts_are_deleted_when_the_next_preview_is_made(report, target, admin_user):
    preview_redirect(report, admin_user, target.mode_name)
    PreviewDraft.objects.update(expires_at="2000-01-01T00:00:00Z")

    preview_redirect(report, admin_user, target.mode_name)

    assert PreviewDraft.objects.count() == 1


@pytest.mark.parametrize(
    "template",
    [
        "https://partner.example.org/preview",
        "https://partner.example.org/preview?t={token}&x={secret}",
        "javascript:alert(1)//{token}",
        "https://partner.example.org/{token",
    ],
)
def test_bad_url_templates_are_refused(template):
    with pytest.raises(Exception) as error:
        validate_url_template(template)
    assert error.type.__name__ == "ValidationError"


def test_targets_are_managed_under_settings(admin_client, site_tree):
    site = Site.objects.get(is_default_site=True)
    response = admin_client.post(
        reverse("kronika_preview_targets:add"),
        {"site": site.pk, "name": "Next.js", "url_template": "https://front.example.org/api/preview?token={token}"},
    )

    assert response.status_code == 302
    assert PreviewTarget.objects.get().name == "Next.js"
    bad = admin_client.post(
        reverse("kronika_preview_targets:add"), {"site": site.pk, "name": "X", "url_template": "https://x/{oops}"}
    )
    assert bad.status_code == 200 and PreviewTarget.objects.count() == 1


def test_the_site_templates_preview_every_page_type_and_block(admin_client, site_tree):
    [report] = build_reports(site_tree, 1)
    program = FundingProgramPageFactory(parent=site_tree.programs, slug="program-podgladu")
    pages = [site_tree.home, site_tree.programs, site_tree.projects, site_tree.reports, program, report.get_parent()]

    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200, page
        assert page.title in response.content.decode()

    html = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[report.pk])).content.decode()
    for shown in (
        "Spotkanie w ramach",  # paragraph
        "Sala sesyjna",  # image caption
        "Sieciowanie to współpraca.",  # quote
        "Zdjęcia",  # gallery title
        "Anna Giżycka",  # staff contact
        "Konin",  # office
        "63 245 58 29",  # office phone
        "Zapisy",  # contact line
    ):
        assert shown in html, shown
    assert html.count("<img") >= 3
    assert "prywatne" not in html
    assert json.dumps("internal_notes") not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_previews_an_unsaved_draft_on_the_partner_front_end(live_server, page, site_tree, admin_user):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = urlsplit(live_server.url).hostname, urlsplit(live_server.url).port
    site.save()
    target = PreviewTarget.objects.create(
        site=site, name="Partner demo", url_template=live_server.url + "/partners/demo/preview/?token={token}"
    )
    project = ProjectPageFactory(parent=site_tree.projects, slug="sieciowanie")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Opublikowany tytuł", city="Gniezno")
    report.save_revision().publish()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[report.pk]))
    page.fill("#id_title", "Tytuł tylko w podglądzie")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[report.pk])
    # What the editor's preview panel does: post the form as it stands, then open the chosen mode.
    valid = page.evaluate(
        """async (url) => {
            const form = document.querySelector("form[data-edit-form]");
            const response = await fetch(url, {method: "POST", body: new FormData(form)});
            return (await response.json()).is_valid;
        }""",
        preview_url,
    )
    assert valid
    page.goto(live_server.url + preview_url + f"?mode={target.mode_name}")

    page.wait_for_url("**/partners/demo/preview/?token=*")
    expect(page.locator("#preview")).to_have_attribute("data-state", "ready")
    assert page.locator("#preview-title").inner_text() == "Tytuł tylko w podglądzie"
    assert "Gniezno" in page.locator("#preview-when").inner_text()
    assert errors == []
    report.refresh_from_db()
    assert report.title == "Opublikowany tytuł"


def test_the_demo_partner_target_is_set_up_once(site_tree, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    call_command("setup_demo_partner", stdout=StringIO())
    call_command("setup_demo_partner", stdout=StringIO())

    [target] = PreviewTarget.objects.all()
    assert target.url_template == "http://127.0.0.1:8000/partners/demo/preview/?token={token}"
    assert target.site.is_default_site
