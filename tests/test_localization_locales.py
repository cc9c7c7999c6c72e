"""Locales from the settings, a home and index pages per locale, and a URL of its own for each translation."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, TranslationSource

from projects.localization.locales import ensure_locales
from projects.localization.machine import translate_object

from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_configured_locales_exist_after_migrate():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"pl", "en", "uk", "de"}


def test_new_language_gets_a_locale_and_a_dropped_one_is_kept(settings):
    # LANGUAGES too: Wagtail requires the content languages among them (the new locale's translator group is named).
    settings.WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polski"), ("en", "English"), ("cs", "Čeština")]
    settings.LANGUAGES = [*settings.LANGUAGES, ("cs", "Čeština")]

    created = ensure_locales()
    again = ensure_locales()

    assert [locale.language_code for locale in created] == ["cs"]
    assert again == []
    assert Locale.objects.filter(language_code="de").exists()


def test_setup_locales_translates_home_and_index_pages_once(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("setup_locales", stdout=StringIO())
        call_command("setup_locales", stdout=StringIO())

    for code in ["en", "uk", "de"]:
        pages = Page.objects.filter(locale__language_code=code).order_by("path")
        assert [page.specific_class.__name__ for page in pages] == [
            "HomePage",
            "FundingProgramIndexPage",
            "ProjectIndexPage",
            "EventReportIndexPage",
        ]
        # Nobody translated their titles yet: drafts, not Polish pages published as English, Ukrainian, German.
        assert not any(page.live for page in pages)


def test_setup_locales_publishes_the_structure_pages_whose_texts_are_translated(
    site_tree, english, django_capture_on_commit_callbacks
):
    for page in site_tree.home.get_descendants(inclusive=True).specific():
        source, _created = TranslationSource.update_or_create_from_instance(page)
        for segment in source.stringsegment_set.select_related("string"):
            StringTranslation.objects.create(
                translation_of=segment.string, locale=english, context=segment.context, data=f"EN {segment.string.data}"
            )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("setup_locales", stdout=StringIO())

    english_pages = Page.objects.filter(locale=english)
    assert english_pages.count() == 4 and all(page.live for page in english_pages)
    assert english_pages.get(depth=site_tree.home.depth).title == f"EN {site_tree.home.title}"
    assert not Page.objects.filter(locale__language_code="uk", live=True).exists()


def test_each_translation_answers_at_its_own_language_prefix(
    client, site_tree, english, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja dialogowa")
    with django_capture_on_commit_callbacks(execute=True):
        for page in [site_tree.home, site_tree.projects, project, report]:
            translate_object(page, english)
    translation = report.get_translation(english)
    translation.title = "Dialogue session"
    translation.save_revision().publish()

    assert report.url == "/pl/projekty/projekt/relacja/"
    assert translation.url == "/en/projekty/projekt/relacja/"
    assert "Sesja dialogowa" in client.get("/pl/projekty/projekt/relacja/").content.decode()
    assert "Dialogue session" in client.get("/en/projekty/projekt/relacja/").content.decode()
    assert client.get("/en/").status_code == 200


def test_status_report_lists_states_filters_and_draws_coverage(
    admin_client, site_tree, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(site_tree.home, english)

    response = admin_client.get(reverse("kronika_translation_status"))
    filtered = admin_client.get(
        reverse("kronika_translation_status"), {"locale": "en", "status": "missing", "type": "home.homepage"}
    )
    bad = admin_client.get(reverse("kronika_translation_status"), {"status": "nonsense", "locale": "xx"})

    body = response.content.decode()
    assert "Coverage per locale" in body
    assert 'class="bar"' in body and "width: " in body
    assert "Kronika" in body and "Relacje" in body
    assert "Nothing matches these filters." in filtered.content.decode()
    assert bad.status_code == 200
