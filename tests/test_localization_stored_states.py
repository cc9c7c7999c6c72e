"""Stored translation states: every change that moves a state forgets it at once and stores it again on commit."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail_localize.models import StringTranslation, TranslationSource

from projects.localization.status import (
    TranslationState,
    computed_translation_states,
    keys_by_model,
    translation_status_map,
)
from projects.models import APICacheGeneration, StoredTranslationState
from projects.read_models import translation_states as stored_states

from .factories import EventReportPageFactory, OrganisationFactory, ProjectPageFactory
from .localization_fixtures import translate_everything

pytestmark = pytest.mark.django_db

S = TranslationState


def stored(obj) -> dict[str, TranslationState]:
    rows = StoredTranslationState.objects.filter(translation_key=obj.translation_key)
    return {row.language_code: TranslationState(row.state) for row in rows}


def computed(obj) -> dict[str, TranslationState]:
    states = computed_translation_states(keys_by_model([obj]))
    return {code: state for (key, code), state in states.items() if key == obj.translation_key}


@pytest.fixture
def report(site_tree, english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for page in [site_tree.home, site_tree.projects]:
            translate_everything(page, english)
        project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
        translate_everything(project, english)
        report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja dialogowa", summary="Krótko.")
        report.save_revision().publish()
    report.refresh_from_db()
    return report


def _nothing(report, english) -> None:
    pass


def _delete_a_string(report, english) -> None:
    source = TranslationSource.objects.get_for_instance(report)
    StringTranslation.objects.filter(context__object_id=source.object_id, locale=english).first().delete()


def _republish_the_source_changed(report, english) -> None:
    report.summary = "Zupełnie nowe streszczenie."
    report.save_revision().publish()


def _delete_the_translation(report, english) -> None:
    report.get_translation(english).delete()


@pytest.mark.parametrize(
    ("change", "english_state"),
    [
        (_nothing, S.UP_TO_DATE),
        (_delete_a_string, S.OUT_OF_DATE),
        (_republish_the_source_changed, S.OUT_OF_DATE),
        (_delete_the_translation, S.MISSING),
    ],
    ids=["translated", "a string translation deleted", "source republished", "translation deleted"],
)
def test_each_change_is_stored_as_computed_once_it_commits(
    report, english, django_capture_on_commit_callbacks, change, english_state
):
    assert stored(report) == {"pl": S.SOURCE, "en": S.MISSING, "uk": S.MISSING, "de": S.MISSING}
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything(report, english)

    with django_capture_on_commit_callbacks(execute=True):
        change(report, english)

    assert stored(report)["en"] == english_state
    assert stored(report) == computed(report)


def test_a_change_forgets_the_stored_state_inside_the_writers_transaction(
    report, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        translate_everything(report, english)

        # Not committed yet: nothing stale is left to read, and readers compute what is not stored.
        assert stored(report) == {}
        assert translation_status_map([report])[(report.translation_key, "en")] == S.UP_TO_DATE


def test_keys_left_by_a_transaction_whose_callbacks_never_ran_are_stored_with_the_next_commit(
    report, english, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        translate_everything(report, english)
    assert stored(report) == {}

    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(name="Ktoś inny")

    assert stored(report)["en"] == S.UP_TO_DATE


def test_snippet_states_are_stored_too(db, english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory()
    assert stored(organisation) == {"pl": S.SOURCE, "en": S.MISSING, "uk": S.MISSING, "de": S.MISSING}

    with django_capture_on_commit_callbacks(execute=True):
        organisation.copy_for_translation(english).save()

    assert stored(organisation)["en"] == S.UP_TO_DATE


def test_drafts_do_not_touch_the_stored_states(report, django_capture_on_commit_callbacks):
    before = list(StoredTranslationState.objects.values_list("pk", "computed_at"))

    with django_capture_on_commit_callbacks(execute=True):
        report.summary = "Szkic"
        report.save_revision()

    assert list(StoredTranslationState.objects.values_list("pk", "computed_at")) == before


def test_storing_all_states_again_follows_the_configured_languages(report, settings):
    StoredTranslationState.objects.filter(translation_key=report.translation_key).delete()
    settings.WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polski"), ("en", "English")]

    stored_states.store_all_states()

    assert stored(report) == {"pl": S.SOURCE, "en": S.MISSING}
    assert not StoredTranslationState.objects.exclude(language_code__in=["pl", "en"]).exists()


def test_every_migrate_stores_the_states_again(report):
    StoredTranslationState.objects.all().delete()

    call_command("migrate", verbosity=0)

    assert stored(report) == {"pl": S.SOURCE, "en": S.MISSING, "uk": S.MISSING, "de": S.MISSING}


def test_a_changed_state_makes_cached_api_answers_stale(client, report, english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything(report, english)
    cache.clear()
    english_reports = {"type": "projects.EventReportPage", "locale": "en"}
    assert (
        client.get("/api/v2/pages/", english_reports).json()["items"][0]["meta"]["translation_status"] == "up_to_date"
    )
    generation = APICacheGeneration.objects.get().value

    # A translator removing a string publishes nothing, but the translation is now out of date.
    source = TranslationSource.objects.get_for_instance(report)
    with django_capture_on_commit_callbacks(execute=True):
        StringTranslation.objects.filter(context__object_id=source.object_id, locale=english).first().delete()

    assert APICacheGeneration.objects.get().value > generation
    item = client.get("/api/v2/pages/", english_reports).json()["items"][0]
    assert item["meta"]["translation_status"] == "out_of_date"
