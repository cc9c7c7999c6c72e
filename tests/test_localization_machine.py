"""Bulk machine translation: the command and the admin action, with a fake translator, never the network."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page

from projects.localization.status import TranslationState, translation_status_map

from .factories import EventReportPageFactory, PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt", title="Sieciowanie")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja", summary="Relacja.")
    report.save_revision().publish()
    return {"project": project, "report": report, "person": PersonFactory(role="Koordynatorka")}


def run(*args: str) -> str:
    out = StringIO()
    call_command("translate_missing", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_translates_everything_missing_and_a_second_run_does_nothing(
    content, english, fake_translator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = run("--locale", "en")
    calls_after_first = len(fake_translator.calls)
    with django_capture_on_commit_callbacks(execute=True):
        second = run("--locale", "en")

    report = content["report"].get_translation(english)
    assert report.title == "[en] Sesja" and report.summary == "[en] Relacja." and report.live
    assert report.slug == "en-relacja"
    assert content["person"].get_translation(english).role == "[en] Koordynatorka"
    assert "[##############################] 10/10" in first
    assert "Translated 10 of 10 into en." in first
    assert second.strip() == "Nothing is missing or out of date in en."
    assert len(fake_translator.calls) == calls_after_first
    objects = [content["report"], content["person"]]
    assert {translation_status_map(objects)[(obj.translation_key, "en")] for obj in objects} == {
        TranslationState.UP_TO_DATE
    }


def test_out_of_date_translation_is_translated_again(
    content, english, fake_translator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run("--locale", "en")
        content["report"].summary = "Nowa relacja."
        content["report"].save_revision().publish()

        output = run("--locale", "en")

    assert "Translated 1 of 1 into en." in output
    assert content["report"].get_translation(english).summary == "[en] Nowa relacja."


def test_dry_run_lists_and_changes_nothing(content, fake_translator):
    output = run("--locale", "de", "--dry-run")

    assert "Would translate: Sesja" in output
    assert "Would translate 10 of 10 into de." in output
    assert not Page.objects.filter(locale__language_code="de").exists()
    assert fake_translator.calls == []


def test_validation_failure_is_reported_and_leaves_no_draft(
    content, english, fake_translator, django_capture_on_commit_callbacks, monkeypatch
):
    from projects.models import EventReportPage

    def refuse(page):
        if page.locale_id == english.pk:
            from django.core.exceptions import ValidationError

            raise ValidationError({"city": "Refused for the test."})

    monkeypatch.setattr(EventReportPage, "clean", refuse)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CommandError, match="1 could not be translated"),
    ):
        out = StringIO()
        call_command("translate_missing", "--locale", "en", stdout=out, stderr=out)

    assert "Failed: Sesja: city: Refused for the test." in out.getvalue()
    assert not content["report"].has_translation(english)
    assert content["project"].has_translation(english)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--locale", "xx"], "There is no locale 'xx'"),
        (["--locale", "pl"], "source language"),
    ],
)
def test_bad_arguments_get_a_clear_error(content, fake_translator, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_without_a_configured_translator_the_command_says_how_to_configure_one(content, settings):
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")

    with pytest.raises(CommandError, match="DEEPL_API_KEY"):
        run("--locale", "en")


def test_without_a_translator_the_report_hides_the_action_and_says_how_to_switch_it_on(admin_client, content):
    response = admin_client.get(reverse("kronika_translation_status"))

    assert response.status_code == 200
    assert "Machine-translate" not in response.content.decode()
    assert "Machine translation is off. To switch it on, set DEEPL_API_KEY" in response.content.decode()
    assert "WAGTAILLOCALIZE_MACHINE_TRANSLATOR" in response.content.decode()
    assert admin_client.post(reverse("kronika_translate_missing"), {"locale": "en"}, follow=True).status_code == 404


def test_admin_action_translates_with_a_progress_page(
    admin_client, content, english, fake_translator, django_capture_on_commit_callbacks
):
    assert "Translate with Fake" in admin_client.get(reverse("kronika_translation_status")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        started = admin_client.post(reverse("kronika_translate_missing"), {"locale": "en"})
    body = admin_client.get(started.url).content.decode()

    assert '<progress id="translate-progress" value="10" max="10"' in body
    assert "10 translated" in body
    assert content["report"].get_translation(english).title == "[en] Sesja"


def test_admin_action_refuses_an_unknown_locale(admin_client, content, fake_translator):
    response = admin_client.post(reverse("kronika_translate_missing"), {"locale": "pl"}, follow=True)

    assert "Choose one of the target locales." in response.content.decode()
    assert not Page.objects.filter(locale__language_code="en").exists()


@pytest.mark.parametrize(
    ("env", "translator_class"),
    [
        ({"DEEPL_API_KEY": "key:fx"}, "wagtail_localize.machine_translators.deepl.DeepLTranslator"),
        (
            {"LIBRETRANSLATE_URL": "http://mt.local/"},
            "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        ),
        ({}, None),
    ],
)
def test_settings_choose_the_translator_from_the_environment(monkeypatch, env, translator_class):
    from cms.settings.env import machine_translator_from_env

    for name in ["DEEPL_API_KEY", "LIBRETRANSLATE_URL"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    config = machine_translator_from_env()

    assert (config or {}).get("CLASS") == translator_class
    if env.get("LIBRETRANSLATE_URL"):
        assert config["OPTIONS"]["LIBRETRANSLATE_URL"] == "http://mt.local"
