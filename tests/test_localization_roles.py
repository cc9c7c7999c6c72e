"""The translator role: edits and submits translations in its locale, never publishes source or other locales."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from projects.localization.machine import translate_object

from .factories import EventReportPageFactory, OrganisationFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(site_tree, django_capture_on_commit_callbacks) -> dict:
    """A report in Polish with English and German translations of it and of the pages above it."""
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja")
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for code in ["en", "de"]:
            locale = Locale.objects.get(language_code=code)
            for obj in [site_tree.home, site_tree.projects, project, report, organisation]:
                translate_object(obj, locale)
    return {"report": report, "organisation": organisation}


@pytest.fixture
def translator_client(client, django_user_model, translated):
    call_command("setup_translator_group", "--locale", "en", stdout=StringIO())
    user = django_user_model.objects.create_user("translator", "t@example.org", "password")
    user.groups.add(Group.objects.get(name="Translators (en)"))
    # A translator into English, whose admin speaks English: the tests read the messages as written in the code.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def test_translator_can_open_an_english_page_in_the_translation_editor(translator_client, translated):
    english = translated["report"].get_translation(locale("en"))

    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))

    assert response.status_code == 200
    assert "data-props" in response.content.decode()


@pytest.mark.parametrize(
    ("code", "can_edit", "can_publish"), [("pl", False, False), ("en", True, False), ("de", False, False)]
)
def test_page_permissions_per_locale(translator_client, translated, django_user_model, code, can_edit, can_publish):
    user = django_user_model.objects.get(username="translator")
    page = translated["report"].get_translation(locale(code))

    permissions = page.permissions_for_user(user)

    assert (permissions.can_edit(), permissions.can_publish()) == (can_edit, can_publish)


def test_translator_cannot_publish_a_polish_page(translator_client, translated):
    report = translated["report"]
    revisions = report.revisions.count()

    response = translator_client.post(
        reverse("wagtailadmin_pages:edit", args=[report.pk]), {"title": "Zmieniony", "action-publish": "publish"}
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.revisions.count()) == ("Sesja", revisions)


def test_translator_cannot_edit_a_german_page(translator_client, translated):
    german = translated["report"].get_translation(locale("de"))

    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=[german.pk]))

    assert response.status_code != 200


@pytest.mark.parametrize(("code", "allowed"), [("en", True), ("de", False), ("pl", False)])
def test_snippets_only_in_the_translators_locale(translator_client, translated, code, allowed):
    organisation = translated["organisation"].get_translation(locale(code))
    url = reverse("wagtailsnippets_projects_organisation:edit", args=[organisation.pk])

    response = translator_client.get(url)

    assert (response.status_code == 200) is allowed


@pytest.mark.parametrize(("code", "allowed"), [("en", True), ("de", False)])
def test_translation_editor_endpoints_refuse_other_locales(translator_client, translated, code, allowed):
    translation = Translation.objects.get(
        source__object_id=translated["organisation"].translation_key, target_locale=locale(code)
    )
    segment = translation.source.stringsegment_set.first()

    translator_client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        "value=Test+Foundation",
        content_type="application/x-www-form-urlencoded",
    )

    saved = StringTranslation.objects.filter(locale=locale(code), data="Test Foundation").exists()
    assert saved is allowed


def test_setup_is_idempotent_and_refuses_the_source_locale(translated):
    call_command("setup_translator_group", "--locale", "en", stdout=StringIO())
    call_command("setup_translator_group", "--locale", "en", stdout=StringIO())
    group = Group.objects.get(name="Translators (en)")

    assert group.page_permissions.count() == 1
    assert {p.codename for p in group.permissions.all()} == {
        "access_admin",
        "change_organisation",
        "change_person",
        "change_office",
        "translate_into_en",
    }
    with pytest.raises(CommandError, match="source language"):
        call_command("setup_translator_group", "--locale", "pl", stdout=StringIO())
    with pytest.raises(CommandError, match="no home page in uk"):
        call_command("setup_translator_group", "--locale", "uk", stdout=StringIO())


def test_translator_submits_an_english_page_for_review_and_a_moderator_publishes_it(
    translator_client, translated, django_user_model
):
    english = translated["report"].get_translation(locale("en"))
    translation = Translation.objects.get(source__object_id=english.translation_key, target_locale=locale("en"))
    string = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=string.string, context=string.context, locale=locale("en"), data="Session"
    )

    report_page = translator_client.get(reverse("kronika_translation_status")).content.decode()
    response = translator_client.post(
        reverse("kronika_submit_for_review", args=[translation.pk]), {"next": "/admin/"}, follow=True
    )

    english.refresh_from_db()
    assert "Submit for review" in report_page
    assert "submitted for review" in response.content.decode()
    assert english.workflow_in_progress
    assert english.title != "Session"
    assert english.get_latest_revision_as_object().title == "Session"
    moderator = django_user_model.objects.create_superuser("moderator", "m@example.org", "password")
    english.current_workflow_task.on_action(english.current_workflow_task_state, moderator, "approve")
    english.refresh_from_db()
    assert english.title == "Session" and english.live


def test_translator_cannot_submit_a_german_translation(translator_client, translated):
    german = translated["report"].get_translation(locale("de"))
    translation = Translation.objects.get(source__object_id=german.translation_key, target_locale=locale("de"))

    translator_client.post(reverse("kronika_submit_for_review", args=[translation.pk]))

    german.refresh_from_db()
    assert not german.workflow_in_progress


def test_a_new_language_gets_a_translator_group_an_admin_can_give_in_users(admin_client, site_tree, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "French")]

    french = Locale.objects.create(language_code="fr")

    group = Group.objects.get(name="Translators (fr)")
    assert {p.codename for p in group.permissions.all()} == {
        "access_admin",
        "change_organisation",
        "change_person",
        "change_office",
        "translate_into_fr",
    }
    assert group.page_permissions.count() == 0
    assert "Translators (fr)" in admin_client.get(reverse("wagtailusers_users:add")).content.decode()

    call_command("setup_locales", stdout=StringIO())

    french_home = site_tree.home.get_translation(french)
    assert [(permission.page, permission.permission.codename) for permission in group.page_permissions.all()] == [
        (french_home.page_ptr, "change_page")
    ]
