"""PO export and import through wagtail-localize: a round trip, and refusals that change nothing."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from projects.localization.machine import translate_object

from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation(site_tree, english, django_capture_on_commit_callbacks) -> Translation:
    """An English translation of a report, submitted but with nothing translated yet."""
    with django_capture_on_commit_callbacks(execute=True):
        for page in [site_tree.home, site_tree.projects]:
            translate_object(page, english)
        project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
        translate_object(project, english)
        report = EventReportPageFactory(
            parent=project, slug="relacja", title="Sesja dialogowa", summary="Relacja z sesji.", venue="Sala sesyjna"
        )
        translate_object(report, english)
    return Translation.objects.get(source__object_id=report.translation_key, target_locale=english)


ENGLISH = {"title": "Dialogue session", "summary": "A report of the session.", "venue": "Session hall"}


def upload(client, translation: Translation, content: bytes):
    return client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile("report.po", content), "next": "/admin/"},
        follow=True,
    )


def english_strings(translation: Translation) -> dict[str, str]:
    return dict(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).values_list("context__path", "data")
    )


def filled_po(translation: Translation) -> polib.POFile:
    po = translation.export_po()
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgctxt, "")
    return po


def test_po_round_trip_through_the_admin(admin_client, translation, django_capture_on_commit_callbacks):
    exported = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(exported.content.decode())
    assert {entry.msgctxt for entry in po} >= set(ENGLISH)
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgctxt, "")

    response = upload(admin_client, translation, str(po).encode())
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target()

    assert "Imported 3 translations" in response.content.decode()
    assert english_strings(translation) == ENGLISH
    page = translation.get_target_instance()
    assert (page.title, page.summary, page.venue) == ("Dialogue session", "A report of the session.", "Session hall")
    assert page.live


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "This is not a PO file"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'msgid "a"\nmsgstr "b"\nnot po at all\n', "not a valid PO file"),
        (b'msgid "unterminated\n', "does not say which translation"),
        (b'msgid ""\nmsgstr ""\n\nmsgid "x"\nmsgstr "y"\n', "does not say which translation"),
        (b"/etc/passwd", "This is not a PO file"),
    ],
)
def test_malformed_po_is_refused_and_changes_nothing(admin_client, translation, content, message):
    before_page = translation.get_target_instance()

    response = upload(admin_client, translation, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert english_strings(translation) == {}
    after_page = translation.get_target_instance()
    assert (after_page.title, after_page.latest_revision_id) == (before_page.title, before_page.latest_revision_id)


def test_po_of_another_translation_is_refused(admin_client, translation, site_tree, english):
    other = Translation.objects.exclude(pk=translation.pk).filter(target_locale=english).first()
    po = filled_po(other)

    response = upload(admin_client, translation, str(po).encode())

    assert "belongs to another translation" in response.content.decode()
    assert english_strings(translation) == {}
    assert english_strings(other) == {}


def test_po_exported_before_the_source_changed_is_refused_whole(admin_client, translation):
    po = filled_po(translation)
    po.append(polib.POEntry(msgid="Zdanie, którego już nie ma.", msgctxt="summary", msgstr="A sentence now gone."))

    response = upload(admin_client, translation, str(po).encode())

    assert "does not match the current text" in response.content.decode()
    assert english_strings(translation) == {}


def test_upload_without_a_file_gets_a_message(admin_client, translation):
    response = admin_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"next": "/admin/"}, follow=True
    )

    assert "Choose a PO file" in response.content.decode()
