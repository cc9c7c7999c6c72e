"""The importer in the admin: upload, preview with warnings, confirm, drafts created; bad files refused one by one."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.importing.views import UPLOADS
from projects.models import EventReportPage, Organisation

from .factories import ProjectPageFactory
from .test_importing import GNIEZNO, TEXT_REPORT

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/reports/import/"


@pytest.fixture
def project(site_tree):
    return ProjectPageFactory(parent=site_tree.projects, slug="woes", title="WOES")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(*files: tuple[str, bytes]) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, data) for name, data in files]


def test_the_form_says_the_size_limit_and_lists_projects_and_the_report_index(admin_client, project, site_tree):
    response = admin_client.get(IMPORT_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "up to 10 MB each" in content
    assert f'value="{project.pk}"' in content and f'value="{site_tree.reports.pk}"' in content


def test_a_preview_shows_each_file_with_its_warnings_and_creates_nothing(admin_client, project):
    files = upload(("szkolenie.txt", TEXT_REPORT.encode("cp1250")), (GNIEZNO.name, GNIEZNO.read_bytes()))
    organisations = Organisation.objects.count()

    response = admin_client.post(IMPORT_URL, {"parent": project.pk, "files": files})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Szkolenie dla wolontariuszy w Gnieźnie" in content and "Sesja dialogowa w Gnieźnie – relacja" in content
    assert "Read as Windows-1250" in content
    assert "looks like a photo caption" in content
    assert "Create the drafts" in content
    assert EventReportPage.objects.count() == 0
    assert Organisation.objects.count() == organisations


def test_confirming_creates_the_drafts_under_the_parent_and_removes_the_uploads(admin_client, project):
    files = upload(("szkolenie.txt", TEXT_REPORT.encode("utf-8")), (GNIEZNO.name, GNIEZNO.read_bytes()))
    preview = admin_client.post(IMPORT_URL, {"parent": project.pk, "files": files})
    token = preview.context["token"]

    response = admin_client.post(reverse("kronika_import_reports_create", args=[token]))

    assert response.status_code == 200
    drafts = EventReportPage.objects.child_of(project).order_by("title")
    assert [(draft.title, draft.live) for draft in drafts] == [
        ("Sesja dialogowa w Gnieźnie – relacja", False),
        ("Szkolenie dla wolontariuszy w Gnieźnie", False),
    ]
    assert all(draft.source_notes.exists() for draft in drafts)
    assert drafts[0].latest_revision is not None and drafts[0].owner is not None
    assert default_storage.listdir(f"{UPLOADS}/{token}") == ([], [])
    again = admin_client.post(reverse("kronika_import_reports_create", args=[token]))
    assert again.status_code == 404


def test_bad_files_get_their_own_message_and_the_good_one_is_previewed(admin_client, project):
    files = upload(("pusty.txt", b""), ("zly.docx", b"nie word"), ("szkolenie.md", TEXT_REPORT.encode()))

    response = admin_client.post(IMPORT_URL, {"parent": project.pk, "files": files})

    content = response.content.decode()
    assert "is empty" in content
    assert "is not a Word (.docx) file" in content
    assert "Szkolenie dla wolontariuszy w Gnieźnie" in content
    assert len(default_storage.listdir(f"{UPLOADS}/{response.context['token']}")[1]) == 1


def test_a_file_over_the_limit_is_not_read(admin_client, project, settings):
    settings.KRONIKA_IMPORT_MAX_FILE_BYTES = 1024 * 1024

    response = admin_client.post(
        IMPORT_URL, {"parent": project.pk, "files": upload(("duzy.txt", b"a" * (1024 * 1024 + 1)))}
    )

    assert "is larger than 1 MB" in response.content.decode()
    assert response.context["token"] == ""


def test_another_editors_upload_cannot_be_confirmed(admin_client, client, project, django_user_model):
    preview = admin_client.post(IMPORT_URL, {"parent": project.pk, "files": upload(("a.txt", TEXT_REPORT.encode()))})
    other = django_user_model.objects.create_superuser("inna", "inna@example.org", "password")
    client.force_login(other)

    response = client.post(reverse("kronika_import_reports_create", args=[preview.context["token"]]))

    assert response.status_code == 404
    assert EventReportPage.objects.count() == 0


def test_editors_who_may_add_no_report_anywhere_are_refused(client, project, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("czytelnik", "c@example.org", "password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(IMPORT_URL)

    assert (response.status_code, response.url) == (302, "/admin/")
